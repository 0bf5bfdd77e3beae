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
fi
echo "Starting the portal: frontend http://localhost:3000, backend http://localhost:7007"
yarn start "${configs[@]}"
