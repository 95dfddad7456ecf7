#!/bin/sh
# rq-diff seed 660083 (stderr): Fluxion's JGF reader stops an update at a busy vertex before a later node or edge it would refuse
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.xml --load-format=hwloc --match-subsystems=CA --match-policy=lonodex --match-format=pretty_simple --prune-filters=ALL:gpu,ALL:storage -d --test-output=out.txt < cmds.in
