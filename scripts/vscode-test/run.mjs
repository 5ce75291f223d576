#!/usr/bin/env node
// Runs an extension test module inside a REAL VS Code, offline:
// code-server (VS Code's server + web workbench, on Node 24) + Debian Chromium driven by playwright-core.
// The workbench is opened with the smoke-test driver enabled and a `payload` that names the
// extension under development and the test module; the extension host requires the module, calls
// its run(), and the workbench reports the result through window.codeAutomationExit(code).
//
// Usage (Node 20 is fine; run scripts/vscode-test/setup.sh first):
//   node scripts/vscode-test/run.mjs --tests /abs/compiled/index.js [--extension <dir>] [--web] \
//        [--workspace <fixture dir>] [--vsix <file.vsix>] [--timeout <s>] [--screenshot <png>] [--keep-temp]
// --web: the extension and the test module (a browser bundle) run in the web worker extension host
// (see webWorkbench); with --vsix the extension under development is the .vsix unpacked.
// Environment: STORYLINT_VSCODE_TEST_TIMEOUT (seconds, default 300), STORYLINT_VSCODE_TEST_KEEP_TEMP=1.
// Exit code 0 only when the extension host reported 0, the results file says failed == 0 and passed > 0.
// The session it runs in (code-server + Chromium on a workspace copy) is session.mjs's createSession.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { exitWith, killAllSync } from './processes.mjs';
import { createSession } from './session.mjs';
import { checkTools, ROOT } from './tools.mjs';
import { unpackVsix } from './vsix.mjs';
import { addDevelopmentExtension, serveFolder } from './web-extension.mjs';

// ---------------------------------------------------------------- arguments
function parseArgs(argv) {
  const opts = {
    extension: ROOT,
    tests: undefined,
    workspace: undefined,
    vsix: undefined,
    web: false,
    screenshot: undefined,
    timeout: Number(process.env.STORYLINT_VSCODE_TEST_TIMEOUT ?? 300),
    keepTemp: process.env.STORYLINT_VSCODE_TEST_KEEP_TEMP === '1',
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) usage(`missing value for ${a}`);
      return v;
    };
    switch (a) {
      case '--extension': opts.extension = path.resolve(next()); break;
      case '--tests': opts.tests = path.resolve(next()); break;
      case '--workspace': opts.workspace = path.resolve(next()); break;
      case '--vsix': opts.vsix = path.resolve(next()); break;
      case '--screenshot': opts.screenshot = path.resolve(next()); break;
      case '--timeout': opts.timeout = Number(next()); break;
      case '--keep-temp': opts.keepTemp = true; break;
      case '--web': opts.web = true; break;
      case '-h': case '--help': usage(); break;
      default: usage(`unknown argument: ${a}`);
    }
  }
  if (!opts.tests) usage('--tests is required');
  if (!Number.isFinite(opts.timeout) || opts.timeout <= 0) usage('--timeout must be a positive number of seconds');
  return opts;
}

function usage(msg) {
  if (msg) console.error(`run.mjs: ${msg}`);
  console.error('usage: node scripts/vscode-test/run.mjs --tests <compiled test module> [--extension <dir>] [--web] ' +
    '[--workspace <dir>] [--vsix <file>] [--timeout <s>] [--screenshot <png>] [--keep-temp]');
  process.exit(2);
}

/** Why the run cannot start (tools, test module, extension or .vsix missing); undefined when it can. */
function missingInput(opts) {
  try {
    checkTools();
  } catch (e) {
    return e.message;
  }
  if (!fs.existsSync(opts.tests)) return `test module not found: ${opts.tests}`;
  if (!opts.vsix && !fs.existsSync(path.join(opts.extension, 'package.json'))) return `no package.json in extension folder ${opts.extension}`;
  if (opts.vsix && !fs.existsSync(opts.vsix)) return `vsix not found: ${opts.vsix}`;
  return undefined;
}

