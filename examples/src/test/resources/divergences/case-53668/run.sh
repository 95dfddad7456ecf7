#!/bin/sh
# policy=lonode format=rlite graph=jgfs/tiny.json
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.json --load-format=jgf --match-subsystems=CA --match-policy=lonode --match-format=rlite -d --test-output=out.txt < cmds.in
