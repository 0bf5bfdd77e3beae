#!/usr/bin/env bash
# Builds the real Dex the identity tests sign in through: cmd/dex of the Go
# module pinned in tools/dex/go.mod, into a cache outside the repository keyed
# by that version (beside the control planes of scripts/kube-binaries.sh), so
# a warm run builds nothing. Prints the env to use, one VAR=value a line, on
# stdout; everything else goes to stderr.
#   scripts/dex-binary.sh               build if missing, print the env
#   DEX_BINARY_CACHE=DIR ...            cache root (default
#                                       ${XDG_CACHE_HOME:-$HOME/.cache}/platform-portal/dex)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
MODULE="$ROOT/tools/dex"

DEX_VERSION=$(awk '$1 == "github.com/dexidp/dex" && $2 ~ /^v/ { print $2; exit }' "$MODULE/go.mod")
DEX_RELEASE=$(awk '$1 == "//" && $2 == "dex-release:" { print $3; exit }' "$MODULE/go.mod")
if [ -z "$DEX_VERSION" ] || [ -z "$DEX_RELEASE" ]; then
  echo "tools/dex/go.mod must require github.com/dexidp/dex and name its release (// dex-release: vX.Y.Z)" >&2
  exit 1
fi

CACHE_ROOT="${DEX_BINARY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/platform-portal/dex}"
DIR="$CACHE_ROOT/dex-$DEX_RELEASE-$DEX_VERSION"
DEX="$DIR/dex"

print_env() {
  echo "PLATFORM_TEST_DEX_BIN=$DEX"
}

if [ -x "$DEX" ]; then
  print_env
  exit 0
fi

GO=$(command -v go || true)
[ -z "$GO" ] && [ -x /usr/local/go/bin/go ] && GO=/usr/local/go/bin/go
if [ -z "$GO" ]; then
  echo "Go is not installed (needed to build Dex once)" >&2
  exit 1
fi

mkdir -p "$CACHE_ROOT"
# One build at a time: parallel test runs share the cache.
exec 9>"$CACHE_ROOT/.lock"
flock 9
if [ -x "$DEX" ]; then
  print_env
  exit 0
fi

echo "Building Dex $DEX_RELEASE ($DEX_VERSION) into $DIR (once per version; several minutes) ..." >&2
started=$(date +%s)
tmp=$(mktemp -d "$CACHE_ROOT/.build.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
(
  cd "$MODULE"
  # -mod=readonly: the build uses exactly the committed go.sum. main.version
  # is what `dex version` reports (a plain build says DEV). Without cgo: the
  # tests keep Dex's storage in memory, so SQLite's C code is not compiled
  # and no C compiler is needed.
  CGO_ENABLED=0 "$GO" build -mod=readonly -trimpath \
    -ldflags="-s -w -X main.version=$DEX_RELEASE" \
    -o "$tmp/dex" github.com/dexidp/dex/cmd/dex
) >&2
mkdir -p "$DIR"
mv "$tmp/dex" "$DIR/"
echo "Built in $(($(date +%s) - started)) s" >&2
print_env
