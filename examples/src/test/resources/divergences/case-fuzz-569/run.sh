#!/bin/sh
# policy=locality format=jgf graph=generated-rv1exec
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.json --load-format=rv1exec --match-subsystems=CA --match-policy=locality --match-format=jgf --prune-filters=ALL:node -d --test-output=out.txt < cmds.in
