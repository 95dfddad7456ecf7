#!/bin/sh
# rq-diff seed 336567: after "remove 1 false" left job tags without exclusivity spans at the removed rank's ancestors (mod_agfilter drops the x_checker span where the job keeps units), Fluxion's without_allocating_future finds rack+pdu; see case-356189. policy=lonodex format=rv1 graph=generated-power
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.graphml --load-format=grug --match-subsystems=C+PA --match-policy=lonodex --match-format=rv1 -d --test-output=out.txt < cmds.in
