#!/usr/bin/env bash
# Builds the real control plane the *.realkube tests run against: kube-apiserver
# and etcd from the Go module in tools/kube (versions pinned in its go.mod),
# into a cache outside the repository keyed by those versions, so a warm run
# builds nothing. Prints the env to use, one VAR=value a line, on stdout;
# everything else goes to stderr.
#   scripts/kube-binaries.sh            build if missing, print the env
#   KUBE_BINARIES_CACHE=DIR ...         cache root (default
#                                       ${XDG_CACHE_HOME:-$HOME/.cache}/platform-portal/kube)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
MODULE="$ROOT/tools/kube"

module_version() {
  awk -v m="$1" '$1 == m && $2 ~ /^v/ { print $2; exit }' "$MODULE/go.mod"
}

KUBE_VERSION=$(module_version k8s.io/kubernetes)
ETCD_VERSION=$(module_version go.etcd.io/etcd/server/v3)
if [ -z "$KUBE_VERSION" ] || [ -z "$ETCD_VERSION" ]; then
  echo "tools/kube/go.mod must require k8s.io/kubernetes and go.etcd.io/etcd/server/v3" >&2
  exit 1
fi

CACHE_ROOT="${KUBE_BINARIES_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/platform-portal/kube}"
DIR="$CACHE_ROOT/kubernetes-$KUBE_VERSION-etcd-$ETCD_VERSION"
APISERVER="$DIR/kube-apiserver"
ETCD="$DIR/etcd"

print_env() {
  echo "PLATFORM_TEST_KUBE_APISERVER_BIN=$APISERVER"
  echo "PLATFORM_TEST_ETCD_BIN=$ETCD"
}

if [ -x "$APISERVER" ] && [ -x "$ETCD" ]; then
  print_env
  exit 0
fi

GO=$(command -v go || true)
[ -z "$GO" ] && [ -x /usr/local/go/bin/go ] && GO=/usr/local/go/bin/go
if [ -z "$GO" ]; then
  echo "Go is not installed (needed to build kube-apiserver and etcd once)" >&2
  exit 1
fi

mkdir -p "$CACHE_ROOT"
# One build at a time: parallel test runs share the cache.
exec 9>"$CACHE_ROOT/.lock"
flock 9
if [ -x "$APISERVER" ] && [ -x "$ETCD" ]; then
  print_env
  exit 0
fi

echo "Building kube-apiserver $KUBE_VERSION and etcd $ETCD_VERSION into $DIR (once per version; several minutes) ..." >&2
started=$(date +%s)
tmp=$(mktemp -d "$CACHE_ROOT/.build.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# The version the binary reports (/version, kubectl version): a plain go
# build of the module would say v0.0.0-master.
minor=$(echo "$KUBE_VERSION" | cut -d. -f2)
version_pkg=k8s.io/component-base/version
ldflags="-s -w -X $version_pkg.gitVersion=$KUBE_VERSION -X $version_pkg.gitMajor=1 -X $version_pkg.gitMinor=$minor -X $version_pkg.gitTreeState=clean"
(
  cd "$MODULE"
  # -mod=readonly: the build uses exactly the committed go.sum.
  "$GO" build -mod=readonly -trimpath -ldflags="$ldflags" -o "$tmp/" ./cmd/kube-apiserver ./cmd/etcd
) >&2
mkdir -p "$DIR"
mv "$tmp/kube-apiserver" "$tmp/etcd" "$DIR/"
echo "Built in $(($(date +%s) - started)) s" >&2
print_env
