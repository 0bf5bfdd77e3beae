#!/usr/bin/env bash
# Installs (Debian packages) and starts the services the tests use for real.
#   scripts/services.sh install   apt-get install what is missing
#   scripts/services.sh start     start PostgreSQL 15 and a test OpenLDAP
#                                 (slapd on loopback, loaded from
#                                 packages/backend/test-fixtures/ldap); print
#                                 the env to use, one VAR=value a line
#                                 (and where Prometheus is: tests start their own)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PG_PASSWORD=platform-portal-test
LDAP_PORT=10389
LDAP_ADMIN_PASSWORD=platform-portal-test
LDAP_DIR=/tmp/platform-portal-slapd
LDAP_FIXTURES="$ROOT/packages/backend/test-fixtures/ldap"

install() {
  local want=(postgresql chromium slapd ldap-utils prometheus)
  local missing=()
  for pkg in "${want[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing from Debian: ${missing[*]}" >&2
    apt-get update -qq >&2
    # No default directory: start_slapd runs its own with its own config.
    echo "slapd slapd/no_configuration boolean true" | debconf-set-selections
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

ldap_ready() {
  ldapsearch -x -LLL -H "ldap://127.0.0.1:$LDAP_PORT" \
    -D "cn=portal,ou=services,dc=example,dc=internal" -w portal-bind-test \
    -b "ou=people,dc=example,dc=internal" -s one "(uid=alice)" dn 2>/dev/null |
    grep -q "^dn: uid=alice"
}

# A slapd of our own (slapd -f, loopback only, no systemd) with the test
# directory loaded through the server, so the memberof overlay fills memberOf.
start_slapd() {
  if [ ! -x /usr/sbin/slapd ] || ! command -v ldapadd >/dev/null; then
    echo "slapd is not installed: run 'scripts/services.sh install' (needs root and Debian's packages)" >&2
    exit 1
  fi
  # One start at a time: concurrent test runs share this directory.
  exec 9>"$LDAP_DIR.lock"
  flock 9
  if ! ldap_ready; then
    local pid
    pid=$(cat "$LDAP_DIR/slapd.pid" 2>/dev/null || true)
    if [ -n "$pid" ] && [ "$(ps -p "$pid" -o comm= 2>/dev/null)" = slapd ]; then
      kill "$pid"
      sleep 1
    fi
    rm -rf "$LDAP_DIR"
    mkdir -p "$LDAP_DIR/data"
    sed -e "s#@DIR@#$LDAP_DIR#g" -e "s#@ROOTPW@#$LDAP_ADMIN_PASSWORD#" \
      "$LDAP_FIXTURES/slapd.conf" > "$LDAP_DIR/slapd.conf"
    /usr/sbin/slapd -f "$LDAP_DIR/slapd.conf" -h "ldap://127.0.0.1:$LDAP_PORT/" >&2 9>&-
    for _ in $(seq 1 30); do
      ldapsearch -x -LLL -H "ldap://127.0.0.1:$LDAP_PORT" -s base -b "" "(objectClass=*)" >/dev/null 2>&1 && break
      sleep 0.5
    done
    ldapadd -x -H "ldap://127.0.0.1:$LDAP_PORT" -D "cn=admin,dc=example,dc=internal" \
      -w "$LDAP_ADMIN_PASSWORD" -f "$LDAP_FIXTURES/directory.ldif" >/dev/null
    ldap_ready || { echo "slapd did not load the test directory" >&2; exit 1; }
  fi
  flock -u 9
  echo "PLATFORM_TEST_LDAP_URL=ldap://127.0.0.1:$LDAP_PORT"
}

# Tests start their own Prometheus (on a free loopback port, scraping the
# sandbox they start); they only need to know where the binary is.
locate_prometheus() {
  if [ ! -x /usr/bin/prometheus ]; then
    echo "Prometheus is not installed: run 'scripts/services.sh install' (needs root and Debian's packages)" >&2
    exit 1
  fi
  echo "PLATFORM_TEST_PROMETHEUS_BIN=/usr/bin/prometheus"
}

case "${1:-}" in
  install) install ;;
  start) start_postgres; start_slapd; locate_prometheus ;;
  *) echo "usage: $0 install|start" >&2; exit 2 ;;
esac
