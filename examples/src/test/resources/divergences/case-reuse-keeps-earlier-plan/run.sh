#!/bin/sh
# policy=locality format=rv1_shorthand graph=generated-rv1exec; hand case: job id 1 reused after a failed emit keeps the earlier plan spans where the new match only shares a vertex (node0, cluster0) or reserves what the earlier one allocated (gpu1); a cancel frees the allocation and leaves the reservation
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.json --load-format=rv1exec --match-subsystems=CA --match-policy=locality --match-format=rv1_shorthand --prune-filters=ALL:gpu -d --test-output=out.txt < cmds.in
