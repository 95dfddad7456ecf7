#!/bin/sh
# rq-diff seed 356189 (also 336567): "remove 0 false" reduces job 4's aggregate at rack2 by the removed rank's counts (only node0 carries rank 0, so nothing of its core span goes) and Fluxion's mod_agfilter then drops job 4's x_checker span there anyway, keeping the tag: rack2 can be allocated exclusively again. policy=high format=jgf graph=generated-power
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.graphml --load-format=grug --match-subsystems=CA --match-policy=high --match-format=jgf -d --test-output=out.txt < cmds.in
