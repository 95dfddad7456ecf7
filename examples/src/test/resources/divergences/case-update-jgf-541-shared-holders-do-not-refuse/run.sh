#!/bin/sh
# hand-made case (session 33 targeted fuzzer, u541); graph=graph.json
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.json --load-format=jgf --match-subsystems=CA --match-policy=lonode --match-format=jgf -d --test-output=out.txt < cmds.in
