#!/bin/sh
# policy=policy=high node_centric=true node_exclusive=true stop_on_1_matches=true format=rv1 graph=generated-power
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.graphml --load-format=grug --match-subsystems=C+PA --match-policy=policy=high\ node_centric=true\ node_exclusive=true\ stop_on_1_matches=true --match-format=rv1 -d --test-output=out.txt < cmds.in