// ---------------------------------------------------------------- the run
/**
 * Node host: the payload names the extension development path (the extension folder, or with --vsix an
 * empty stand-in: the extension host only runs extensionTestsPath in extension-development mode; the
 * packaged one is installed) and the test module, as vscode-remote: URIs. Web: see webWorkbench.
 * Returns the workbench URL and what to close after the run.
 */
async function workbench(session, opts) {
  if (opts.web) return webWorkbench(session, opts);
  let devPath = opts.extension;
  if (opts.vsix) {
    devPath = path.join(session.tmp, 'vsix-test-host');
    fs.mkdirSync(devPath, { recursive: true });
    fs.writeFileSync(path.join(devPath, 'package.json'), JSON.stringify({
      name: 'vsix-test-host', publisher: 'storylint-test', version: '0.0.0', engines: { vscode: '^1.91.0' },
    }));
  }
  // code-server's remote authority is the page's host.
  const remote = (p) => `vscode-remote://${new URL(session.base).host}${p}`;
  return { url: session.url([['extensionDevelopmentPath', remote(devPath)], ['extensionTestsPath', remote(opts.tests)]]), close: async () => {} };
}

/**
 * Web: the extension (the .vsix unpacked, or a copy of the folder) with the test module inside it (the
 * workbench runs the tests in the host of the extension whose folder holds them), served over http and
 * named in the workbench's developmentOptions (web-extension.mjs): a web extension only, as on vscode.dev.
 * (The payload's extensionDevelopmentKind "web" is no way there: VS Code 1.139's browser workbench reads it
 * into a property its running-location code does not read, and a vscode-remote: extension cannot start workers.)
 */
async function webWorkbench(session, opts) {
  const devPath = path.join(session.tmp, 'web-extension');
  if (opts.vsix) {
    const { files } = await unpackVsix(opts.vsix, devPath);
    console.log(`[vscode-test] unpacked ${path.basename(opts.vsix)} (${files} files) as the extension under development`);
  } else {
    fs.cpSync(opts.extension, devPath, { recursive: true, filter: (p) => !/[/\\](node_modules|\.git|\.vscode-test)$/.test(p) });
  }
  const tests = `vscode-test-suite/${path.basename(opts.tests)}`;
  fs.mkdirSync(path.join(devPath, 'vscode-test-suite'), { recursive: true });
  fs.copyFileSync(opts.tests, path.join(devPath, tests));
  const server = await serveFolder(devPath);
  console.log(`[vscode-test] web extension served at ${server.origin}/`);
  await addDevelopmentExtension(session.page, session.base, { extension: `${server.origin}/`, tests: `${server.origin}/${tests}` });
  return { url: session.url(), close: server.close };
}

/** Opens the workbench on the test module and waits for the extension host's exit code: { code } or { error }. */
async function runTestModule(session, opts) {
  const { page, context } = session;
  let resolveExit;
  const exitReported = new Promise((resolve) => { resolveExit = resolve; });
  await context.exposeFunction('codeAutomationExit', (code) => { resolveExit(Number(code)); });
  // The workbench says so when no extension host took the test module (then it never reports an exit code).
  const noHost = new Promise((resolve) => page.on('console', (m) => { if (m.text().startsWith('No extension host found')) resolve(m.text()); }));
  const { url, close } = await workbench(session, opts);
  try {
    session.note(`[run.mjs] opening ${url}`);
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    console.log(`[vscode-test] workbench opened after ${session.elapsed()}; waiting for the tests (timeout ${opts.timeout} s)`);
    return await testOutcome(session, opts, exitReported, noHost);
  } finally {
    await close();
  }
}

/** The extension host's exit code, or why there is none (no host for the tests, time out, code-server or Chromium lost). */
async function testOutcome(session, opts, exitReported, noHost) {
  let timer;
  const timedOut = new Promise((resolve) => { timer = setTimeout(() => resolve('timeout'), opts.timeout * 1000); });
  const outcome = await Promise.race([
    exitReported.then((code) => ({ code })),
    noHost.then((why) => ({ error: why })),
    timedOut.then(() => ({ error: `timed out after ${opts.timeout} s waiting for the tests` })),
    session.lost.then((why) => ({ error: why })),
  ]);
  clearTimeout(timer);
  if ('code' in outcome) console.log(`[vscode-test] extension host reported exit code ${outcome.code} after ${session.elapsed()}`);
  return outcome;
}

