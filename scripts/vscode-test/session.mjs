// A real VS Code for one run: code-server and headless Chromium in a fresh temporary folder, with a
// copy of the workspace, always cleaned up. Used by run.mjs (extension test modules) and by the
// Playwright UI test tests/vscode/ui/ui-test.mjs.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { attachPage, startChromium } from './chromium.mjs';
import { installVsix, startCodeServer } from './code-server.mjs';
import { killAllSync, killGroup, reapLeftovers, removeState, sleep } from './processes.mjs';
import { NODE24, playwrightChromium } from './tools.mjs';

/** What ends a run early: stop() is still called, from the caller's finally block. */
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** The user settings of every run: nothing unrelated to the extension opens, updates or asks. */
const USER_SETTINGS = {
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
};

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

/** The run's temporary folder: profile folders, logs, a copy of `fixture` (or an empty workspace), the user settings and the results file's path. */
function prepareTemp(fixture, settings) {
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
  // Fresh copy of the fixture workspace, so that tests may change files.
  const workspace = path.join(tmp, 'workspace', fixture ? path.basename(fixture) : 'empty');
  if (fixture) fs.cpSync(fixture, workspace, { recursive: true });
  else fs.mkdirSync(workspace, { recursive: true });
  // Where tests/vscode/runner.ts writes its results: a setting, as the web worker extension host has no environment.
  const resultsFile = path.join(tmp, 'results.json');
  fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  const userSettings = { ...USER_SETTINGS, 'storylintTests.results': resultsFile, ...settings };
  fs.writeFileSync(path.join(dirs.userData, 'User', 'settings.json'), JSON.stringify(userSettings, null, 2));
  return { tmp, dirs, logs, workspace, resultsFile };
}

/** The environments of code-server and Chromium: their config, data, cache and temporary files inside the run's folder. */
function childEnvs(tmp, dirs) {
  // Removing the run's folder then leaves nothing behind; Unix socket paths must stay under 108 bytes.
  const childTmp = path.join(tmp, 'tmp');
  fs.mkdirSync(childTmp);
  const tmpEnv = childTmp.length <= 50 ? { TMPDIR: childTmp } : {};
  const xdg = { XDG_CONFIG_HOME: dirs.xdgConfig, XDG_DATA_HOME: dirs.xdgData, XDG_CACHE_HOME: dirs.xdgCache };
  return {
    env: cleanEnv({ ...tmpEnv, ...xdg, PATH: `${path.dirname(NODE24)}:${process.env.PATH}` }),
    chromeEnv: cleanEnv({ ...tmpEnv, ...xdg }),
  };
}

/**
 * A real VS Code for one run, with a copy of `workspace` (so tests may change files) and, with
 * `vsix`, that extension installed. Always call stop() (in a finally block):
 *
 *   const session = createSession({ workspace, vsix });
 *   try { await session.start(); await session.page.goto(session.url()); … } finally { await session.stop(); }
 *   session.removeTemp();   // or keep it and session.printLogs() after a failure
 */
export function createSession({ workspace: fixture, vsix, settings = {} } = {}) {
  reapLeftovers();
  const started = Date.now();
  const { tmp, dirs, logs, workspace, resultsFile } = prepareTemp(fixture, settings);
  const consoleStream = fs.createWriteStream(logs.console);
  const { env, chromeEnv } = childEnvs(tmp, dirs);
  const dirArgs = ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];

  let lose = () => {};
  let stopped = false;
  const onExit = (why) => { if (!stopped) lose(why); };

  const session = {
    tmp, dirs, logs, workspace, resultsFile, env,
    /** Set by start(): the workbench's base URL, and Playwright's browser, context and page. */
    base: undefined, browser: undefined, context: undefined, page: undefined,
    signalled: false,
    /** Resolves with a reason when code-server or Chromium dies, or a signal arrives. */
    lost: new Promise((resolve) => { lose = resolve; }),
    elapsed: () => `${((Date.now() - started) / 1000).toFixed(1)}s`,
    /** The workbench URL for the copied workspace, with an optional smoke-test driver payload. */
    url(payload) {
      const query = `?folder=${encodeURIComponent(workspace)}${payload ? `&payload=${encodeURIComponent(JSON.stringify(payload))}` : ''}`;
      return `${session.base}/${query}`;
    },

    async start() {
      const chromium = playwrightChromium();
      if (vsix) installVsix(vsix, { env, dirArgs });
      session.base = await startCodeServer({ env, dirArgs, logFile: logs.server, tmp, onExit, interrupted: () => session.signalled });
      console.log(`[vscode-test] code-server listening after ${session.elapsed()}`);
      const wsUrl = await startChromium({ env: chromeEnv, profile: dirs.chromeProfile, logFile: logs.chromium, tmp, onExit });
      Object.assign(session, await attachPage(chromium, wsUrl, consoleStream));
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
      for (const signal of SIGNALS) process.off(signal, onSignal);
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
    lose(`interrupted by ${sig}`);
    setTimeout(() => { killAllSync(); removeState(); process.exit(130); }, 8000).unref();
  }
  for (const signal of SIGNALS) process.on(signal, onSignal);
  return session;
}
