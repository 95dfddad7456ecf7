#!/bin/sh
# policy=variation format=rv1_shorthand graph=rv1exec/tiny_rv1exec.json
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.json --load-format=rv1exec --match-subsystems=CA --match-policy=variation --match-format=rv1_shorthand -d --test-output=out.txt < cmds.in
