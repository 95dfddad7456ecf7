#!/bin/sh
# rq-diff seed 732949, shrunk: the locality policy keeps one interval set for a whole request: the cores at the root are ranked with the memory's scores in it
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.graphml --load-format=grug --match-subsystems=CA --match-policy=locality --match-format=rv1 -d --test-output=out.txt < cmds.in
