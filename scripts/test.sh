#!/usr/bin/env bash
# `make test`: type check, lint, unit and integration tests (jest, with a real
# PostgreSQL), end-to-end tests (Playwright in Debian's Chromium), a smoke run
# of the benchmark (bench/run.js --smoke). Ends with the one line CI reads:
# "N passed, N failed", adding up every suite.
set -uo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
scripts/install.sh || exit 1
rm -rf .test-results
mkdir -p .test-results
# Property suites run a sample of random cases per route or action unless
# `make test FULL=1` asks for their full count (see propertyRuns in the suites).
if [ -n "${FULL:-}" ]; then
  export PLATFORM_TEST_PROPERTY_RUNS=full
fi

# Each phase's wall time, printed as it ends and kept in .test-results/phases.txt
# (the README's split of make test's time comes from it).
phase_name="set-up"
phase_start=0
phase() {
  local took=$((SECONDS - phase_start))
  printf '%s: %d s\n' "$phase_name" "$took" >> .test-results/phases.txt
  echo "== ($phase_name took ${took} s)"
  phase_name="$1"
  phase_start=$SECONDS
  echo "== $1"
}

if [ "$(id -u)" = 0 ]; then
  scripts/services.sh install || exit 1
fi
services_env=$(scripts/services.sh start) || exit 1
while IFS= read -r line; do
  [ -n "$line" ] && export "$line"
done <<< "$services_env"
kube_env=$(scripts/kube-binaries.sh) && while IFS= read -r line; do [ -n "$line" ] && export "$line"; done <<< "$kube_env"
# The real Dex the identity tests sign in through (built once, cached).
dex_env=$(scripts/dex-binary.sh) && while IFS= read -r line; do [ -n "$line" ] && export "$line"; done <<< "$dex_env"
# cert-manager's and MetalLB's controllers for the realkube stack cluster
# (built once, cached); the launcher below starts them.
stack_env=$(scripts/cert-manager-binaries.sh && scripts/metallb-binary.sh) && while IFS= read -r line; do [ -n "$line" ] && export "$line"; done <<< "$stack_env"
# Traefik's Kubernetes Gateway provider beside the control planes (built once, cached).
traefik_env=$(scripts/traefik-binary.sh) && while IFS= read -r line; do [ -n "$line" ] && export "$line"; done <<< "$traefik_env"
# Real control planes for the realkube suites, started once (they come up
# while the checks below run) and shared by those suites (scripts/real-clusters.sh).
real_clusters_state="$(mktemp -d)/state.json"
real_clusters_pgid=$(scripts/real-clusters.sh start "$real_clusters_state" --profile test)
stop_real_clusters() { scripts/real-clusters.sh stop "$real_clusters_pgid"; rm -rf "$(dirname "$real_clusters_state")"; }
trap stop_real_clusters EXIT

phase "type check"
yarn tsc
echo $? > .test-results/typecheck.status

phase "lint"
# With the OpenAPI check: every src/schema/openapi.yaml must match the router
# generated from it (repo-tools loads that TypeScript through the CLI's transform).
# Then the API reports: each plugin's report.api.md must match the declarations
# the type check just wrote to dist-types (`yarn build:api-reports` updates them).
yarn backstage-cli repo lint &&
  NODE_OPTIONS="--require @backstage/cli/config/nodeTransform.cjs" \
    yarn backstage-repo-tools repo schema openapi validate &&
  yarn build:api-reports:only --ci
echo $? > .test-results/lint.status

# High and critical advisories in production dependencies (scripts/audit.sh).
phase "dependency audit"
bash scripts/audit.sh
echo $? > .test-results/audit.status

# The production build (backend bundle and the frontend it serves), before
# jest: the bundle checks read it, and the benchmark smoke reuses it.
phase "production build"
yarn workspace backend build
echo $? > .test-results/build.status

phase "unit and integration tests"
scripts/real-clusters.sh wait "$real_clusters_state" && export PLATFORM_REAL_KUBE_STATE="$real_clusters_state"
CI=true yarn backstage-cli repo test --json --outputFile="$ROOT/.test-results/jest.json"
echo $? > .test-results/jest.status
stop_real_clusters
unset PLATFORM_REAL_KUBE_STATE

phase "end-to-end tests"
bash scripts/e2e.sh
e2e_status=$?
# The portal with mgmt's and prod-eu-1's Kubernetes APIs on real control
# planes (as PLATFORM_REAL_CLUSTERS=2 make start runs it): its own pass.
phase "end-to-end tests on real clusters"
PLATFORM_REAL_CLUSTERS=2 PLATFORM_E2E_REPORT=.test-results/e2e-real.json \
  bash scripts/e2e.sh realClusters
real_e2e_status=$?
[ "$e2e_status" = 0 ] && e2e_status=$real_e2e_status
echo "$e2e_status" > .test-results/e2e.status

# A tiny fleet and a few seconds of load: the benchmark still runs and writes
# a well-formed report. Speed is not asserted.
phase "benchmark smoke"
node bench/run.js --smoke --out "$ROOT/.test-results/bench" &&
  node bench/validateReport.js "$ROOT/.test-results/bench/latest.json"
echo $? > .test-results/bench-smoke.status

phase "summary"
node scripts/summarize-results.js
