#!/usr/bin/env bash
# Starts platform-sandbox in the background (its own process group) and waits
# until it has written .sandbox/app-config.sandbox.yaml. Prints its PGID.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
mkdir -p .sandbox
rm -f .sandbox/app-config.sandbox.yaml
# PLATFORM_SANDBOX_CLUSTERS=N (and PLATFORM_SANDBOX_SEED=S) generate a fleet
# of N clusters instead of the demo scenario, e.g. to see the portal at scale.
fleet=()
if [ -n "${PLATFORM_SANDBOX_CLUSTERS:-}" ]; then
  fleet=(--clusters "$PLATFORM_SANDBOX_CLUSTERS" --seed "${PLATFORM_SANDBOX_SEED:-1}")
fi
# kubectl explain finds the built-in kinds' schemas once the Go module cache
# holds the pinned k8s.io/kubernetes (scripts/kube-binaries.sh puts it there).
kube_version=$(awk '$1 == "k8s.io/kubernetes" && $2 ~ /^v/ { print $2; exit }' tools/kube/go.mod)
go_bin=$(command -v go || echo /usr/local/go/bin/go)
if [ -x "$go_bin" ]; then
  spec_dir="$("$go_bin" env GOMODCACHE 2>/dev/null)/k8s.io/kubernetes@$kube_version/api/openapi-spec/v3"
  if [ -d "$spec_dir" ]; then fleet+=(--openapi-spec-dir "$spec_dir"); fi
fi
setsid yarn workspace @platform-portal/platform-sandbox start "${fleet[@]}" "$@" \
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
