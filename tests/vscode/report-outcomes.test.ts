import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { suite, test, waitFor } from './runner';
import { LINT_TIMEOUT_MS, openStory, serverRequest } from './util';

// The report panel shows the HTML of storylint/report: here read from the same request, for the outcome map of
// tests/vscode/workspace/report-outcomes/ (its own config, so its outcomes are a backlog of their own).
const DIR = 'report-outcomes';

/** The text of the outcome table's row for `key` (an outcome id, or "none"). */
const rowText = (html: string, key: string): string | undefined => {
  const row = /<tr(?: class="no-outcome")? data-outcome="([^"]+)">([\s\S]*?)<\/tr>/g;
  const found = [...html.matchAll(row)].find((match) => match[1] === key);
  return found?.[2]!.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
};

suite('report outcomes', () => {
  test('the report panel has "Are we working on our goals?" with the workspace\'s outcomes, their stories and bars', async () => {
    await openStory(`${DIR}/reports.md`);
    await vscode.commands.executeCommand('storylint.showReport');
    const tab = await waitFor(() => vscode.window.tabGroups.all.flatMap((group) => group.tabs).find((candidate) => candidate.input instanceof vscode.TabInputWebview && candidate.input.viewType.endsWith('storylint.report')), { timeout: LINT_TIMEOUT_MS, message: 'a "storylint.report" webview tab' });
    assert.equal(tab.label, 'Backlog report');
    // The background scan may still be reading files: wait until both outcomes and RPT-1 are in.
    const html = await waitFor(async () => {
      const page = (await serverRequest<{ html: string }>('storylint/report')).html;
      return page.includes('data-outcome="KR-7.2"') && page.includes('>RPT-1</a>') ? page : undefined;
    }, { timeout: LINT_TIMEOUT_MS, message: 'the report with the outcomes of report-outcomes/' });
    assert.ok(html.includes('<h2 id="outcomes-title">Are we working on our goals?</h2>'), 'the section heading');
    assert.match(html, /data-outcomes-headline>Outcomes: \d+ declared, \d+ served by no story; \d+ of \d+ stories \(\d+%\) serve no outcome/);
    assert.equal(rowText(html, 'KR-7.1'), 'KR-7.1 Accountants close the month faster report-outcomes/outcomes.md:3 median working days from month end to a closed month 6 → 3 by the end of Q4 1 100 RPT-1 Close the month from one screen 100');
    assert.equal(rowText(html, 'KR-7.2'), 'KR-7.2 Fewer exports rebuilt by hand report-outcomes/outcomes.md:11 support tickets about export formats a month 45 → 15 0 — No story serves it.');
    assert.ok(rowText(html, 'none')?.includes('RPT-2 Schedule the monthly summary'), 'RPT-2 serves no outcome');
    const bars = [...html.matchAll(/<g class="outcome-bar(?: no-outcome)?" data-outcome="([^"]+)"><title>([^<]*)<\/title>/g)].map((match) => [match[1], match[2]]);
    assert.deepEqual(bars.filter(([key]) => key!.startsWith('KR-7')), [['KR-7.1', 'KR-7.1 Accountants close the month faster: 1 story'], ['KR-7.2', 'KR-7.2 Fewer exports rebuilt by hand: 0 stories']]);
    assert.equal(bars[bars.length - 1]![0], 'none', 'the "No outcome" bar comes last');
    // In the webview a story link opens the editor: no file: URL.
    assert.match(html, /<a href="#" data-file="[^"]*report-outcomes\/reports\.md" data-line="3">RPT-1<\/a>/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  }, { timeout: 60_000 });
});
