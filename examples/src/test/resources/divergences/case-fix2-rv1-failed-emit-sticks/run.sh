#!/bin/sh
# policy=first format=rv1 graph=jgfs/elastic/node-test.json (hand-made, checked against Fluxion's resource-query)
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.json --load-format=jgf --match-subsystems=CA --match-policy=first --match-format=rv1 -d --test-output=out.txt < cmds.in
