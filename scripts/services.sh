#!/usr/bin/env bash
# Installs (Debian packages) and starts the services the tests use for real.
#   scripts/services.sh install   apt-get install what is missing
#   scripts/services.sh start     start PostgreSQL 15, Redis 7 (loopback, no
#                                 persistence) and a test OpenLDAP (slapd on
#                                 loopback, loaded from
#                                 packages/backend/test-fixtures/ldap); print
#                                 the env to use, one VAR=value a line
#                                 (and where Prometheus, Alertmanager, HAProxy
#                                 and Keepalived are: tests start their own)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PG_PASSWORD=platform-portal-test
LDAP_PORT=10389
LDAP_ADMIN_PASSWORD=platform-portal-test
LDAP_DIR=/tmp/platform-portal-slapd
LDAP_FIXTURES="$ROOT/packages/backend/test-fixtures/ldap"
REDIS_PORT=7379
REDIS_DIR=/tmp/platform-portal-redis

install() {
  local want=(postgresql chromium slapd ldap-utils prometheus redis-server haproxy prometheus-alertmanager keepalived)
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

# Tests start their own Alertmanager (loopback, a temp config and data dir).
locate_alertmanager() {
  if [ ! -x /usr/bin/prometheus-alertmanager ]; then
    echo "Alertmanager is not installed: run 'scripts/services.sh install' (needs root and Debian's packages)" >&2
    exit 1
  fi
  echo "PLATFORM_TEST_ALERTMANAGER_BIN=/usr/bin/prometheus-alertmanager"
}

redis_ready() {
  [ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ]
}

# Redis 7 (Debian bookworm ships 7.0) of our own: loopback, the current user,
# nothing written to disk, so every test run starts from an empty cache.
start_redis() {
  if [ ! -x /usr/bin/redis-server ] || ! command -v redis-cli >/dev/null; then
    echo "Redis is not installed: run 'scripts/services.sh install' (needs root and Debian's packages)" >&2
    exit 1
  fi
  mkdir -p "$REDIS_DIR"
  exec 8>"$REDIS_DIR.lock"
  flock 8
  if ! redis_ready; then
    /usr/bin/redis-server --bind 127.0.0.1 --port "$REDIS_PORT" \
      --save '' --appendonly no --dir "$REDIS_DIR" \
      --daemonize yes --pidfile "$REDIS_DIR/redis.pid" \
      --logfile "$REDIS_DIR/redis.log" 8>&-
    for _ in $(seq 1 30); do
      redis_ready && break
      sleep 0.2
    done
    redis_ready || { echo "Redis did not start; see $REDIS_DIR/redis.log" >&2; exit 1; }
  fi
  flock -u 8
  echo "PLATFORM_TEST_REDIS_URL=redis://127.0.0.1:$REDIS_PORT"
}

# Tests start their own HAProxy (on loopback ports, in front of the backends
# they start); they only need to know where the binary is.
locate_haproxy() {
  if [ ! -x /usr/sbin/haproxy ]; then
    echo "HAProxy is not installed: run 'scripts/services.sh install' (needs root and Debian's packages)" >&2
    exit 1
  fi
  echo "PLATFORM_TEST_HAPROXY_BIN=/usr/sbin/haproxy"
}

# Tests start their own Keepalived pair (in network namespaces they create).
locate_keepalived() {
  if [ ! -x /usr/sbin/keepalived ]; then
    echo "Keepalived is not installed: run 'scripts/services.sh install' (needs root and Debian's packages)" >&2
    exit 1
  fi
  echo "PLATFORM_TEST_KEEPALIVED_BIN=/usr/sbin/keepalived"
}

case "${1:-}" in
  install) install ;;
  start) start_postgres; start_redis; start_slapd; locate_prometheus; locate_alertmanager; locate_haproxy; locate_keepalived ;;
  *) echo "usage: $0 install|start" >&2; exit 2 ;;
esac
