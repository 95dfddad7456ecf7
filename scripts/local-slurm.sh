#!/usr/bin/env bash
# A real Slurm cluster on this one machine, for flux4j's integration tests and for trying
# `flux4j workflow --executor slurm`: munged, slurmctld and NODES slurmd daemons (n1..nNODES,
# Slurm's multiple-slurmd mode, each on its own loopback port), no systemd, cgroups or accounting.
#
#   scripts/local-slurm.sh install         install Debian's slurmctld slurmd slurm-client munge if missing
#   scripts/local-slurm.sh start           start the cluster (installs nothing); prints SLURM_CONF=...
#   scripts/local-slurm.sh stop            stop exactly the daemons `start` started (by pid files)
#   scripts/local-slurm.sh status          sinfo of the cluster
#   scripts/local-slurm.sh kill-node NAME  kill one slurmd (to test node loss)
#   scripts/local-slurm.sh start-node NAME restart one slurmd
#
# Settings (environment): FLUX4J_SLURM_DIR (default /tmp/flux4j-slurm-$UID: config, state, logs,
# pid files, and the file `env` to source), NODES (3), CPUS per node (2; may exceed the real cores),
# FLUX4J_SLURM_PORT (26817: slurmctld; slurmd i listens on that + 100 + i), SLURMD_TIMEOUT (10 s: a
# killed slurmd is reported down about 2.5 times that later).
set -euo pipefail

BASE=${FLUX4J_SLURM_DIR:-/tmp/flux4j-slurm-$(id -u)}
NODES=${NODES:-3}
CPUS=${CPUS:-2}
PORT=${FLUX4J_SLURM_PORT:-26817}
CONF="$BASE/etc/slurm.conf"
PACKAGES=(slurmctld slurmd slurm-client munge)

log() { echo "local-slurm: $*" >&2; }

installed() {
  command -v munged >/dev/null && command -v slurmctld >/dev/null \
    && command -v slurmd >/dev/null && command -v srun >/dev/null
}

install() {
  if installed; then
    log "Slurm and munge are installed"
    return 0
  fi
  [ "$(id -u)" -eq 0 ] || { log "not root: cannot install ${PACKAGES[*]}"; return 1; }
  command -v apt-get >/dev/null || { log "no apt-get: install ${PACKAGES[*]} by hand"; return 1; }
  # someone else may hold the dpkg lock (another apt run): retry for up to 5 minutes
  for attempt in $(seq 1 60); do
    if apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${PACKAGES[@]}"; then
      installed && { log "installed ${PACKAGES[*]}"; return 0; }
    fi
    log "apt-get failed (attempt $attempt; dpkg lock held?), retrying in 5 s"
    sleep 5
  done
  log "could not install ${PACKAGES[*]}"
  return 1
}

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

