#!/usr/bin/env bash
# `make start`: the portal on the embedded defaults (SQLite, in-memory cache,
# guest sign-in) against the simulated fleet of platform-sandbox.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
scripts/install.sh
configs=(--config "$ROOT/app-config.yaml")
if [ -f packages/platform-sandbox/src/cli.ts ]; then
  sandbox_pgid=$(scripts/start-sandbox.sh)
  trap 'kill -- -"$sandbox_pgid" 2>/dev/null || true' EXIT INT TERM
  configs+=(--config "$ROOT/.sandbox/app-config.sandbox.yaml")
  echo "platform-sandbox is running; endpoints and credentials: .sandbox/sandbox.json"
  # PLATFORM_REAL_CLUSTERS=N: the sandbox's first N clusters (management
  # first) on real control planes; the other upstreams stay on the sandbox.
  if [ -n "${PLATFORM_REAL_CLUSTERS:-}" ]; then
    kube_env=$(scripts/kube-binaries.sh) && while IFS= read -r line; do [ -n "$line" ] && export "$line"; done <<< "$kube_env"
    # Tokens, keys and kubeconfigs outside the repository.
    real_dir=$(mktemp -d)
    real_pgid=$(scripts/real-clusters.sh start "$real_dir/state.json" --profile demo \
      --count "$PLATFORM_REAL_CLUSTERS" \
      --sandbox-description "$ROOT/.sandbox/sandbox.json" \
      --sandbox-app-config "$ROOT/.sandbox/app-config.sandbox.yaml" \
      --app-config-out "$ROOT/.sandbox/app-config.real-clusters.yaml")
    trap 'scripts/real-clusters.sh stop "$real_pgid"; rm -rf "$real_dir"; kill -- -"$sandbox_pgid" 2>/dev/null || true' EXIT INT TERM
    scripts/real-clusters.sh wait "$real_dir/state.json" 600
    grep -v "^ " "$real_dir/launcher.log" | grep "answer after" || true
    set -a
    source "$real_dir/tokens.env"
    set +a
    configs+=(--config "$ROOT/.sandbox/app-config.real-clusters.yaml")
    echo "Real clusters: state (URLs, CA and token files, kubeconfigs) in $real_dir/state.json"
  fi
fi
echo "Starting the portal: frontend http://localhost:3000, backend http://localhost:7007"
yarn start "${configs[@]}"
