#!/bin/sh
# policy=low format=jgf graph=power (hand-made: find agfilter=true; the power subsystem's leaves are not tracked at the cluster)
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} -L graph.graphml -f grug -P low -F jgf -t out.txt < cmds.in
