#!/usr/bin/env bash
# Starts the sandbox and the portal, runs the Playwright tests in Debian's
# Chromium, stops everything. Reports to .test-results/e2e.json and saves
# screenshots in .test-results/screenshots. PLATFORM_SANDBOX_CLUSTERS=N runs
# them on a generated fleet of N clusters (tests that need the demo fleet skip).
# PLATFORM_REAL_CLUSTERS=N gives the sandbox's first N clusters real control
# planes, as `make start` does (realClusters.test.ts runs only then).
# PLATFORM_E2E_REPORT names the JSON report (default .test-results/e2e.json).
# The tests run against the production frontend build (packages/app/dist,
# which `yarn workspace backend build` makes), served by the backend on 7007:
# the development bundle took 5-9 s per page load on 2 cores, the built one 1-3.
set -uo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
mkdir -p .test-results/screenshots
# A pass on real clusters keeps its logs beside the first pass's.
suffix=${PLATFORM_REAL_CLUSTERS:+-real}
log=.test-results/portal$suffix.log
pgids=()
real_pgid=
real_dir=
cleanup() {
  # The real clusters first: their launcher stops its API servers and etcd in order.
  if [ -n "$real_pgid" ]; then scripts/real-clusters.sh stop "$real_pgid"; fi
  if [ -n "$real_dir" ]; then rm -rf "$real_dir"; fi
  for pgid in "${pgids[@]}"; do kill -- -"$pgid" 2>/dev/null || true; done
}
trap cleanup EXIT

configs=(--config "$ROOT/app-config.yaml")
if [ -f packages/platform-sandbox/src/cli.ts ]; then
  if sandbox_pgid=$(scripts/start-sandbox.sh); then
    pgids+=("$sandbox_pgid")
    configs+=(--config "$ROOT/.sandbox/app-config.sandbox.yaml")
    if [ -n "${PLATFORM_REAL_CLUSTERS:-}" ]; then
      kube_env=$(scripts/kube-binaries.sh) || { echo "e2e: the Kubernetes binaries could not be built" >&2; exit 1; }
      while IFS= read -r line; do [ -n "$line" ] && export "$line"; done <<< "$kube_env"
      # Tokens, keys and kubeconfigs outside the repository.
      real_dir=$(mktemp -d)
      real_pgid=$(scripts/real-clusters.sh start "$real_dir/state.json" --profile demo \
        --count "$PLATFORM_REAL_CLUSTERS" \
        --sandbox-description "$ROOT/.sandbox/sandbox.json" \
        --sandbox-app-config "$ROOT/.sandbox/app-config.sandbox.yaml" \
        --app-config-out "$ROOT/.sandbox/app-config.real-clusters.yaml")
      scripts/real-clusters.sh wait "$real_dir/state.json" 600 || exit 1
      grep -v "^ " "$real_dir/launcher.log" | grep -E "answer after|refused|keep the scenario" || true
      set -a
      source "$real_dir/tokens.env"
      set +a
      configs+=(--config "$ROOT/.sandbox/app-config.real-clusters.yaml")
    fi
  else
    echo "e2e: the sandbox did not start; the end-to-end tests need it" >&2
    exit 1
  fi
fi
# The real Dex (scripts/dex-binary.sh builds it once; make test exports its
# path) with its LDAP connector against the tests' slapd, which the sign-in
# page offers next to the guest. Its client secret is made for this run and
# reaches Dex and the portal only through the environment, never argv, a log
# or a file.
if [ -z "${PLATFORM_TEST_DEX_BIN:-}" ]; then
  dex_env=$(scripts/dex-binary.sh) || { echo "e2e: Dex could not be built" >&2; exit 1; }
  export "$dex_env"
fi
if [ -z "${PLATFORM_TEST_LDAP_URL:-}" ]; then
  echo "e2e: PLATFORM_TEST_LDAP_URL is unset; Dex signs people in against the test directory that 'scripts/services.sh start' starts and prints" >&2
  exit 1
