#!/bin/sh
# policy=policy=high format=jgf graph=grugs/coarse_iobw.graphml
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.graphml --load-format=grug --match-subsystems=CA --match-policy=policy=high --match-format=jgf -d --test-output=out.txt < cmds.in
