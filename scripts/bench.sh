#!/usr/bin/env bash
# `make bench` (FULL=1 for the full run): the benchmark of bench/run.js, with
# the same bootstrap as the other commands. Writes bench/results/.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
scripts/install.sh
if [ -z "${PLATFORM_TEST_POSTGRES_URL:-}" ] && [ "$(id -u)" = 0 ]; then
  scripts/services.sh install || true
fi
exec node bench/run.js ${FULL:+--full} "$@"
