#!/usr/bin/env node
// Regenerates docs/images/vscode-diagnostics.png and docs/images/vscode-quick-fix.png: packages the
// extension and runs the Playwright UI test (tests/vscode/ui/ui-test.mjs) with --screenshots.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const run = (command, args) => {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
run('bash', ['scripts/vscode-test/setup.sh']);
run('npm', ['run', '--silent', 'package']);
run(process.execPath, ['tests/vscode/ui/ui-test.mjs', '--vsix', 'storylint.vsix', '--screenshots', 'docs/images']);
