#!/bin/sh
# policy=high format=simple graph=generated
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.graphml --load-format=grug --match-subsystems=CA --match-policy=high --match-format=simple -d --test-output=out.txt < cmds.in
