#!/usr/bin/env bash
# Builds the real cert-manager controller the certificate tests issue
# through: cert-manager's own controllers of the Go module pinned in
# tools/cert-manager/go.mod, started by the entrypoint in
# tools/cert-manager/cmd/controller (upstream's cmd/controller and
# cmd/webhook modules are not served by the Go module proxy), into a cache
# outside the repository keyed by that version (beside the control planes of
# scripts/kube-binaries.sh), so a warm run builds nothing. Prints the env to
# use, one VAR=value a line, on stdout; everything else goes to stderr.
#   scripts/cert-manager-binaries.sh    build if missing, print the env
#   CERT_MANAGER_BINARY_CACHE=DIR ...   cache root (default
#                                       ${XDG_CACHE_HOME:-$HOME/.cache}/platform-portal/cert-manager)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
MODULE="$ROOT/tools/cert-manager"

CERT_MANAGER_VERSION=$(awk '$1 == "github.com/cert-manager/cert-manager" && $2 ~ /^v/ { print $2; exit }' "$MODULE/go.mod")
if [ -z "$CERT_MANAGER_VERSION" ]; then
  echo "tools/cert-manager/go.mod must require github.com/cert-manager/cert-manager" >&2
  exit 1
fi

CACHE_ROOT="${CERT_MANAGER_BINARY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/platform-portal/cert-manager}"
# The entrypoint is ours: its source is part of the key, so an edit rebuilds.
ENTRY_HASH=$(cat "$MODULE/go.mod" "$MODULE/cmd/controller/main.go" | sha256sum | cut -c1-12)
DIR="$CACHE_ROOT/cert-manager-$CERT_MANAGER_VERSION-$ENTRY_HASH"
CONTROLLER="$DIR/controller"

print_env() {
  echo "PLATFORM_TEST_CERT_MANAGER_CONTROLLER_BIN=$CONTROLLER"
}

if [ -x "$CONTROLLER" ]; then
  print_env
  exit 0
fi

GO=$(command -v go || true)
[ -z "$GO" ] && [ -x /usr/local/go/bin/go ] && GO=/usr/local/go/bin/go
if [ -z "$GO" ]; then
  echo "Go is not installed (needed to build the cert-manager controller once)" >&2
  exit 1
fi

mkdir -p "$CACHE_ROOT"
# One build at a time: parallel test runs share the cache.
exec 9>"$CACHE_ROOT/.lock"
flock 9
if [ -x "$CONTROLLER" ]; then
  print_env
  exit 0
fi

echo "Building the cert-manager controller $CERT_MANAGER_VERSION into $DIR (once per version; several minutes) ..." >&2
started=$(date +%s)
tmp=$(mktemp -d "$CACHE_ROOT/.build.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
(
  cd "$MODULE"
  # -mod=readonly: the build uses exactly the committed go.sum. The tests
  # read the CRDs (deploy/crds) from the same module in the Go module cache.
  CGO_ENABLED=0 "$GO" build -mod=readonly -trimpath -ldflags="-s -w" \
    -o "$tmp/controller" ./cmd/controller
) >&2
mkdir -p "$DIR"
mv "$tmp/controller" "$DIR/"
echo "Built in $(($(date +%s) - started)) s" >&2
print_env
