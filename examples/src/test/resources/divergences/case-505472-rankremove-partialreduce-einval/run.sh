#!/bin/sh
# policy=low format=simple graph=generated-rv1exec
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.json --load-format=rv1exec --match-subsystems=CA --match-policy=low --match-format=simple --prune-filters=ALL:core,ALL:gpu -d --test-output=out.txt < cmds.in
