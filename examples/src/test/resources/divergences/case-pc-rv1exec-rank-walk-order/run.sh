#!/bin/sh
# policy=low format=simple graph=jgfs/elastic/tiny-partial-cancel.json (a hand-made case: a rank partial cancel walks its ranks in Fluxion's unordered_set order and stops at a vertex whose exclusivity span an earlier reduction dropped)
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.json --load-format=jgf --match-subsystems=CA --match-policy=low --match-format=simple -d --test-output=out.txt < cmds.in
