#!/bin/sh
# rq-diff seed 775469, shrunk: a partial cancel of a job the graph root no longer carries logs each vertex Fluxion's exhaustive visit releases, with the errno an rv1exec R leaves
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.graphml --load-format=grug --match-subsystems=CA --match-policy=hinodex --match-format=rv1 --prune-filters=ALL:bandwidth -e -d --test-output=out.txt < cmds.in
