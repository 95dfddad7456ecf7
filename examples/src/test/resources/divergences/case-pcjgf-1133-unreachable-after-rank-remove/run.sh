#!/bin/sh
# hand-made case (session 33 targeted fuzzer, s1133); graph=graph.json
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.json --load-format=jgf --match-subsystems=CA --match-policy=first --match-format=simple --prune-filters=ALL:core,ALL:node,ALL:memory -d --test-output=out.txt < cmds.in
