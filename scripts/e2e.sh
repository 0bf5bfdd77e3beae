#!/usr/bin/env bash
# Starts the sandbox and the portal, runs the Playwright tests in Debian's
# Chromium, stops everything. Reports to .test-results/e2e.json and saves
# screenshots in .test-results/screenshots. PLATFORM_SANDBOX_CLUSTERS=N runs
# them on a generated fleet of N clusters (tests that need the demo fleet skip).
set -uo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
mkdir -p .test-results/screenshots
log=.test-results/portal.log
pgids=()
cleanup() {
  for pgid in "${pgids[@]}"; do kill -- -"$pgid" 2>/dev/null || true; done
}
trap cleanup EXIT

configs=(--config "$ROOT/app-config.yaml")
if [ -f packages/platform-sandbox/src/cli.ts ]; then
  if sandbox_pgid=$(scripts/start-sandbox.sh); then
    pgids+=("$sandbox_pgid")
    configs+=(--config "$ROOT/.sandbox/app-config.sandbox.yaml")
  else
    echo "e2e: the sandbox did not start; the end-to-end tests need it" >&2
    exit 1
  fi
fi
# With PLATFORM_TEST_POSTGRES_URL set (make test sets it) the backend runs on
# a real PostgreSQL instead of the embedded SQLite.
if [ -n "${PLATFORM_TEST_POSTGRES_URL:-}" ]; then
  export APP_CONFIG_backend_database_client=pg
  export APP_CONFIG_backend_database_connection="$PLATFORM_TEST_POSTGRES_URL"
  export APP_CONFIG_backend_database_prefix="pp_e2e_$(date +%s)_"
fi
BROWSER=none setsid yarn start "${configs[@]}" > "$log" 2>&1 < /dev/null &
pgids+=("$!")

ready=0
for _ in $(seq 1 240); do
  if grep -q 'Backend startup failed' "$log"; then
    break
  fi
  if curl -sf http://localhost:7007/.backstage/health/v1/readiness >/dev/null &&
     curl -sf http://localhost:3000 >/dev/null; then
    ready=1
    break
  fi
  sleep 1
done
if [ "$ready" != 1 ]; then
  echo "e2e: the portal did not become ready; its errors, from $log:" >&2
  grep -E ' error |Error' "$log" | grep -v readiness | tail -20 >&2
  exit 1
fi

# Arguments go to Playwright, e.g. a test file filter: e2e.sh platformScreenshots
PLAYWRIGHT_JSON_OUTPUT_NAME=.test-results/e2e.json yarn playwright test "$@"
status=$?
echo "e2e screenshots: $ROOT/.test-results/screenshots"
exit $status
