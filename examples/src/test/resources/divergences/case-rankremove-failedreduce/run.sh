#!/bin/sh
# remove RANKS false that Fluxion fails (rq-diff seed 320346): the partial cancel takes the 6 cores both jobs held on rank 0 from each job's span at cluster0, more than job 2's 2 cores, so it stops with "can't partial cancel subgraph" after rank 0's vertices were cleared: their plans are free but their exclusivity spans (the x_checker planner, which clear_vertex does not reset) stay, without a job, and the vertices are not removed
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.json --load-format=rv1exec --match-subsystems=CA --match-policy=high --match-format=simple -d --test-output=out.txt < cmds.in
