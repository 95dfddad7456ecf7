#!/bin/sh
# policy=variation format=rv1 graph=generated-rv1exec
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.json --load-format=rv1exec --match-subsystems=CA --match-policy=variation --match-format=rv1 --prune-filters=ALL:core,ALL:node,ALL:gpu -d --test-output=out.txt < cmds.in
