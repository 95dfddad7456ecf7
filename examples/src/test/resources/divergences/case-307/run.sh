#!/bin/sh
# policy=lonode format=rv1 graph=jgfs/elastic/node-test.json
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.json --load-format=jgf --match-subsystems=CA --match-policy=lonode --match-format=rv1 -d --test-output=out.txt < cmds.in
