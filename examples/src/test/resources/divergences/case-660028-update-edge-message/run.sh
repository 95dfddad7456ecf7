#!/bin/sh
# rq-diff seed 660028 (stderr): an update refused by Fluxion's JGF reader reports its message
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.xml --load-format=hwloc --match-subsystems=CA --match-policy=low --match-format=rlite --prune-filters=ALL:cache,ALL:numanode -d --test-output=out.txt < cmds.in
