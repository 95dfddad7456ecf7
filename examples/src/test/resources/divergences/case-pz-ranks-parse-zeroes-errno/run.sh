#!/bin/sh
# hand-made case (session 34): a ranks operand's parse zeroes errno as a hostlist's does; graph=grugs/medium.graphml
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.graphml --load-format=grug --match-subsystems=CA --match-policy=policy=low\ node_centric=true\ stop_on_1_matches=true --match-format=simple --prune-filters=ALL:core,ALL:cluster,ALL:node -d --test-output=out.txt < cmds.in
