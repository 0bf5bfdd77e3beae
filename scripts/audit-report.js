#!/usr/bin/env node
/*
 * Reads what `yarn npm audit --json` wrote (stdout, stderr, exit status) and
 * says what it means: the advisories found (exit 1), none (exit 0), or that
 * the registry answered without advisories and nothing was audited (exit 3).
 * A timeout or a crash is a failure (exit 1).
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
// Only a registry that answered without advisories means "nothing to audit";
// a timeout, a crash or any other error is a failed audit.
const registryAnswer = /Response code (\d+[^)]*\))/.exec(error)?.[1];
if (registryAnswer) {
  console.log(`The registry did not serve security advisories (${registryAnswer}); nothing was audited.`);
  process.exit(3);
}
const reason =
  status === '124'
    ? 'no answer within 300 s'
    : error.split('\n').find(l => /Error/.test(l))?.trim() ?? `exit status ${status}`;
console.log(`The audit failed: ${reason}.`);
process.exit(1);
