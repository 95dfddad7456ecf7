#!/bin/sh
# rq-diff seed 360060 (also 358207): Fluxion aborts (exit 134) in a partial-cancel whose reduction reads job 1's multi-span ids past their end (the cluster vertex of coarse_iobw learns bandwidth on the re-prime after the path remove): resource-query's remove catches that std::out_of_range, its partial-cancel does not, so std::terminate prints libstdc++'s two lines. policy=lonodex format=rv1_nosched graph=grugs/coarse_iobw.graphml
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.graphml --load-format=grug --match-subsystems=CA --match-policy=lonodex --match-format=rv1_nosched -d --test-output=out.txt < cmds.in
