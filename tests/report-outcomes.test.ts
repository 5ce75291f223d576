// The report's outcome map ("Are we working on our goals?") from the real CLI as a process, on the Markdown backlog of
// tests/fixtures/report-outcomes/ (not under tests/fixtures/report/: report.test.ts lints every file there): figures,
// table rows, chart bars, the summary headline, the section's absence without outcomes, and outcomes kept out of every story figure.
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, storylint, tempDir } from './cli-harness';
import type { BacklogReport } from '../report/model';

const FIXTURE = join(__dirname, 'fixtures', 'report-outcomes');

interface Rendered {
  code: number | null;
  html: string;
  data: BacklogReport;
}

function renderHtml(cwd: string, output: string): Rendered {
  const run = storylint(['backlog', '--format', 'html', '--output-file', output], { cwd });
  expect(run.stderr).toBe('');
  const html = readFileSync(join(cwd, output), 'utf8');
  const data = JSON.parse(/<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html)![1]!) as BacklogReport;
  return { code: run.code, html, data };
}

/** The section's markup, from its opening tag to its closing one. */
const sectionOf = (html: string): string => /<section aria-labelledby="outcomes-title"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
const all = (text: string, pattern: RegExp): string[][] => [...text.matchAll(pattern)].map((match) => match.slice(1));
const stripTags = (html: string): string => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

