#!/usr/bin/env bash
# Dependency audit: `yarn npm audit` over every workspace's production
# dependencies, direct and transitive, failing on any high or critical
# advisory not in scripts/audit-allowlist.json (each entry there says why it
# does not apply). Exit 0: none; 1: advisories found or a malformed
# allow-list; 3: the registry did not serve advisories, so nothing was checked.
set -uo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

ALLOWLIST="$ROOT/scripts/audit-allowlist.json"
ignores=$(node -e '
  const list = require(process.argv[1]).advisories ?? [];
  const bad = list.filter(a => !a.id || !a.package || !(a.reason ?? "").trim());
  if (bad.length) {
    console.error(`audit allow-list: every entry needs id, package and reason: ${JSON.stringify(bad)}`);
    process.exit(1);
  }
  for (const a of list) console.log(String(a.id));
' "$ALLOWLIST") || exit 1

args=(npm audit --all --recursive --environment production --severity high --json)
for id in $ignores; do
  args+=(--ignore "$id")
done

out=$(mktemp)
err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
# A registry that does not answer must not hold up the run.
timeout 300 yarn "${args[@]}" >"$out" 2>"$err"
status=$?

node "$ROOT/scripts/audit-report.js" "$out" "$err" "$status"
