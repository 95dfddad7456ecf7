#!/bin/sh
# rq-diff seed 750004 with -e (probe), shrunk: a removal of ranks leaves zero visit counts, which a match failing before its first select reports
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.graphml --load-format=grug --match-policy=lonode --match-format=simple -e -d --test-output=out.txt < cmds.in
