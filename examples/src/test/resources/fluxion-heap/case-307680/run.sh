#!/bin/sh
# policy=first format=simple graph=generated-power
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.graphml --load-format=grug --match-subsystems=CA --match-policy=first --match-format=simple -d --test-output=out.txt < cmds.in
