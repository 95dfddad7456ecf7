#!/bin/sh
# policy=first format=rlite graph=hand-made (checked against Fluxion's resource-query)
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.graphml --load-format=grug --match-subsystems=CA --match-policy=first --match-format=rlite -d --test-output=out.txt < cmds.in
