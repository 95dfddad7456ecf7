#!/bin/sh
# policy=variation format=rlite graph=jgfs/elastic/node-test.json
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.json --load-format=jgf --match-subsystems=CA --match-policy=variation --match-format=rlite -d --test-output=out.txt < cmds.in
