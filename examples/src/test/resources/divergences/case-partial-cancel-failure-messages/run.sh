#!/bin/sh
# partial-cancel failures print the traverser's messages on stdout, as Fluxion's do_partial_remove (rq-diff seed 740003 with stdout compared)
# usage: RQ=<resource-query command> ./run.sh
cd "$(dirname "$0")" && ${RQ:?set RQ} --load-file=graph.json --load-format=rv1exec --match-policy=low -d --test-output=out.txt < cmds.in
