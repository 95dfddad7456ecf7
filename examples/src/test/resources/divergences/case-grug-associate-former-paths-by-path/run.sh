#!/bin/sh
# a GRUG associate edge (ASSOCIATE_IN) re-paths a vertex: Fluxion's by_path keeps its former path, counted in the -e load statistics and still found by get-status
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=mtl3.graphml --load-format=grug -e -d --test-output=out.txt < cmds.in
