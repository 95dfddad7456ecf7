#!/bin/sh
# rq-diff seed 660014 (stderr), shrunk: a remove of an unknown path reports the ENOTTY that reading the command line left
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.graphml --load-format=grug --match-subsystems=CA --match-policy=policy=high --match-format=rv1 --prune-filters=ALL:memory,ALL:core -d --test-output=out.txt < cmds.in
