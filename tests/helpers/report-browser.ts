import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

/** Debian's Chromium; CI installs it with scripts/vscode-test/setup.sh. */
export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = (): boolean => existsSync(CHROMIUM);

const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface RenderOutcome {
  consoleErrors: string[];
  pageErrors: string[];
  /** Every request the page made, the document itself included. */
  requests: string[];
  /** CSP violations the page reported. */
  cspViolations: string[];
  screenshot?: Buffer;
  /** What `inspect` returned, evaluated in the page after load. */
  inspected?: unknown;
}

export interface RenderOptions {
  screenshotPath?: string;
  fullPage?: boolean;
  width?: number;
  height?: number;
  colorScheme?: 'light' | 'dark';
  /** Runs in the page after it loaded (e.g. clicks a sort button and reads the table). */
  inspect?: string;
}

/** Opens the report as a file: page in headless Chromium with a fresh profile and watches what it does. */
export async function renderInChromium(htmlFile: string, options: RenderOptions = {}): Promise<RenderOutcome> {
  const profile = mkdtempSync(join(tmpdir(), 'storylint-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    colorScheme: options.colorScheme ?? 'light',
  });
  const outcome: RenderOutcome = { consoleErrors: [], pageErrors: [], requests: [], cspViolations: [] };
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (message) => {
      if (message.type() === 'error') outcome.consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => outcome.pageErrors.push(error.message));
    page.on('request', (request) => outcome.requests.push(request.url()));
    // Page code as strings: the project compiles without the DOM library.
    await page.addInitScript(
      "window.__csp = []; document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));",
    );
    await page.goto(`file://${htmlFile}`, { waitUntil: 'load' });
    if (options.inspect) outcome.inspected = await page.evaluate(options.inspect);
    outcome.cspViolations = (await page.evaluate('window.__csp')) as string[];
    if (options.screenshotPath) {
      outcome.screenshot = await page.screenshot({ path: options.screenshotPath, fullPage: options.fullPage ?? false });
    }
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
  return outcome;
}
