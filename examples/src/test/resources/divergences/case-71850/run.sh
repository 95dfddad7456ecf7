#!/bin/sh
# policy=lonodex format=pretty_simple graph=jgfs/elastic/node-test.json
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.json --load-format=jgf --match-subsystems=CA --match-policy=lonodex --match-format=pretty_simple -d --test-output=out.txt < cmds.in
