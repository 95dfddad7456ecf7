#!/bin/sh
# hand-made beside rq-diff seed 356189: a partial cancel of rank 5 reduces job 1's aggregate at rack4 without emptying it (node4 still holds a core); Fluxion's mod_agfilter drops job 1's x_checker span there anyway and keeps the tag, so rack4 (with pdu2, no cores asked) is allocated exclusively while job 1 still runs below it. policy=high format=jgf graph=generated-power with two nodes per rack
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.graphml --load-format=grug --match-subsystems=CA --match-policy=high --match-format=jgf -d --test-output=out.txt < cmds.in
