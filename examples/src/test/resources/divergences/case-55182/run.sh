#!/bin/sh
# policy=lonode format=jgf graph=grugs/mt-storage/mtl3.graphml
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.graphml --load-format=grug --match-subsystems=CA --match-policy=lonode --match-format=jgf -d --test-output=out.txt < cmds.in
