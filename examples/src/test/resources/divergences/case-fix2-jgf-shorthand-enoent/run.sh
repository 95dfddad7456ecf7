#!/bin/sh
# policy=first format=jgf_shorthand graph=hand-made (checked against Fluxion's resource-query)
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.json --load-format=jgf --match-subsystems=CA --match-policy=first --match-format=jgf_shorthand -d --test-output=out.txt < cmds.in
