#!/usr/bin/env bash
# Builds the real Traefik Kubernetes Gateway provider the *.realtraefik tests
# run beside a control plane: tools/traefik/cmd/traefik-gateway, a main around
# pkg/provider/kubernetes/gateway of the github.com/traefik/traefik/v3 module
# pinned in tools/traefik/go.mod (Traefik's own cmd/traefik needs modules the
# Go module proxy refuses; see that main's comment). Into a cache outside the
# repository keyed by that version, beside the control planes of
# scripts/kube-binaries.sh, so a warm run builds nothing. Prints the env to
# use, one VAR=value a line, on stdout; everything else goes to stderr.
#   scripts/traefik-binary.sh           build if missing, print the env
#   TRAEFIK_BINARY_CACHE=DIR ...        cache root (default
#                                       ${XDG_CACHE_HOME:-$HOME/.cache}/platform-portal/traefik)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
MODULE="$ROOT/tools/traefik"

TRAEFIK_VERSION=$(awk '$1 == "github.com/traefik/traefik/v3" && $2 ~ /^v/ { print $2; exit }' "$MODULE/go.mod")
if [ -z "$TRAEFIK_VERSION" ]; then
  echo "tools/traefik/go.mod must require github.com/traefik/traefik/v3" >&2
  exit 1
fi

CACHE_ROOT="${TRAEFIK_BINARY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/platform-portal/traefik}"
DIR="$CACHE_ROOT/traefik-$TRAEFIK_VERSION"
BIN="$DIR/traefik-gateway"

print_env() {
  echo "PLATFORM_TEST_TRAEFIK_BIN=$BIN"
}

if [ -x "$BIN" ]; then
  print_env
  exit 0
fi

GO=$(command -v go || true)
[ -z "$GO" ] && [ -x /usr/local/go/bin/go ] && GO=/usr/local/go/bin/go
if [ -z "$GO" ]; then
  echo "Go is not installed (needed to build Traefik's Gateway provider once)" >&2
  exit 1
fi

mkdir -p "$CACHE_ROOT"
# One build at a time: parallel test runs share the cache.
exec 9>"$CACHE_ROOT/.lock"
flock 9
if [ -x "$BIN" ]; then
  print_env
  exit 0
fi

echo "Building Traefik's Gateway provider $TRAEFIK_VERSION into $DIR (once per version; a few minutes) ..." >&2
started=$(date +%s)
tmp=$(mktemp -d "$CACHE_ROOT/.build.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
(
  cd "$MODULE"
  # -mod=readonly: the build uses exactly the committed go.sum. Pure Go.
  CGO_ENABLED=0 "$GO" build -mod=readonly -trimpath -ldflags="-s -w" \
    -o "$tmp/traefik-gateway" ./cmd/traefik-gateway
) >&2
mkdir -p "$DIR"
mv "$tmp/traefik-gateway" "$DIR/"
echo "Built in $(($(date +%s) - started)) s" >&2
print_env
