import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../core';
import { renderReportHtml } from '../report/formatters/html';
import { rules } from '../rules';
import { hasChromium, renderInChromium } from './helpers/report-browser';

const FIXTURES = join(__dirname, 'fixtures', 'report');
const FILES = ['checkout.md', 'notes.md', 'onboarding.md', 'stories/REF-9-refund-reasons.md'];

/** Sorts by ID, then reads the first column of the stories table and whether any injected markup ran. */
const INSPECT = `(() => {
  const before = [...document.querySelectorAll('#stories tbody tr')].map((row) => row.cells[1].textContent);
  document.querySelector('#stories th button[data-sort="id"]').click();
  const ids = [...document.querySelectorAll('#stories tbody tr')].map((row) => row.cells[1].textContent);
  const sortState = document.querySelector('#stories th[aria-sort]').textContent + ' ' + document.querySelector('#stories th[aria-sort]').getAttribute('aria-sort');
  return { before, ids, sortState, injected: document.querySelectorAll('tbody script, tbody img').length };
})()`;

const SUITE = hasChromium()
  ? 'backlog report in headless Chromium'
  : 'backlog report in headless Chromium (skipped: /usr/bin/chromium is missing; scripts/vscode-test/setup.sh installs it)';

describe.skipIf(!hasChromium())(SUITE, () => {
  it('renders the fixture backlog without errors, requests or CSP violations, and sorts', async () => {
    const results = lintFiles(
      FILES.map((name) => ({ filePath: join(FIXTURES, name), text: readFileSync(join(FIXTURES, name), 'utf8') })),
      { rules },
    );
    const folder = mkdtempSync(join(tmpdir(), 'storylint-report-'));
    const htmlFile = join(folder, 'report.html');
    writeFileSync(htmlFile, renderReportHtml(results, { cwd: FIXTURES, rules }));
    const screenshotPath = join(folder, 'report.png');

    const outcome = await renderInChromium(htmlFile, { screenshotPath, fullPage: true, inspect: INSPECT });

    expect(outcome.consoleErrors).toEqual([]);
    expect(outcome.pageErrors).toEqual([]);
    expect(outcome.cspViolations).toEqual([]);
    expect(outcome.requests).toEqual([`file://${htmlFile}`]);
    const inspected = outcome.inspected as { before: string[]; ids: string[]; sortState: string; injected: number };
    expect(inspected.injected).toBe(0);
    expect(inspected.sortState).toBe('ID ascending');
    // Empty ids (one-line stories) sort first, then natural order.
    expect(inspected.ids.filter(Boolean)).toEqual(['CHK-1', 'CHK-2', 'CHK-3', 'ONB-1', 'REF-9']);
    expect(inspected.before).not.toEqual(inspected.ids);
    // A PNG of a real page, not a blank one: larger than an empty screenshot.
    expect(outcome.screenshot!.subarray(1, 4).toString()).toBe('PNG');
    expect(outcome.screenshot!.length).toBeGreaterThan(30_000);
    console.log(`report screenshot: ${screenshotPath}`);
  }, 60_000);
});
