#!/bin/sh
# rq-diff seed 670874, shrunk; policy=policy=low node_centric=true stop_on_1_matches=true format=jgf graph=grugs/medium.graphml
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.graphml --load-format=grug --match-subsystems=CA --match-policy=policy=low\ node_centric=true\ stop_on_1_matches=true --match-format=jgf --prune-filters=ALL:core,ALL:cluster,ALL:node -d --test-output=out.txt < cmds.in
