#!/bin/sh
# remove RANKS false that Fluxion fails (rq-diff seed 334603): clear_vertex resets each cleared vertex's pruning filter (planner_multi_reset) but keeps it, so the nodes of ranks 0-1, which stay in the graph after the failure, still have an agfilter (empty, with its totals): find agfilter=true lists them and a later match updates them. flux4j dropped the filter, so find skipped those nodes (its JGF output, printed with the next match's, lacked them) (policy=hinodex format=rv1_shorthand graph=grugs/mt-storage/mtl3.graphml)
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.graphml --load-format=grug --match-subsystems=CA --match-policy=hinodex --match-format=rv1_shorthand -d --test-output=out.txt < cmds.in
