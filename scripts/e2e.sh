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
# A Dex-like OpenID provider on loopback (the one the backend's OIDC tests
# start), which the sign-in page offers next to the guest. Its client secret
# is made for this run and reaches the provider and the portal only through
# argv and the environment, never a log or a file.
oidc_log=.test-results/oidc-provider.log
oidc_secret=$(node -p "require('node:crypto').randomBytes(24).toString('hex')")
oidc_options=$(node -p 'JSON.stringify({
  clientId: "platform-portal",
  clientSecret: process.argv[1],
  users: {
    heidi: { email: "heidi@example.internal", name: "Heidi Payments", groups: ["team-payments"] },
  },
})' "$oidc_secret")
setsid node plugins/permission-backend-module-platform/src/__testUtils__/dexLikeProvider.mjs \
  "$oidc_options" > "$oidc_log" 2>&1 < /dev/null &
pgids+=("$!")
oidc_issuer=
for _ in $(seq 1 60); do
  oidc_issuer=$(grep -m1 '^{"issuer"' "$oidc_log" | node -p 'JSON.parse(require("node:fs").readFileSync(0, "utf8")).issuer' 2>/dev/null) && break
  oidc_issuer=
  sleep 0.5
done
if [ -z "$oidc_issuer" ]; then
  echo "e2e: the OpenID provider did not start; see $oidc_log" >&2
  exit 1
fi
export PLATFORM_TEST_OIDC_ISSUER="$oidc_issuer"
export APP_CONFIG_auth_session_secret=$(node -p "require('node:crypto').randomBytes(24).toString('hex')")
export APP_CONFIG_auth_providers_oidc=$(node -p 'JSON.stringify({
  development: {
    metadataUrl: `${process.argv[1]}/.well-known/openid-configuration`,
    clientId: "platform-portal",
    clientSecret: process.argv[2],
    additionalScopes: ["groups"],
    prompt: "auto",
    signIn: { resolvers: [{ resolver: "emailMatchingUserEntityProfileEmail" }] },
  },
})' "$oidc_issuer" "$oidc_secret")

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
