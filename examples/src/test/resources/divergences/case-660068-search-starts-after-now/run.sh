#!/bin/sh
# rq-diff seed 660068 (stderr), shrunk: resource-query's reservation search starts after now, as Fluxion's: no extra select at now, so no extra by_excl messages (nor visits)
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.graphml --load-format=grug --match-subsystems=CA --match-policy=firstnodex --match-format=rlite --prune-filters=ALL:gpu -d --test-output=out.txt < cmds.in
