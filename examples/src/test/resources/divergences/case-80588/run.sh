#!/bin/sh
# policy=locality format=simple graph=rv1exec/tiny_rv1exec.json
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.json --load-format=rv1exec --match-subsystems=CA --match-policy=locality --match-format=simple --prune-filters=ALL:gpu,ALL:core -d --test-output=out.txt < cmds.in
