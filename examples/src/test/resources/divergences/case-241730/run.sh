#!/bin/sh
# policy=policy=high node_centric=true stop_on_1_matches=true format=jgf graph=generated-rv1exec
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.json --load-format=rv1exec --match-subsystems=CA --match-policy=policy=high\ node_centric=true\ stop_on_1_matches=true --match-format=jgf --traverser-policy=flexible -d --test-output=out.txt < cmds.in
