#!/bin/sh
# policy=hinode format=jgf graph=rv1exec/tiny_rv1exec.json
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.json --load-format=rv1exec --match-subsystems=CA --match-policy=hinode --match-format=jgf -d --test-output=out.txt < cmds.in
