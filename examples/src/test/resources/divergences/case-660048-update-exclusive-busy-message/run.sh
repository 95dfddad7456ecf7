#!/bin/sh
# rq-diff seed 660048 (stderr): an update refused by Fluxion's JGF reader reports its message
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.graphml --load-format=grug --match-subsystems=CA --match-policy=policy=low --match-format=simple -d --test-output=out.txt < cmds.in
