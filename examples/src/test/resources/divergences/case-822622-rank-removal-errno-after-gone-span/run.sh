#!/bin/sh
# policy=locality format=rv1_nosched graph=generated
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.graphml --load-format=grug --match-subsystems=CA --match-policy=locality --match-format=rv1_nosched -d --test-output=out.txt < cmds.in
