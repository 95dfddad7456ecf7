#!/bin/sh
# Builds probe.c against the flux-core built under /work/fluxion (or $FLUX_CORE) into /tmp
# and runs it on stdin. Nothing here is committed as a binary.
set -e
CORE=${FLUX_CORE:-/work/fluxion/flux-core}
OUT=${TMPDIR:-/tmp}/flux4j-fluxion-probe
cc -O0 -o "$OUT" "$(dirname "$0")/probe.c" -I"$CORE/src/include" -I"$CORE" \
  -L"$CORE/src/common/.libs" -lflux-hostlist -lflux-idset -Wl,-rpath,"$CORE/src/common/.libs"
exec "$OUT"
