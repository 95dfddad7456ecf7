#!/bin/sh
# policy=variation format=jgf_shorthand graph=grugs/coarse_iobw.graphml
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.graphml --load-format=grug --match-subsystems=CA --match-policy=variation --match-format=jgf_shorthand -d --test-output=out.txt < cmds.in
