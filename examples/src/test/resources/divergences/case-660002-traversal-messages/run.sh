#!/bin/sh
# rq-diff seed 660002 (stderr), shrunk: a failed match reports the traversal's by_excl messages; graph=hwloc-less generated grug
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.graphml --load-format=grug --match-subsystems=CA --match-policy=hinode --match-format=rv1_shorthand -d --test-output=out.txt < cmds.in
