#!/usr/bin/env bash
# Starts platform-sandbox in the background (its own process group) and waits
# until it has written .sandbox/app-config.sandbox.yaml. Prints its PGID.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
mkdir -p .sandbox
rm -f .sandbox/app-config.sandbox.yaml
setsid yarn workspace @platform-portal/platform-sandbox start "$@" \
  > .sandbox/sandbox.log 2>&1 < /dev/null &
pid=$!
for _ in $(seq 1 120); do
  if [ -f .sandbox/app-config.sandbox.yaml ]; then
    echo "$pid"
    exit 0
  fi
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "platform-sandbox exited; see .sandbox/sandbox.log" >&2
    tail -20 .sandbox/sandbox.log >&2
    exit 1
  fi
  sleep 0.5
done
echo "platform-sandbox did not write .sandbox/app-config.sandbox.yaml within 60 s" >&2
exit 1
