#!/bin/sh
# policy=low format=pretty_simple graph=generated-rv1exec
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.json --load-format=rv1exec --match-subsystems=CA --match-policy=low --match-format=pretty_simple --traverser-policy=flexible -d --test-output=out.txt < cmds.in
