#!/bin/sh
# policy=firstnodex format=jgf_shorthand graph=generated
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.graphml --load-format=grug --match-subsystems=CA --match-policy=firstnodex --match-format=jgf_shorthand -d --test-output=out.txt < cmds.in
