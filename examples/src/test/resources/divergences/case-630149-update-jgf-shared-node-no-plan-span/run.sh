#!/bin/sh
# policy=policy=low node_centric=true node_exclusive=true format=jgf_shorthand graph=generated-rv1exec
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.json --load-format=rv1exec --match-subsystems=CA --match-policy=policy=low\ node_centric=true\ node_exclusive=true --match-format=jgf_shorthand --prune-filters=ALL:core -d --test-output=out.txt < cmds.in