fi
oidc_log=.test-results/dex$suffix.log
oidc_secret=$(node -p "require('node:crypto').randomBytes(24).toString('hex')")
dex_options=$(node -p 'JSON.stringify({
  ldapUrl: process.argv[1],
  clientId: "platform-portal",
  redirectURIs: ["http://localhost:7007/api/auth/oidc/handler/frame"],
})' "$PLATFORM_TEST_LDAP_URL")
PLATFORM_TEST_DEX_CLIENT_SECRET="$oidc_secret" setsid node scripts/start-dex.mjs \
  "$dex_options" > "$oidc_log" 2>&1 < /dev/null &
pgids+=("$!")
oidc_issuer=
# start-dex.mjs prints the issuer once /healthz answers, or exits (30 s at most).
for _ in $(seq 1 80); do
  oidc_issuer=$(grep -m1 '^{"issuer"' "$oidc_log" | node -p 'JSON.parse(require("node:fs").readFileSync(0, "utf8")).issuer' 2>/dev/null) && break
  oidc_issuer=
  kill -0 "${pgids[-1]}" 2>/dev/null || break
  sleep 0.5
done
if [ -z "$oidc_issuer" ]; then
  echo "e2e: Dex did not start; see $oidc_log" >&2
  exit 1
fi
export PLATFORM_TEST_OIDC_ISSUER="$oidc_issuer"
export APP_CONFIG_auth_session_secret=$(node -p "require('node:crypto').randomBytes(24).toString('hex')")
export APP_CONFIG_auth_providers_oidc=$(PLATFORM_TEST_DEX_CLIENT_SECRET="$oidc_secret" node -p 'JSON.stringify({
  development: {
    metadataUrl: `${process.argv[1]}/.well-known/openid-configuration`,
    clientId: "platform-portal",
    clientSecret: process.env.PLATFORM_TEST_DEX_CLIENT_SECRET,
    additionalScopes: ["groups"],
    prompt: "auto",
    signIn: { resolvers: [{ resolver: "emailMatchingUserEntityProfileEmail" }] },
  },
})' "$oidc_issuer")

# With PLATFORM_TEST_POSTGRES_URL set (make test sets it) the backend runs on
# a real PostgreSQL instead of the embedded SQLite.
if [ -n "${PLATFORM_TEST_POSTGRES_URL:-}" ]; then
  export APP_CONFIG_backend_database_client=pg
  export APP_CONFIG_backend_database_connection="$PLATFORM_TEST_POSTGRES_URL"
  export APP_CONFIG_backend_database_prefix="pp_e2e_$(date +%s)_"
fi
if [ ! -f packages/app/dist/index.html ]; then
  echo "e2e: no frontend build in packages/app/dist; run 'yarn workspace backend build' first" >&2
  exit 1
fi
# The backend in development mode (guest sign-in, as `yarn start`), without a
# file watcher that would restart it mid-run; its app plugin serves the build.
# From its package directory, as `yarn start` runs it: the catalog locations
# in app-config.yaml are relative to it.
export APP_CONFIG_app_baseUrl=http://localhost:7007
(cd packages/backend && NODE_ENV=development exec setsid node --enable-source-maps \
  --require "$ROOT/node_modules/@backstage/cli-node/config/nodeTransform.cjs" \
  src/index.ts "${configs[@]}") > "$log" 2>&1 < /dev/null &
pgids+=("$!")

ready=0
for _ in $(seq 1 240); do
  if grep -q 'Backend startup failed' "$log" || ! kill -0 "${pgids[-1]}" 2>/dev/null; then
    break
  fi
  if curl -sf http://localhost:7007/.backstage/health/v1/readiness >/dev/null &&
     curl -sf http://localhost:7007 >/dev/null; then
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
PLAYWRIGHT_URL="${PLAYWRIGHT_URL:-http://localhost:7007}" \
  PLAYWRIGHT_JSON_OUTPUT_NAME=${PLATFORM_E2E_REPORT:-.test-results/e2e.json} yarn playwright test "$@"
status=$?
echo "e2e screenshots: $ROOT/.test-results/screenshots"
exit $status