write_conf() {
  local host; host=$(hostname -s)
  mkdir -p "$BASE"/{etc,log,state,spool,munge}
  chmod 700 "$BASE/munge"
  {
    echo "ClusterName=flux4j"
    echo "SlurmctldHost=$host(127.0.0.1)"
    echo "SlurmctldPort=$PORT"
    echo "SlurmUser=$(id -un)"
    echo "SlurmdUser=$(id -un)"
    echo "AuthType=auth/munge"
    echo "CredType=cred/munge"
    echo "AuthInfo=socket=$BASE/munge/munge.socket"
    echo "StateSaveLocation=$BASE/state"
    echo "SlurmdSpoolDir=$BASE/spool/%n"
    echo "SlurmctldPidFile=$BASE/slurmctld.pid"
    echo "SlurmdPidFile=$BASE/slurmd-%n.pid"
    echo "SlurmctldLogFile=$BASE/log/slurmctld.log"
    echo "SlurmdLogFile=$BASE/log/slurmd-%n.log"
    echo "ProctrackType=proctrack/linuxproc"
    echo "TaskPlugin=task/none"
    echo "JobAcctGatherType=jobacct_gather/none"
    echo "AccountingStorageType=accounting_storage/none"
    echo "JobCompType=jobcomp/none"
    echo "MpiDefault=none"
    echo "SelectType=select/cons_tres"
    echo "SelectTypeParameters=CR_Core"
    echo "SlurmdParameters=config_overrides"
    echo "ReturnToService=2"
    echo "SchedulerType=sched/backfill"
    echo "SlurmctldTimeout=30"
    echo "SlurmdTimeout=${SLURMD_TIMEOUT:-10}"
    echo "InactiveLimit=0"
    echo "KillWait=2"
    echo "MinJobAge=60"
    echo "MessageTimeout=5"
    for i in $(seq 1 "$NODES"); do
      echo "NodeName=n$i NodeHostname=$host NodeAddr=127.0.0.1 Port=$((PORT + 100 + i)) CPUs=$CPUS RealMemory=1000 State=UNKNOWN"
    done
    echo "PartitionName=debug Nodes=n[1-$NODES] Default=YES MaxTime=INFINITE State=UP OverSubscribe=NO"
  } > "$CONF"
  echo "export SLURM_CONF=$CONF" > "$BASE/env"
}

start_node() {
  local n=$1
  mkdir -p "$BASE/spool/$n"
  pid_alive "$BASE/slurmd-$n.pid" || SLURM_CONF="$CONF" slurmd -f "$CONF" -N "$n"
}

start() {
  installed || { log "Slurm is not installed (run: $0 install)"; return 1; }
  if pid_alive "$BASE/slurmctld.pid"; then
    log "already running in $BASE"
  else
    write_conf
    if [ ! -f "$BASE/munge/munge.key" ]; then
      dd if=/dev/urandom of="$BASE/munge/munge.key" bs=1024 count=1 status=none
      chmod 600 "$BASE/munge/munge.key"
    fi
    pid_alive "$BASE/munge/munged.pid" || munged --force --key-file="$BASE/munge/munge.key" \
      --socket="$BASE/munge/munge.socket" --pid-file="$BASE/munge/munged.pid" \
      --log-file="$BASE/log/munged.log" --seed-file="$BASE/munge/munged.seed"
    SLURM_CONF="$CONF" slurmctld -i -f "$CONF"
  fi
  for i in $(seq 1 "$NODES"); do start_node "n$i"; done
  for _ in $(seq 1 150); do
    idle=$(SLURM_CONF="$CONF" sinfo -h -N -o %T 2>/dev/null | grep -c '^idle' || true)
    if [ "$idle" -ge "$NODES" ]; then
      log "up: $NODES nodes idle"
      echo "SLURM_CONF=$CONF"
      return 0
    fi
    sleep 0.2
  done
  log "the cluster did not come up; logs in $BASE/log"
  SLURM_CONF="$CONF" sinfo -N >&2 || true
  return 1
}

stop_pidfile() {
  local f=$1 p
  [ -f "$f" ] || return 0
  p=$(cat "$f")
  if kill "$p" 2>/dev/null; then
    for _ in $(seq 1 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$p" 2>/dev/null && kill -9 "$p" 2>/dev/null
  fi
  rm -f "$f"
}

stop() {
  for f in "$BASE"/slurmd-*.pid; do stop_pidfile "$f"; done
  stop_pidfile "$BASE/slurmctld.pid"
  stop_pidfile "$BASE/munge/munged.pid"
  log "stopped ($BASE)"
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  status) SLURM_CONF="$CONF" sinfo -N ;;
  kill-node) pf="$BASE/slurmd-${2:?node name}.pid"; [ -f "$pf" ] && kill -9 "$(cat "$pf")" && rm -f "$pf" ;;
  start-node) start_node "${2:?node name}" ;;
  *) sed -n '2,16p' "$0" >&2; exit 2 ;;
esac
