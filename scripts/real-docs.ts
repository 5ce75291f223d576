// False alarms on real Markdown that is not a backlog: `npm run corpus:docs [-- [--json out.json]
// [--no-node-modules] [folder ...]]`. Scans node_modules/ (the installed dependencies) and any
// folders given, lints them with the default configuration and prints the figures the test
// tests/real-docs.test.ts asserts on. Exits 0 whatever the figures are (the test is the gate),
// 2 on a usage error or when there is nothing to scan.
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { collectRealDocs, defaultDocsRoot, formatOffences, lintRealDocs } from '../tests/helpers/real-docs';

const usage = 'usage: npm run corpus:docs -- [--json out.json] [--no-node-modules] [folder ...]';
const args = process.argv.slice(2);
let jsonPath: string | undefined;
let withNodeModules = true;
const folders: string[] = [];
for (let index = 0; index < args.length; index += 1) {
  const arg = args[index]!;
  if (arg === '--json') {
    jsonPath = args[++index];
    if (!jsonPath) fail(`--json needs a file name\n${usage}`);
  } else if (arg.startsWith('--json=')) jsonPath = arg.slice('--json='.length);
  else if (arg === '--no-node-modules') withNodeModules = false;
  else if (arg === '--help' || arg === '-h') {
    console.log(usage);
    process.exit(0);
  } else if (arg.startsWith('-')) fail(`unknown option ${arg}\n${usage}`);
  else folders.push(arg);
}
for (const folder of folders) if (!existsSync(folder)) fail(`no such folder: ${folder}`);
const roots = [...(withNodeModules ? [defaultDocsRoot()] : []), ...folders.map((folder) => resolve(folder))];
if (roots.length === 0) fail(`nothing to scan\n${usage}`);
if (withNodeModules && !existsSync(roots[0]!)) fail(`${roots[0]} not found: install the dependencies first (npm ci)`);

const started = performance.now();
const docs = collectRealDocs(roots);
const { report } = lintRealDocs(docs);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
const share = report.files > 0 ? ((100 * report.filesWithFindings) / report.files).toFixed(1) : '0.0';
const packages = new Set(docs.map((doc) => doc.packageDir)).size;

console.log(`${report.files} files from ${packages} package(s) (${roots.join(', ')}), linted in ${seconds} s`);
console.log(`${report.filesWithFindings} files with any finding (${share}%; the test allows 1%)`);
console.log(`${report.findings} findings, ${report.errorFindings} at error level (the test allows none)`);
if (report.perRule.length > 0) {
  console.log('\nFindings per rule (files):');
  for (const rule of report.perRule) console.log(`  ${rule.ruleId.padEnd(28)} ${String(rule.findings).padStart(5)}  (${rule.files})`);
  console.log('\nOffending files:');
  console.log(formatOffences(report.offences));
}
if (jsonPath) {
  const files = docs.map((doc) => ({ file: doc.shown, package: doc.packageName, version: doc.packageVersion, license: doc.license }));
  writeFileSync(jsonPath, JSON.stringify({ roots, ...report, files }, null, 2) + '\n');
  console.log(`\nwrote ${jsonPath}`);
}

function fail(message: string): never {
  console.error(`storylint corpus:docs: ${message}`);
  process.exit(2);
}
