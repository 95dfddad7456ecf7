#!/bin/sh
# an rv1exec update stops at the first vertex its reader refuses in R's order: a busy core ahead of a missing one
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.json --load-format=rv1exec --match-subsystems=CA --match-policy=first --match-format=simple -d --test-output=out.txt < cmds.in
