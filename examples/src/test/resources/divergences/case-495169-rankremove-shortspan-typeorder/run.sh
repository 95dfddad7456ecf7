#!/bin/sh
# policy=policy=low format=pretty_simple graph=grugs/coarse_iobw.graphml
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.graphml --load-format=grug --match-subsystems=CA --match-policy=policy=low --match-format=pretty_simple -d --test-output=out.txt < cmds.in
