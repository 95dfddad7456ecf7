#!/bin/sh
# rq-diff seed 760063: the locality policy's request-wide interval set, read before each type is chosen (a choice leaves a type's candidates rearranged), under the flexible traverser
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.graphml --load-format=grug --match-subsystems=CA --match-policy=locality --match-format=jgf --prune-filters=ALL:core --traverser-policy=flexible -d --test-output=out.txt < cmds.in
