#!/bin/sh
# policy=low format=simple graph=grugs/power.graphml (auxiliary power subsystem)
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.graphml --load-format=grug --match-subsystems=C+PA --match-policy=low --match-format=simple -d --test-output=out.txt < cmds.in
