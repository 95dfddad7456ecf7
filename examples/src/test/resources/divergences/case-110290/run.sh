#!/bin/sh
# policy=hinodex format=jgf graph=generated-rv1exec
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.json --load-format=rv1exec --match-subsystems=CA --match-policy=hinodex --match-format=jgf --prune-filters=ALL:core -d --test-output=out.txt < cmds.in
