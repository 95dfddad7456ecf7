#!/bin/sh
# rq-diff seed 382516: job 4's reservation search reaches 14400 only after planner_multi_avail_time_first met 7200, where the first planner (memory) fits and the node planner does not: planner_avail_during leaves EBUSY there. The select at 14400 sets no errno and the update commits nothing (no slot), so Fluxion reports busy; the ENODEV of the failed select at now would say "Unsatisfiable request". policy=first format=rv1_shorthand graph=generated
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.graphml --load-format=grug --match-subsystems=CA --match-policy=first --match-format=rv1_shorthand --prune-filters=ALL:memory,ALL:core,ALL:node -d --test-output=out.txt < cmds.in