describe('the outcome map of the backlog report (process)', () => {
  let cwd: string;
  let withOutcomes: Rendered;
  let withoutOutcomes: Rendered;
  beforeAll(() => {
    ensureBuilt();
    cwd = tempDir();
    cpSync(FIXTURE, join(cwd, 'backlog'), { recursive: true });
    withOutcomes = renderHtml(cwd, 'with.html');
    rmSync(join(cwd, 'backlog', 'outcomes.md'));
    withoutOutcomes = renderHtml(cwd, 'without.html');
    cpSync(join(FIXTURE, 'outcomes.md'), join(cwd, 'backlog', 'outcomes.md'));
  });

  it('maps each declared outcome to the stories serving it, with metric, baseline, target and mean score', () => {
    const map = withOutcomes.data.outcomes!;
    expect(map.outcomes.map((outcome) => [outcome.id, outcome.title, outcome.file, outcome.line, outcome.metric, outcome.baseline, outcome.target])).toEqual([
      ['OUT-1', 'Returning customers finish checkout', 'backlog/outcomes.md', 6, 'checkout completion of returning customers', '62%', '70% by the end of Q3'],
      ['OUT-2', 'Faster first invoice', 'backlog/outcomes.md', 14, 'Median minutes from sign-up to the first sent invoice', '42', '15'],
      ['KR-3', 'Fewer refund tickets', 'backlog/outcomes.md', 20, 'refund tickets a month', '120', '60'],
    ]);
    // CHK-1 by a Serves lead-in, CHK-2 by a link to the outcome's heading, INV-5 by front matter.
    expect(map.outcomes.map((outcome) => [outcome.id, outcome.stories.map((story) => `${story.id} ${story.score}`), outcome.averageScore])).toEqual([
      ['OUT-1', ['CHK-1 100', 'CHK-2 100'], 100],
      ['OUT-2', ['INV-5 100'], 100],
      ['KR-3', [], null],
    ]);
    expect(map.orphans).toBe(1);
    expect(map.undeclared.map((entry) => [entry.id, entry.stories.map((story) => story.id)])).toEqual([['OUT-9', ['REF-4']]]);
    // REF-4 names only an undeclared id and CHK-3 none: 2 of the 5 stories with sections; one-line stories are not in the base.
    expect(map.unserved.stories.map((story) => `${story.id} ${story.score}`)).toEqual(['REF-4 90', 'CHK-3 60']);
    expect([map.unserved.total, map.unserved.share, map.unserved.averageScore]).toEqual([5, 0.4, 75]);
  });

  it('renders the section with one table row per outcome plus "No outcome", and a bar per row labelled in text', () => {
    const section = sectionOf(withOutcomes.html);
    expect(section).toContain('<h2 id="outcomes-title">Are we working on our goals?</h2>');
    expect(stripTags(/data-outcomes-headline>([\s\S]*?)<\/p>/.exec(section)![1]!)).toBe(
      'Outcomes: 3 declared, 1 served by no story; 2 of 5 stories (40%) serve no outcome; 1 story names an undeclared outcome (OUT-9).',
    );
    const rows = all(section, /<tr(?: class="no-outcome")? data-outcome="([^"]+)">([\s\S]*?)<\/tr>/g).map(([key, cells]) => [key, stripTags(cells!)]);
    expect(rows).toEqual([
      ['OUT-1', 'OUT-1 Returning customers finish checkout backlog/outcomes.md:6 checkout completion of returning customers 62% → 70% by the end of Q3 2 100 CHK-1 Pay with a saved card 100 CHK-2 Reorder from the order history 100'],
      ['OUT-2', 'OUT-2 Faster first invoice backlog/outcomes.md:14 Median minutes from sign-up to the first sent invoice 42 → 15 1 100 INV-5 Start from an invoice template 100'],
      ['KR-3', 'KR-3 Fewer refund tickets backlog/outcomes.md:20 refund tickets a month 120 → 60 0 — No story serves it.'],
      ['none', 'No outcome Stories with sections that serve no declared outcome 2 75 REF-4 Tell the customer why a refund is late 90 CHK-3 Apply a voucher 60'],
    ]);
    // Links open the place: a file: URL standalone, data-file/data-line for the editor's webview.
    expect(section).toMatch(/<a href="file:\/\/[^"]*\/backlog\/outcomes\.md" data-file="[^"]*\/backlog\/outcomes\.md" data-line="6">backlog\/outcomes\.md:6<\/a>/);
    expect(section).toMatch(/<li data-undeclared="OUT-9"><code>OUT-9<\/code>: <ul class="serving"><li><a [^>]*data-line="4">REF-4<\/a>/);
  });

  it('draws an accessible inline SVG bar chart: title, desc, a labelled bar per outcome and the striped "No outcome" bar', () => {
    const svg = /<svg class="chart outcomes"[\s\S]*?<\/svg>/.exec(sectionOf(withOutcomes.html))![0];
    expect(svg).toMatch(/role="img" aria-labelledby="outcomes-svg-title outcomes-svg-desc"/);
    expect(svg).toContain('<desc id="outcomes-svg-desc">OUT-1 Returning customers finish checkout: 2; OUT-2 Faster first invoice: 1; KR-3 Fewer refund tickets: 0; No outcome: 2</desc>');
    const bars = all(svg, /<g class="outcome-bar( no-outcome)?" data-outcome="([^"]+)"><title>([^<]*)<\/title><text[^>]*>([^<]*)<\/text><rect class="([^"]+)"[^>]* width="(\d+)"[^>]*\/><text[^>]*>(\d+)<\/text><\/g>/g);
    expect(bars.map(([none, key, title, label, rectClass, width, value]) => [key, title, label, rectClass, Number(width) > 0, value, none ?? ''])).toEqual([
      ['OUT-1', 'OUT-1 Returning customers finish checkout: 2 stories', 'OUT-1 Returning customers finish …', 'bar', true, '2', ''],
      ['OUT-2', 'OUT-2 Faster first invoice: 1 story', 'OUT-2 Faster first invoice', 'bar', true, '1', ''],
      ['KR-3', 'KR-3 Fewer refund tickets: 0 stories', 'KR-3 Fewer refund tickets', 'bar', false, '0', ''],
      ['none', 'No outcome: 2 stories', 'No outcome', 'bar-none', true, '2', ' no-outcome'],
    ]);
    // Bars share one scale: 2 stories draw twice as long as 1.
    const widths = bars.map((bar) => Number(bar[5]));
    expect(widths[0]).toBe(widths[3]);
    expect(Math.abs(widths[0]! - 2 * widths[1]!)).toBeLessThanOrEqual(1);
    expect(svg).not.toMatch(/<script|on[a-z]+=/i);
  });

  it('prints the headline with --format summary', () => {
    const run = storylint(['backlog', '--format', 'summary', '--no-color'], { cwd });
    // Warnings and info only: the exit code stays 0.
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')).toContain('Outcomes 3 declared, 1 served by no story; 2 of 5 stories (40%) serve no outcome; 1 story names an undeclared outcome (OUT-9)');
    expect(run.stdout).toMatch(/^Backlog {2}7 stories in 5 files,/);
  });

  it('has no outcome section, summary line or data when the backlog declares no outcome', () => {
    expect(withoutOutcomes.data.outcomes).toBeUndefined();
    expect(withoutOutcomes.html).not.toContain('Are we working on our goals?');
    expect(withoutOutcomes.html).not.toContain('outcome-bar');
    const dir = tempDir();
    cpSync(FIXTURE, join(dir, 'backlog'), { recursive: true });
    rmSync(join(dir, 'backlog', 'outcomes.md'));
    const run = storylint(['backlog', '--format', 'summary', '--no-color'], { cwd: dir });
    expect(run.stdout).not.toMatch(/^Outcomes/m);
    expect(run.stdout).toMatch(/^Backlog {2}7 stories in 4 files,/);
  });

  it('counts outcomes as no stories: every story figure equals the backlog without its outcomes file', () => {
    const [withData, withoutData] = [withOutcomes.data, withoutOutcomes.data];
    expect(withData.totals.files).toBe(withoutData.totals.files + 1);
    const storyFigures = (data: BacklogReport) => ({
      stories: data.totals.stories,
      withSections: data.totals.storiesWithSections,
      withoutSections: data.totals.storiesWithoutSections,
      ids: data.stories.map((row) => `${row.kind} ${row.id ?? row.line}`),
      questionTotals: data.questions.map((question) => [question.key, question.total]),
      histogramTotal: data.scores.histogram.reduce((sum, bucket) => sum + bucket.count, 0),
      epics: data.epics.map((epic) => [epic.name, epic.stories]),
    });
    expect(storyFigures(withData)).toEqual(storyFigures(withoutData));
    expect(storyFigures(withData)).toMatchObject({ stories: 7, withSections: 5, withoutSections: 2, histogramTotal: 7, epics: [['Epic: Checkout that converts', 3], ['Later', 2]] });
    expect(withData.stories.map((row) => row.kind)).not.toContain('outcome');
    // The outcomes file is a file of the backlog with findings (orphan-outcome) but no stories.
    const outcomesFile = withData.files.find((file) => file.name === 'backlog/outcomes.md')!;
    expect([outcomesFile.stories, outcomesFile.averageScore, outcomesFile.severities.info]).toEqual([0, null, 1]);
    // A rule's "stories" counts stories only, not the outcome it reported on.
    const orphan = withData.rules.find((rule) => rule.ruleId === 'orphan-outcome')!;
    expect([orphan.findings, orphan.stories]).toEqual([1, 0]);
    const lead = /<p class="lead">([^<]*)<\/p>/.exec(withOutcomes.html)![1];
    expect(lead).toBe(`7 stories in 5 files, ${withData.totals.findings} findings.`);
  });
});
