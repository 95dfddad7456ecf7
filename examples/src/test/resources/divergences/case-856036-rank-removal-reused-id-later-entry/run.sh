#!/bin/sh
# policy=variation format=rlite graph=generated-power
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.graphml --load-format=grug --match-subsystems=C+PA --match-policy=variation --match-format=rlite --prune-filters=ALL:rack,ALL:core -e -d --test-output=out.txt < cmds.in
