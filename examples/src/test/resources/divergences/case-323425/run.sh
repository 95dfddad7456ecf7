#!/bin/sh
# rq-diff seed 323425 (also 322185): Fluxion fails the partial cancel of "remove 3-5 false" at small0: the memory-only jobs' core spans there hold 0, a live per-type span, and a first reduction by more than 0 is planner_reduce_span's EINVAL. policy=locality format=simple graph=grugs/small.graphml
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.graphml --load-format=grug --match-subsystems=CA --match-policy=locality --match-format=simple -d --test-output=out.txt < cmds.in
