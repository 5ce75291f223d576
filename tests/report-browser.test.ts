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

  it('draws the outcome map: a visible, labelled bar per outcome and the striped "No outcome" bar', async () => {
    const folder = join(__dirname, 'fixtures', 'report-outcomes');
    const names = ['outcomes.md', 'stories/checkout.md', 'stories/INV-5-invoice-template.md', 'stories/REF-4-refund-reasons.md', 'stories/later.md'];
    const results = lintFiles(names.map((name) => ({ filePath: join(folder, name), text: readFileSync(join(folder, name), 'utf8') })), { rules });
    const htmlFile = join(mkdtempSync(join(tmpdir(), 'storylint-report-')), 'report.html');
    writeFileSync(htmlFile, renderReportHtml(results, { cwd: folder, rules }));
    const inspect = `[...document.querySelectorAll('#outcomes svg g.outcome-bar')].map((bar) => {
      const box = bar.querySelector('rect').getBoundingClientRect();
      return [bar.dataset.outcome, bar.querySelector('text').textContent, Math.round(box.width) > 0 && box.height > 0, getComputedStyle(bar.querySelector('rect')).fill];
    })`;

    const outcome = await renderInChromium(htmlFile, { inspect });

    expect(outcome.pageErrors).toEqual([]);
    expect(outcome.cspViolations).toEqual([]);
    const bars = outcome.inspected as [string, string, boolean, string][];
    expect(bars.map(([key, label, visible]) => [key, label, visible])).toEqual([
      ['OUT-1', 'OUT-1 Returning customers finish …', true],
      ['OUT-2', 'OUT-2 Faster first invoice', true],
      ['KR-3', 'KR-3 Fewer refund tickets', false],
      ['none', 'No outcome', true],
    ]);
    // The untraced bar is striped (the warning pattern), the others a plain colour.
    expect(bars[3]![3]).toMatch(/url\("?#pattern-warning"?\)/);
    expect(bars[0]![3]).toMatch(/^rgb/);
  }, 60_000);
});
