#!/usr/bin/env node
/*
 * Reads what `yarn npm audit --json` wrote (stdout, stderr, exit status) and
 * says what it means: the advisories found (exit 1), none (exit 0), or that
 * the registry served no advisories and nothing was audited (exit 3).
 */
const fs = require('node:fs');
const [outFile, errFile, status] = process.argv.slice(2);
const findings = fs
  .readFileSync(outFile, 'utf8')
  .split('\n')
  .filter(line => line.trim().startsWith('{'))
  .map(line => JSON.parse(line))
  .filter(entry => entry.children && entry.children.Severity);
if (findings.length > 0) {
  console.log(`${findings.length} high or critical advisories in production dependencies:`);
  for (const { value, children: c } of findings) {
    console.log(
      `  ${c.Severity} ${value} ${c['Vulnerable Versions']} (installed ${[].concat(c['Tree Versions'] ?? []).join(', ')}): ${c.Issue}`,
    );
    console.log(`    ${c.URL} (id ${c.ID}); needed by ${[].concat(c.Dependents ?? []).join(', ')}`);
  }
  console.log('Upgrade them (a resolution in package.json if a dependency pins them), or add the id with the reason it does not apply to scripts/audit-allowlist.json.');
  process.exit(1);
}
if (status === '0') {
  console.log('No high or critical advisory in production dependencies.');
  process.exit(0);
}
const error = fs.readFileSync(errFile, 'utf8');
const reason =
  /Response code (\d+[^)]*\))/.exec(error)?.[1] ??
  error.split('\n').find(l => /Error/.test(l))?.trim() ??
  'no answer';
console.log(`The registry did not serve security advisories (${reason}); nothing was audited.`);
process.exit(3);
