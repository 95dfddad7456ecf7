#!/bin/sh
# update-reserve: an update from R records allocations even for a reservation
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.json --load-format=rv1exec --match-policy=first --match-format=rv1_nosched -d --test-output=out.txt < cmds.in
