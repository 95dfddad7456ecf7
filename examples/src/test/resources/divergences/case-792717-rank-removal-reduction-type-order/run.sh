#!/bin/sh
# policy=lonode format=rv1 graph=jgfs/power.json, cut to ranks 0-1, 16-17 and 20
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.json --load-format=jgf --match-subsystems=CA --match-policy=lonode --match-format=rv1 --prune-filters=ALL:socket -e -d --test-output=out.txt < cmds.in
