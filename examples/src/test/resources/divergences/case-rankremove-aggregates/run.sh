#!/bin/sh
# remove RANKS false after a job across both nodes: Fluxion's partial cancel takes from the ancestors only what the jobs held on the rank's vertices (the node: nothing), so rack0 and tiny0 keep counting the job's 40 cores against the 36 left, and smaller requests find nothing until it is cancelled
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.graphml --load-format=grug --match-subsystems=CA --match-policy=high --match-format=simple -d --test-output=out.txt < cmds.in
