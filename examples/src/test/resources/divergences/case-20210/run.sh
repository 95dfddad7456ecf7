#!/bin/sh
# policy=low format=simple graph=grugs/advanced_test.graphml
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.graphml --load-format=grug --match-subsystems=CA --match-policy=low --match-format=simple --traverser-policy=flexible -d --test-output=out.txt < cmds.in
