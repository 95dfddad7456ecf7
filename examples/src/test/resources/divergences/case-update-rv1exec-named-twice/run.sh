#!/bin/sh
# an rv1exec update that names a child twice, or a node again after it took the whole rank, is refused at that vertex: the update's own span holds it
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.json --load-format=rv1exec --match-subsystems=CA --match-policy=first --match-format=simple -d --test-output=out.txt < cmds.in
