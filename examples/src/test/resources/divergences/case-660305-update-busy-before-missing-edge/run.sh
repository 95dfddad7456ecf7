#!/bin/sh
# rq-diff seed 660305 (stderr): Fluxion's JGF reader stops an update at a busy vertex before a later node or edge it would refuse
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.xml --load-format=hwloc --match-subsystems=CA --match-policy=first --match-format=rv1 --load-allowlist=node,socket,core,gpu,storage -d --test-output=out.txt < cmds.in
