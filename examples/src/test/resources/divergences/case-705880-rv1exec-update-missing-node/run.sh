#!/bin/sh
# rq-diff seed 705880 (stderr), shrunk: an rv1exec update stops at a node the graph lacks, in the reader's words
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.json --load-format=rv1exec --match-subsystems=CA --match-policy=firstnodex --match-format=simple -d --test-output=out.txt < cmds.in
