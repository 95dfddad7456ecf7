#!/bin/sh
# policy=hinode format=rv1_nosched graph=jgfs/elastic/node-test.json
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.json --load-format=jgf --match-subsystems=CA --match-policy=hinode --match-format=rv1_nosched -d --test-output=out.txt < cmds.in
