#!/bin/sh
# policy=policy=high node_centric=true node_exclusive=true stop_on_1_matches=true format=simple graph=generated
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.graphml --load-format=grug --match-subsystems=CA --match-policy=policy=high\ node_centric=true\ node_exclusive=true\ stop_on_1_matches=true --match-format=simple -d --test-output=out.txt < cmds.in
