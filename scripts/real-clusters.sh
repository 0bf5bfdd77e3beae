#!/usr/bin/env bash
# Real control planes (platform-sandbox's realClusters launcher), in the
# background in their own process group.
#   real-clusters.sh start STATE_FILE [launcher args]  prints the launcher's PGID
#   real-clusters.sh wait STATE_FILE [SECONDS]         until STATE_FILE is written
#   real-clusters.sh stop PGID                         SIGTERM, then what is left
# The launcher writes STATE_FILE (URLs, CA and token files, kubeconfigs) once
# every cluster answers; PLATFORM_REAL_KUBE_STATE=STATE_FILE points tests and
# the portal at it.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
command=${1:?start, wait or stop}
shift
case "$command" in
  start)
    state=${1:?state file}
    shift
    mkdir -p "$(dirname "$state")"
    chmod 700 "$(dirname "$state")"
    rm -f "$state"
    setsid yarn workspace @platform-portal/platform-sandbox real-clusters \
      --state "$state" "$@" > "$(dirname "$state")/launcher.log" 2>&1 < /dev/null &
    echo $! > "$(dirname "$state")/launcher.pid"
    echo $!
    ;;
  wait)
    state=${1:?state file}
    deadline=$((SECONDS + ${2:-240}))
    log="$(dirname "$state")/launcher.log"
    until [ -f "$state" ]; do
      if [ "$SECONDS" -ge "$deadline" ] || ! kill -0 "$(cat "$(dirname "$state")/launcher.pid")" 2>/dev/null; then
        echo "the real clusters did not start; see $log" >&2
        tail -20 "$log" >&2 || true
        exit 1
      fi
      sleep 0.5
    done
    ;;
  stop)
    pgid=${1:?pgid}
    kill -TERM -- "-$pgid" 2>/dev/null || exit 0
    # The launcher gives each API server and etcd 10 s to stop before it
    # kills them; killing the launcher sooner would orphan them.
    for _ in $(seq 1 120); do
      kill -0 -- "-$pgid" 2>/dev/null || exit 0
      sleep 0.5
    done
    kill -KILL -- "-$pgid" 2>/dev/null || true
    ;;
  *)
    echo "usage: $0 start|wait|stop" >&2
    exit 2
    ;;
esac
