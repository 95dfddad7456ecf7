#!/bin/sh
# remove RANKS false under two jobs across both nodes of an rv1exec graph: the partial cancel takes what both jobs held on rank 0 from each job's span at cluster0, which empties both; the jobs' cancels then find no tag at the root and take Fluxion's exhaustive visit (mod_exv), which frees the cores' plans but keeps their tags and exclusivity spans, so those cores stay off exclusive requests
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.json --load-format=rv1exec --match-subsystems=CA --match-policy=high --match-format=simple -d --test-output=out.txt < cmds.in
