#!/bin/sh
# policy=hinode format=simple graph=generated
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.graphml --load-format=grug --match-subsystems=CA --match-policy=hinode --match-format=simple --prune-filters=ALL:core --traverser-policy=flexible -d --test-output=out.txt < cmds.in
