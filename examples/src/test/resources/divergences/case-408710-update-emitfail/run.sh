#!/bin/sh
# policy=policy=high node_centric=true node_exclusive=true stop_on_1_matches=true format=rlite graph=generated-rv1exec (shrunk from rq-diff seed 408710)
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.json --load-format=rv1exec --match-subsystems=CA --match-policy=policy=high\ node_centric=true\ node_exclusive=true\ stop_on_1_matches=true --match-format=rlite --prune-filters=ALL:core --traverser-policy=flexible -d --test-output=out.txt < cmds.in
