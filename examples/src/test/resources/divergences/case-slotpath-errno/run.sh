#!/bin/sh
# policy=low format=rv1_nosched graph=cluster>node[2]>socket[2]>core[4] (hand-made: node->slot->core, Fluxion's uncommitted update and its leftover errno)
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} -L graph.graphml -f grug -P low -F rv1_nosched -t out.txt < cmds.in
