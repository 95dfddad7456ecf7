#!/bin/sh
# remove RANKS false on a GRUG graph (rq-diff seed 320021): only the node carries the rank, so only the node goes; its sockets and cores stay, found by path (get-status, set-status, set-property, get-property answer) but unreachable from the root, their own remove fails, a core under one goes
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.graphml --load-format=grug --match-subsystems=CA --match-policy=high --match-format=simple -d --test-output=out.txt < cmds.in
