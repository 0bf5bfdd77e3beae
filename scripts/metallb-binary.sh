#!/usr/bin/env bash
# Builds the real MetalLB controller the LoadBalancer tests allocate addresses
# with: controller/ of the Go module pinned in tools/metallb/go.mod, into a
# cache outside the repository keyed by that version (beside the control
# planes of scripts/kube-binaries.sh), so a warm run builds nothing. Prints
# the env to use, one VAR=value a line, on stdout; everything else goes to
# stderr.
#   scripts/metallb-binary.sh           build if missing, print the env
#   METALLB_BINARY_CACHE=DIR ...        cache root (default
#                                       ${XDG_CACHE_HOME:-$HOME/.cache}/platform-portal/metallb)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
MODULE="$ROOT/tools/metallb"

METALLB_VERSION=$(awk '$1 == "go.universe.tf/metallb" && $2 ~ /^v/ { print $2; exit }' "$MODULE/go.mod")
if [ -z "$METALLB_VERSION" ]; then
  echo "tools/metallb/go.mod must require go.universe.tf/metallb" >&2
  exit 1
fi

CACHE_ROOT="${METALLB_BINARY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/platform-portal/metallb}"
DIR="$CACHE_ROOT/metallb-$METALLB_VERSION"
CONTROLLER="$DIR/controller"

print_env() {
  echo "PLATFORM_TEST_METALLB_CONTROLLER_BIN=$CONTROLLER"
}

if [ -x "$CONTROLLER" ]; then
  print_env
  exit 0
fi

GO=$(command -v go || true)
[ -z "$GO" ] && [ -x /usr/local/go/bin/go ] && GO=/usr/local/go/bin/go
if [ -z "$GO" ]; then
  echo "Go is not installed (needed to build the MetalLB controller once)" >&2
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

echo "Building the MetalLB controller $METALLB_VERSION into $DIR (once per version; several minutes) ..." >&2
started=$(date +%s)
tmp=$(mktemp -d "$CACHE_ROOT/.build.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
(
  cd "$MODULE"
  # -mod=readonly: the build uses exactly the committed go.sum. The tests
  # read its CRDs (config/crd) from the same module in the Go module cache.
  "$GO" mod download go.universe.tf/metallb
  CGO_ENABLED=0 "$GO" build -mod=readonly -trimpath -ldflags="-s -w" \
    -o "$tmp/controller" go.universe.tf/metallb/controller
) >&2
mkdir -p "$DIR"
mv "$tmp/controller" "$DIR/"
echo "Built in $(($(date +%s) - started)) s" >&2
print_env
