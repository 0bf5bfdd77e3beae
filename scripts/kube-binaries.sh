#!/usr/bin/env bash
# Builds the real control plane the *.realkube tests run against (etcd,
# kube-apiserver, kube-controller-manager, kube-scheduler, kwok for nodes and
# pods) and kubectl from the Go module in tools/kube (versions pinned in its
# go.mod), into a cache outside the repository keyed by those versions. Only
# missing binaries are built, so a warm run builds nothing. Prints the env to use, one VAR=value a line, on stdout;
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
# kwok is versioned on its own, so it has a folder of its own in the cache.
KWOK_VERSION=$(module_version sigs.k8s.io/kwok)
if [ -z "$KUBE_VERSION" ] || [ -z "$ETCD_VERSION" ] || [ -z "$KWOK_VERSION" ]; then
  echo "tools/kube/go.mod must require k8s.io/kubernetes, go.etcd.io/etcd/server/v3 and sigs.k8s.io/kwok" >&2
  exit 1
fi

CACHE_ROOT="${KUBE_BINARIES_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/platform-portal/kube}"
DIR="$CACHE_ROOT/kubernetes-$KUBE_VERSION-etcd-$ETCD_VERSION"

# Binary (path in the cache folder), Go package (ours under ./cmd, or
# upstream's own main named by a tool line in go.mod), env variable the tests
# read.
BINARIES="
etcd ./cmd/etcd PLATFORM_TEST_ETCD_BIN
kube-apiserver ./cmd/kube-apiserver PLATFORM_TEST_KUBE_APISERVER_BIN
kubectl k8s.io/kubernetes/cmd/kubectl PLATFORM_TEST_KUBECTL_BIN
kube-controller-manager k8s.io/kubernetes/cmd/kube-controller-manager PLATFORM_TEST_KUBE_CONTROLLER_MANAGER_BIN
kube-scheduler k8s.io/kubernetes/cmd/kube-scheduler PLATFORM_TEST_KUBE_SCHEDULER_BIN
kwok-$KWOK_VERSION/kwok sigs.k8s.io/kwok/cmd/kwok PLATFORM_TEST_KWOK_BIN
"

missing() {
  echo "$BINARIES" | while read -r name _ _; do
    if [ -n "$name" ] && [ ! -x "$DIR/$name" ]; then echo "$name"; fi
  done
}

print_env() {
  echo "$BINARIES" | while read -r name _ var; do
    if [ -n "$name" ]; then echo "$var=$DIR/$name"; fi
  done
}

if [ -z "$(missing)" ]; then
  print_env
  exit 0
fi

GO=$(command -v go || true)
[ -z "$GO" ] && [ -x /usr/local/go/bin/go ] && GO=/usr/local/go/bin/go
if [ -z "$GO" ]; then
  echo "Go is not installed (needed to build $(missing | tr '\n' ' ')once)" >&2
  exit 1
fi

mkdir -p "$CACHE_ROOT"
# One build at a time: parallel test runs share the cache.
exec 9>"$CACHE_ROOT/.lock"
flock 9

todo=$(missing)
if [ -z "$todo" ]; then
  print_env
  exit 0
fi

tmp=$(mktemp -d "$CACHE_ROOT/.build.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# The version the binary reports (/version, kubectl version): a plain go
# build of the module would say v0.0.0-master.
minor=$(echo "$KUBE_VERSION" | cut -d. -f2)
version_pkg=k8s.io/component-base/version
ldflags="-s -w -X $version_pkg.gitVersion=$KUBE_VERSION -X $version_pkg.gitMajor=1 -X $version_pkg.gitMinor=$minor -X $version_pkg.gitTreeState=clean"
mkdir -p "$DIR"
total_started=$(date +%s)
# One go build per binary, in the order of the list: each reports what it
# added on top of the packages the ones before it compiled.
for name in $todo; do
  pkg=$(echo "$BINARIES" | awk -v n="$name" '$1 == n { print $2 }')
  echo "Building $name ($pkg, Kubernetes $KUBE_VERSION, etcd $ETCD_VERSION) into $DIR ..." >&2
  started=$(date +%s)
  (
    cd "$MODULE"
    # -mod=readonly: the build uses exactly the committed go.sum.
    "$GO" build -mod=readonly -trimpath -ldflags="$ldflags" -o "$tmp/$(basename "$name")" "$pkg"
  ) >&2
  mkdir -p "$(dirname "$DIR/$name")"
  mv "$tmp/$(basename "$name")" "$DIR/$name"
  echo "Built $name in $(($(date +%s) - started)) s" >&2
done
echo "Built $(echo $todo) in $(($(date +%s) - total_started)) s" >&2
print_env
