#!/bin/sh
# policy=low format=rv1_shorthand graph=generated
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.graphml --load-format=grug --match-subsystems=CA --match-policy=low --match-format=rv1_shorthand --traverser-policy=flexible -d --test-output=out.txt < cmds.in
