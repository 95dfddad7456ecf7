#!/bin/sh
# rq-diff seed 660007 (stderr), shrunk: a failed match reports dom_slot's not enough slots
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.graphml --load-format=grug --match-subsystems=CA --match-policy=hinode --match-format=jgf --prune-filters=ALL:pfs,ALL:gpu --traverser-policy=flexible -d --test-output=out.txt < cmds.in
