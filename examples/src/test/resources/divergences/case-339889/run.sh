#!/bin/sh
# rq-diff seed 339889 (also 350225): after the path remove, the re-prime gives pfsbw_test0 (the cluster anchor of ALL:core) the bandwidth type, inserted before old types in its planner_multi, so job 1's multi-span there holds 4 per-type span ids for 5 planners; the partial cancel of "remove 83 false" reads id 4 with vector::at (planner_multi_reduce_span), resource-query prints the std::out_of_range and skips the rest of the removal, and "c 1" then fails in planner_multi_rem_span. policy=first format=rv1 graph=grugs/coarse_iobw.graphml
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.graphml --load-format=grug --match-subsystems=CA --match-policy=first --match-format=rv1 -d --test-output=out.txt < cmds.in
