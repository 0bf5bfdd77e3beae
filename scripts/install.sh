#!/usr/bin/env bash
# Installs dependencies when yarn.lock changed since the last install.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
stamp="node_modules/.platform-portal-install"
want="$(node --version) $(sha256sum yarn.lock | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
echo "Installing dependencies (about 2 minutes on a fresh machine) ..."
yarn install --immutable
echo "$want" > "$stamp"
