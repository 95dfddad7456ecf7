#!/bin/sh
# policy=locality format=jgf_shorthand graph=grugs/mt-storage/mtl3.graphml
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.graphml --load-format=grug --match-subsystems=CA --match-policy=locality --match-format=jgf_shorthand -d --test-output=out.txt < cmds.in
