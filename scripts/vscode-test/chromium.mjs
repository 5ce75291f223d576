// Headless Chromium in its own process group (we own its lifetime, not Playwright), and
// Playwright's page on it, attached over the DevTools protocol.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sleep, trackGroup } from './processes.mjs';
import { CHROMIUM } from './tools.mjs';

const WINDOW = { width: 1400, height: 900 };

/** Starts Chromium on `profile` and waits for its DevTools port; returns the URL to attach to. `onExit` hears why it exited. */
export async function startChromium({ env, profile, logFile, tmp, onExit }) {
  const chromeArgs = [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--no-first-run', '--no-default-browser-check', '--disable-dev-shm-usage',
    // The web suite's workbench page is fulfilled by Playwright (web-extension.mjs): without this, Chromium counts it as a public page and blocks its connection to code-server on 127.0.0.1.
    '--disable-features=LocalNetworkAccessChecks',
    '--remote-debugging-address=127.0.0.1', '--remote-debugging-port=0',
    `--user-data-dir=${profile}`,
    `--window-size=${WINDOW.width},${WINDOW.height}`,
    'about:blank',
  ];
  const logFd = fs.openSync(logFile, 'a');
  const chrome = spawn(CHROMIUM, chromeArgs, { detached: true, stdio: ['ignore', logFd, logFd], env });
  fs.closeSync(logFd);
  trackGroup('chromium', chrome.pid, tmp);
  chrome.on('exit', (c) => onExit(`Chromium exited during the run (code ${c})`));
  const portFile = path.join(profile, 'DevToolsActivePort');
  const cdpDeadline = Date.now() + 30_000;
  for (;;) {
    try {
      const [p, ws] = fs.readFileSync(portFile, 'utf8').split('\n');
      if (p && ws) return `ws://127.0.0.1:${p.trim()}${ws.trim()}`;
    } catch { /* not yet */ }
    if (chrome.exitCode !== null) throw new Error(`Chromium exited early (code ${chrome.exitCode})`);
    if (Date.now() > cdpDeadline) throw new Error('Chromium did not open its DevTools port within 30 s');
    await sleep(100);
  }
}

/** Playwright's browser, context and page on the started Chromium; the page's console goes to `consoleStream`. */
export async function attachPage(chromium, wsUrl, consoleStream) {
  const browser = await chromium.connectOverCDP(wsUrl);
  const context = browser.contexts()[0] ?? (await browser.newContext());
  const page = context.pages()[0] ?? (await context.newPage());
  await page.setViewportSize(WINDOW).catch(() => {});
  page.on('console', (m) => consoleStream.write(`[console.${m.type()}] ${m.text()}\n`));
  page.on('pageerror', (e) => consoleStream.write(`[pageerror] ${e.stack ?? e}\n`));
  return { browser, context, page };
}
