#!/bin/sh
# rq-diff seed 660033 (stderr): an update refused by Fluxion's JGF reader reports its message
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.graphml --load-format=grug --match-subsystems=CA --match-policy=policy=low\ stop_on_1_matches=true --match-format=rv1_shorthand -d --test-output=out.txt < cmds.in
