#!/bin/sh
# policy=lonodex format=jgf_shorthand graph=generated-rv1exec
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.json --load-format=rv1exec --match-subsystems=CA --match-policy=lonodex --match-format=jgf_shorthand --traverser-policy=flexible -d --test-output=out.txt < cmds.in
