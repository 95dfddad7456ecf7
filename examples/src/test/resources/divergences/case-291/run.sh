#!/bin/sh
# policy=variation format=rlite graph=grugs/mt-storage/mtl1.graphml
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.graphml --load-format=grug --match-subsystems=CA --match-policy=variation --match-format=rlite -d --test-output=out.txt < cmds.in
