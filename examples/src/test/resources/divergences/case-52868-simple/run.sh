#!/bin/sh
# policy=lonode format=simple graph=generated
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.graphml --load-format=grug --match-subsystems=CA --match-policy=lonode --match-format=simple -d --test-output=out.txt < cmds.in
