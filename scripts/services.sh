#!/usr/bin/env bash
# Installs (Debian packages) and starts the services the tests use for real.
#   scripts/services.sh install   apt-get install what is missing
#   scripts/services.sh start     start PostgreSQL 15; print the env to use
set -euo pipefail
PG_PASSWORD=platform-portal-test

install() {
  local want=(postgresql chromium)
  local missing=()
  for pkg in "${want[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing from Debian: ${missing[*]}" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
  fi
}

start_postgres() {
  local version
  version=$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1)
  if [ -z "$version" ]; then
    echo "PostgreSQL is not installed: run 'scripts/services.sh install' (needs root and Debian's packages)" >&2
    exit 1
  fi
  if ! pg_lsclusters -h 2>/dev/null | grep -q online; then
    pg_ctlcluster "$version" main start >&2
  fi
  for _ in $(seq 1 30); do
    pg_isready -q -h 127.0.0.1 && break
    sleep 0.5
  done
  (cd / && su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD '$PG_PASSWORD'\"") >/dev/null
  echo "PLATFORM_TEST_POSTGRES_URL=postgresql://postgres:$PG_PASSWORD@127.0.0.1:5432/postgres"
}

case "${1:-}" in
  install) install ;;
  start) start_postgres ;;
  *) echo "usage: $0 install|start" >&2; exit 2 ;;
esac
