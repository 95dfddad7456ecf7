#!/bin/sh
# hand-made JGF partial-cancel case (session 33 targeted fuzzer, s21); graph=graph.json
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.json --load-format=jgf --match-subsystems=CA --match-policy=lonode --match-format=simple --prune-filters=ALL:core,ALL:node,ALL:memory -d --test-output=out.txt < cmds.in
