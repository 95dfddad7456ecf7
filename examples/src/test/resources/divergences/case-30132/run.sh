#!/bin/sh
# policy=low format=jgf graph=grugs/power.graphml
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.graphml --load-format=grug --match-subsystems=C+PA --match-policy=low --match-format=jgf -d --test-output=out.txt < cmds.in