async function screenshot(page, file) {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await page.screenshot({ path: file, timeout: 10_000 });
    console.log(`[vscode-test] screenshot: ${file}`);
  } catch (e) {
    console.error(`[vscode-test] screenshot failed: ${e.message}`);
  }
}

// ---------------------------------------------------------------- report
/** One line per test from the results file the test module wrote, then its notes; undefined when it wrote none. */
function reportResults(resultsFile) {
  let summary;
  try { summary = JSON.parse(fs.readFileSync(resultsFile, 'utf8')); } catch { summary = undefined; }
  if (!summary) return undefined;
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for (const r of summary.results ?? []) {
    if (r.skipped) {
      counts.skipped++;
      console.log(`- ${r.name}`);
    } else if (r.passed) {
      counts.passed++;
      console.log(`✓ ${r.name}`);
    } else {
      counts.failed++;
      const [first, ...rest] = String(r.error ?? 'failed').split('\n');
      console.log(`✗ ${r.name}: ${first}`);
      for (const line of rest.slice(0, 8)) console.log(`    ${line.trim()}`);
    }
  }
  // A run that ended early (a timeout): the tests it did not reach fail.
  for (const name of summary.notRun ?? []) {
    counts.failed++;
    console.log(`✗ ${name}: not run (the run ended before it)`);
  }
  // Figures the tests measured (tests/vscode/runner.ts note()): printed, never asserted.
  for (const line of summary.notes ?? []) console.log(line);
  return counts;
}

/** Why the run failed when the tests did not say (no results, a failed host, no test); undefined when they did. */
function unreportedFailure(counts, hostExitCode, resultsFile) {
  if (!counts) return `the test module wrote no results to ${resultsFile} (did it load? did run() call runRegisteredTests()?)`;
  if (hostExitCode !== undefined && hostExitCode !== 0 && counts.failed === 0) {
    return `the extension host reported exit code ${hostExitCode} (run() threw or the test module failed to load)`;
  }
  if (counts.passed === 0 && counts.failed === 0) return 'no test ran';
  return undefined;
}

// ---------------------------------------------------------------- CLI: run an extension test module
async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const missing = missingInput(opts);
  if (missing) {
    console.error(`run.mjs: ${missing}`);
    return 2;
  }
  // On the web the .vsix is the extension under development, not installed (webWorkbench).
  const session = createSession({ workspace: opts.workspace, vsix: opts.web ? undefined : opts.vsix });
  let hostExitCode;
  let failure; // a string saying why the run failed before the tests could report
  try {
    await session.start();
    const outcome = await runTestModule(session, opts);
    hostExitCode = outcome.code;
    failure = outcome.error;
    if (opts.screenshot && !session.signalled) await screenshot(session.page, opts.screenshot);
  } catch (e) {
    failure = e?.message ?? String(e);
  } finally {
    await session.stop();
  }

  const counts = reportResults(session.resultsFile);
  failure ??= unreportedFailure(counts, hostExitCode, session.resultsFile);
  const { passed = 0, failed = 0 } = counts ?? {};
  const ok = !failure && hostExitCode === 0 && failed === 0 && passed > 0;
  if (!ok) {
    if (failure) console.error(`run.mjs: ${failure}`);
    session.printLogs();
  }
  if (opts.web || counts?.skipped) console.log(`${counts?.skipped ?? 0} skipped (node only)`);
  console.log(`${passed} passed, ${failed} failed`);

  if (opts.keepTemp || !ok) console.log(`[vscode-test] kept temp folder ${session.tmp}`);
  else session.removeTemp();
  return session.signalled ? 130 : ok ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(exitWith, (e) => { console.error(e); killAllSync(); process.exitCode = 1; });
}
