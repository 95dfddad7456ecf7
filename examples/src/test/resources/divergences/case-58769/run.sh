#!/bin/sh
# policy=first format=pretty_simple graph=grugs/mt-storage/mtl3.graphml
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.graphml --load-format=grug --match-subsystems=CA --match-policy=first --match-format=pretty_simple --prune-filters=ALL:memory,ALL:core,ALL:ssd -d --test-output=out.txt < cmds.in
