#!/usr/bin/env node
// Rewrites the extension suite's expected data (tests/vscode/expected/) from the CLI's view of the
// fixture workspace (tests/vscode/workspace/): the diagnostics of each file and the text of each file
// after its fixes. The editor must agree with the CLI. Run `npm run build` first, then READ the diff.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const WORKSPACE = path.join(ROOT, 'tests', 'vscode', 'workspace');
const EXPECTED = path.join(ROOT, 'tests', 'vscode', 'expected');
const CLI = path.join(ROOT, 'dist', 'cli.js');
/** The edit the fix-on-save test types before saving (tests/vscode/actions.test.ts). */
const SAVE_EDIT = ['redeem a voucher', 'redeem a gift voucher'];

const cli = (cwd, args) => spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });

const { stdout } = cli(WORKSPACE, ['-f', 'json', 'stories']);
const diagnostics = {};
for (const file of JSON.parse(stdout)) {
  diagnostics[path.relative(WORKSPACE, file.filePath).split(path.sep).join('/')] = file.messages.map((m) => ({
    code: m.ruleId,
    severity: m.severity,
    range: `${m.line}:${m.column}-${m.endLine}:${m.endColumn}`,
    message: m.message,
  }));
}
fs.writeFileSync(path.join(EXPECTED, 'diagnostics.json'), JSON.stringify(diagnostics, null, 2) + '\n');

const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'storylint-expected-'));
try {
  fs.cpSync(WORKSPACE, copy, { recursive: true });
  const save = path.join(copy, 'stories', 'save.md');
  fs.writeFileSync(save, fs.readFileSync(save, 'utf8').replace(...SAVE_EDIT));
  cli(copy, ['--fix', 'stories']);
  for (const name of ['quickfix', 'save', 'refunds', 'later']) {
    fs.copyFileSync(path.join(copy, 'stories', `${name}.md`), path.join(EXPECTED, `${name}.fixed.md`));
  }
} finally {
  fs.rmSync(copy, { recursive: true, force: true });
}
console.log(`wrote ${path.relative(ROOT, EXPECTED)}/: diagnostics.json and *.fixed.md; review the diff (git diff ${path.relative(ROOT, EXPECTED)})`);
