#!/bin/sh
# policy=first format=rv1_shorthand graph=generated-rv1exec
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.json --load-format=rv1exec --match-subsystems=CA --match-policy=first --match-format=rv1_shorthand -d --test-output=out.txt < cmds.in
