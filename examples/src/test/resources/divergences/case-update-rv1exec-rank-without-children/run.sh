#!/bin/sh
# an rv1exec update whose rank names no child is refused (update_exclusivity), not taken as the whole node
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.json --load-format=rv1exec --match-subsystems=CA --match-policy=first --match-format=simple -d --test-output=out.txt < cmds.in
