#!/bin/sh
# jobspec-negduration
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.json --load-format=jgf --match-policy=low --match-format=simple -d --test-output=out.txt < cmds.in
