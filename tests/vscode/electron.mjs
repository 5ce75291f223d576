#!/usr/bin/env node
// Second launcher, for contributors' desktops WITH internet: runs the same test module in a desktop
// VS Code that @vscode/test-electron downloads from Microsoft (cached in .vscode-test/electron/).
// On the offline project machines the download cannot work: use scripts/vscode-test/run.mjs there.
//
// Usage: node tests/vscode/electron.mjs --tests <abs compiled test module> [--extension <dir>]
//                                       [--workspace <fixture dir>] [--vscode-version <stable|1.91.0|...>]
// On a Linux machine without a display, run it under `xvfb-run -a`.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function parseArgs(argv) {
  const o = { extension: ROOT, tests: undefined, workspace: undefined, version: process.env.STORYLINT_VSCODE_VERSION ?? 'stable' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = argv[i + 1];
    if (a === '--extension') { o.extension = path.resolve(v); i++; }
    else if (a === '--tests') { o.tests = path.resolve(v); i++; }
    else if (a === '--workspace') { o.workspace = path.resolve(v); i++; }
    else if (a === '--vscode-version') { o.version = v; i++; }
    else { console.error(`electron.mjs: unknown argument ${a}`); process.exit(2); }
  }
  if (!o.tests) {
    console.error('usage: node tests/vscode/electron.mjs --tests <compiled test module> [--extension <dir>] [--workspace <dir>] [--vscode-version <v>]');
    process.exit(2);
  }
  return o;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const { downloadAndUnzipVSCode, runTests } = await import('@vscode/test-electron');
  const cachePath = path.join(ROOT, '.vscode-test', 'electron');

  let vscodeExecutablePath;
  try {
    vscodeExecutablePath = await downloadAndUnzipVSCode({ version: opts.version, cachePath, timeout: 30_000 });
  } catch (e) {
    console.error(
      `electron.mjs: could not download VS Code ${opts.version} from Microsoft (${e?.message ?? e}).\n` +
        'This launcher needs internet access. On the offline project machines run the same suite with\n' +
        '  npm run test:vscode   (code-server + Chromium; scripts/vscode-test/run.mjs)',
    );
    return 3;
  }

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'storylint-electron-test-'));
  const resultsFile = path.join(tmp, 'results.json');
  const workspace = path.join(tmp, 'workspace', opts.workspace ? path.basename(opts.workspace) : 'empty');
  if (opts.workspace) fs.cpSync(opts.workspace, workspace, { recursive: true });
  else fs.mkdirSync(workspace, { recursive: true });

  let exitCode = 1;
  try {
    exitCode = await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: opts.extension,
      extensionTestsPath: opts.tests,
      extensionTestsEnv: { STORYLINT_TEST_RESULTS: resultsFile },
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
  } catch (e) {
    // runTests rejects when VS Code exits non-zero (a failing run() among others).
    console.error(`electron.mjs: ${e?.message ?? e}`);
    exitCode = 1;
  }

  let summary;
  try { summary = JSON.parse(fs.readFileSync(resultsFile, 'utf8')); } catch { summary = undefined; }
  let passed = 0;
  let failed = 0;
  for (const r of summary?.results ?? []) {
    if (r.passed) { passed++; console.log(`✓ ${r.name}`); }
    else { failed++; console.log(`✗ ${r.name}: ${String(r.error ?? 'failed').split('\n')[0]}`); }
  }
  if (!summary) console.error(`electron.mjs: the test module wrote no results to ${resultsFile}`);
  console.log(`${passed} passed, ${failed} failed`);
  fs.rmSync(tmp, { recursive: true, force: true });
  return exitCode === 0 && failed === 0 && passed > 0 ? 0 : 1;
}

main().then((code) => { process.exitCode = code; }, (e) => { console.error(e); process.exitCode = 1; });
