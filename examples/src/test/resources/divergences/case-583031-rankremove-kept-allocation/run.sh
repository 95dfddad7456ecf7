#!/bin/sh
# policy=locality format=rv1 graph=generated-power
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.graphml --load-format=grug --match-subsystems=C+PA --match-policy=locality --match-format=rv1 --prune-filters=ALL:cluster,ALL:pdu -d --test-output=out.txt < cmds.in
