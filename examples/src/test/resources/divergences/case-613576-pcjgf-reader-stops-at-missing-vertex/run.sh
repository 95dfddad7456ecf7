#!/bin/sh
# policy=policy=high node_centric=true node_exclusive=true stop_on_1_matches=true format=simple graph=../hwloc-data/001N/node_local_storage/catalyst/0.xml
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.xml --load-format=hwloc --match-subsystems=CA --match-policy=policy=high\ node_centric=true\ node_exclusive=true\ stop_on_1_matches=true --match-format=simple --load-allowlist=node,socket,core,gpu,storage -d --test-output=out.txt < cmds.in
