#!/bin/sh
# policy=low format=rlite graph=generated
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.graphml --load-format=grug --match-subsystems=CA --match-policy=low --match-format=rlite --prune-filters=ALL:core -d --test-output=out.txt < cmds.in
