#!/bin/sh
# NOT YET PASSING (not run by DivergenceRegressionTest until renamed case-323425): Fluxion fails the partial cancel of "remove 3-5 false" at small0 (planner_multi_reduce_span EINVAL) where flux4j's SubtreePlan.reduce succeeds. policy=locality format=simple graph=grugs/small.graphml
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.graphml --load-format=grug --match-subsystems=CA --match-policy=locality --match-format=simple -d --test-output=out.txt < cmds.in
