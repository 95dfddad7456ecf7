#!/bin/sh
# rq-diff seed 704059 (stderr), shrunk: an rv1exec update stops at a child the graph lacks (removed), in the reader's words
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.json --load-format=rv1exec --match-subsystems=CA --match-policy=low --match-format=jgf_shorthand -d --test-output=out.txt < cmds.in
