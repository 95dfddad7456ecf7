#!/bin/sh
# rq-diff seed 673901 (stderr), shrunk: the rlite writer's emit leaves errno as it was
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.graphml --load-format=grug --match-subsystems=CA --match-policy=first --match-format=rlite -d --test-output=out.txt < cmds.in
