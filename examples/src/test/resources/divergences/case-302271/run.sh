#!/bin/sh
# policy=first format=jgf_shorthand graph=generated
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.graphml --load-format=grug --match-subsystems=CA --match-policy=first --match-format=jgf_shorthand --traverser-policy=flexible -d --test-output=out.txt < cmds.in
