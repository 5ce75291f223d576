import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type AnyRule, defineStoryRule, type FileResult, lintFiles, sectionsOf } from '../core';
import html, { renderReportHtml } from '../report/formatters/html';
import summary from '../report/formatters/summary';
import { type BacklogReport, buildReport } from '../report/model';
import { questionsAnsweredBy } from '../report/questions';
import { rules } from '../rules';
import requireAcceptanceCriteria from '../rules/require-acceptance-criteria';

const ROOT = join(__dirname, '..');
const FIXTURES = join(__dirname, 'fixtures', 'report');

function markdownFiles(folder: string): string[] {
  return readdirSync(folder)
    .sort()
    .flatMap((name) => {
      const path = join(folder, name);
      return statSync(path).isDirectory() ? markdownFiles(path) : name.endsWith('.md') ? [path] : [];
    });
}

function lintFolder(folder: string, ruleList: readonly AnyRule[] = rules): FileResult[] {
  const files = markdownFiles(folder).map((filePath) => ({ filePath, text: readFileSync(filePath, 'utf8') }));
  return lintFiles(files, { rules: ruleList });
}

/** The figures the page embeds for its own script, read back the way a consumer would. */
function embeddedReport(page: string): BacklogReport {
  const match = /<script type="application\/json" id="report-data">([^<]*)<\/script>/.exec(page);
  if (!match) throw new Error('no report-data block');
  return JSON.parse(match[1]!) as BacklogReport;
}

/** The page's text as a reader sees it: tags dropped, entities decoded, white space collapsed. */
function visibleText(page: string): string {
  const body = page.slice(page.indexOf('<body>'), page.indexOf('<script type="application/json"'));
  return body
    .replace(/<svg class="defs"[^]*?<\/svg>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/\s+/g, ' ');
}

const context = { cwd: ROOT, color: false, rules, version: 'test' };

describe('backlog report on the fixture backlog', () => {
  const results = lintFolder(FIXTURES);
  const page = html(results, context);
  const data = embeddedReport(page);
  const text = visibleText(page);
  const allStories = results.flatMap((result) => result.stories.map((story, index) => ({ result, story, score: result.scores[index]! })));

  it('counts the stories, files and findings the engine found', () => {
    expect(data.totals.files).toBe(4);
    expect(data.totals.stories).toBe(allStories.length);
    expect(data.totals.stories).toBe(8);
    expect(data.totals.storiesWithSections).toBe(5);
    expect(data.totals.storiesWithoutSections).toBe(3);
    const findings = results.flatMap((result) => result.findings);
    expect(data.totals.findings).toBe(findings.length);
    for (const severity of ['error', 'warning', 'info'] as const) {
      expect(data.totals.severities[severity]).toBe(findings.filter((finding) => finding.severity === severity).length);
    }
    expect(text).toContain(`${allStories.length} stories in 4 files`);
    expect(text).toContain('3 stories (one-line stories in lists) have no sections and are left out of these shares.');
  });

  it('draws the histogram from the engine scores, in 10-point buckets', () => {
    const expected = Array.from({ length: 10 }, (_, bucket) =>
      allStories.filter(({ score }) => Math.min(9, Math.floor(score / 10)) === bucket).length,
    );
    expect(data.scores.histogram.map((bucket) => bucket.count)).toEqual(expected);
    expect(data.scores.histogram[9]).toMatchObject({ from: 90, to: 100 });
    const scores = allStories.map(({ score }) => score);
    expect(data.scores.average).toBe(Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10) / 10);
    for (const bucket of data.scores.histogram) {
      expect(page).toContain(`<td data-bucket="${bucket.from}">${bucket.count}</td>`);
    }
    expect(text).toContain(`Average score ${data.scores.average}`);
  });

  it('counts findings per rule as the engine reported them, with doc links', () => {
    const perRule = new Map<string, number>();
    for (const finding of results.flatMap((result) => result.findings)) perRule.set(finding.ruleId, (perRule.get(finding.ruleId) ?? 0) + 1);
    expect(new Map(data.rules.map((rule) => [rule.ruleId, rule.findings]))).toEqual(perRule);
    expect(data.rules.map((rule) => rule.findings)).toEqual([...data.rules.map((rule) => rule.findings)].sort((a, b) => b - a));
    expect(perRule.get('require-acceptance-criteria')).toBe(2);
    for (const rule of data.rules) {
      expect(page).toContain(`<a href="https://github.com/storylint/storylint/blob/main/rules/${rule.ruleId}.md">${rule.ruleId}</a>`);
    }
  });

  it('answers the acceptance-criteria question from require-acceptance-criteria findings', () => {
    const criteria = data.questions.find((question) => question.key === 'criteria')!;
    // CHK-3 and REF-9 have no criteria; CHK-1, CHK-2 and ONB-1 do.
    expect(criteria).toMatchObject({ measured: true, yes: 3, total: 5, share: 0.6 });
    expect(page).toContain('<p class="big" data-share="criteria">60%</p>');
    expect(text).toContain('3 of 5 stories');
    const withoutCriteria = data.stories.filter((row) => row.answers && !row.answers.criteria).map((row) => row.id);
    expect(withoutCriteria).toEqual(['CHK-3', 'REF-9']);
  });

  it('answers the three questions per story as a reader of the fixture would', () => {
    // CHK-1 and ONB-1 are complete; CHK-2 names an output as outcome and has no problem section;
    // CHK-3 is a bare statement; REF-9 has a measurable outcome in front matter and nothing else.
    expect(Object.fromEntries(data.stories.filter((row) => row.answers).map((row) => [row.id, row.answers]))).toEqual({
      'CHK-1': { outcome: true, evidence: true, criteria: true },
      'CHK-2': { outcome: false, evidence: false, criteria: true },
      'CHK-3': { outcome: false, evidence: false, criteria: false },
      'ONB-1': { outcome: true, evidence: true, criteria: true },
      'REF-9': { outcome: true, evidence: false, criteria: false },
    });
    expect(data.questions.map((question) => [question.key, question.measured, question.yes])).toEqual([
      ['outcome', true, 3],
      ['evidence', true, 2],
      ['criteria', true, 3],
    ]);
    expect(page).toContain('<p class="big" data-share="outcome">60%</p>');
    expect(page).toContain('<p class="big" data-share="evidence">40%</p>');
    expect(text).toContain('2 of 5 stories');
  });

  it('answers every question from the findings of its rules, for stories with sections only', () => {
    for (const question of questionsAnsweredBy(rules)) {
      const figure = data.questions.find((candidate) => candidate.key === question.key)!;
      const sectioned = allStories.filter(({ story }) => story.kind !== 'line');
      const failing = sectioned.filter(({ result, story }) => {
        const index = result.stories.indexOf(story);
        return result.findings.some((finding) => {
          if (finding.storyIndex !== index) return false;
          const rule = question.rules.find((candidate) => candidate.name === finding.ruleId);
          if (!rule) return false;
          const kind = rule.withinSection;
          return kind === undefined || sectionsOf(story, kind).some((section) => finding.span[0] >= section.span[0] && finding.span[1] <= section.span[1]);
        });
      });
      if (!figure.measured) continue;
      expect(figure.yes, question.key).toBe(sectioned.length - failing.length);
      expect(figure.total).toBe(sectioned.length);
    }
  });

  it('takes the question each rule answers from the rule\'s meta', () => {
    expect(questionsAnsweredBy(rules).map((question) => [question.key, question.rules])).toEqual([
      ['outcome', [{ name: 'require-outcome' }, { name: 'measurable-outcome' }, { name: 'outcome-not-output', withinSection: 'outcome' }]],
      ['evidence', [{ name: 'require-problem' }, { name: 'require-evidence' }]],
      ['criteria', [{ name: 'require-acceptance-criteria' }]],
    ]);
    expect(data.questions.map((question) => question.rules)).toEqual(questionsAnsweredBy(rules).map((question) => question.rules.map((rule) => rule.name)));
  });

  it('breaks the backlog down per file and per epic heading', () => {
    expect(data.files.map((file) => [file.name, file.stories])).toEqual([
      ['tests/fixtures/report/checkout.md', 3],
      ['tests/fixtures/report/notes.md', 0],
      ['tests/fixtures/report/onboarding.md', 4],
      ['tests/fixtures/report/stories/REF-9-refund-reasons.md', 1],
    ]);
    expect(data.epics.map((epic) => [epic.name, epic.stories])).toEqual([
      ['Epic: Checkout that converts', 3],
      ['Onboarding', 1],
      ['Icebox', 3],
    ]);
    expect(data.stories.find((row) => row.id === 'REF-9')?.epic).toBeUndefined();
  });

  it('lists every story with a link to its file and line', () => {
    for (const row of data.stories) {
      expect(page).toContain(`data-file="${row.filePath}" data-line="${row.line}">${row.file}:${row.line}</a>`);
    }
    const chk1 = data.stories.find((row) => row.id === 'CHK-1')!;
    expect(chk1).toMatchObject({ line: 3, title: 'Pay with a saved card', kind: 'heading' });
    expect(page).toContain(`href="file://${encodeURI(join(FIXTURES, 'checkout.md'))}"`);
    // Rows start worst first and keep their index into the data for the sorting script.
    const firstRow = /<tr data-index="(\d+)">/.exec(page)!;
    expect(data.stories[Number(firstRow[1])]!.score).toBe(Math.min(...data.stories.map((row) => row.score)));
  });

  it('renders user text as text, never as markup', () => {
    expect(page).not.toContain('<script>alert(1)');
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('&#60;script&#62;alert(1)&#60;/script&#62; Refund reasons');
    expect(text).toContain('<script>alert(1)</script> Refund reasons');
    expect(text).toContain('Delivery date <img src=x onerror=alert(2)> & "quotes"');
    // The JSON block cannot be closed early by a title.
    expect(embeddedReport(page).stories.map((row) => row.title)).toContain('<script>alert(1)</script> Refund reasons');
    expect(page.match(/<script\b[^>]*>/g)).toEqual(['<script type="application/json" id="report-data">', expect.stringMatching(/^<script nonce="[0-9a-f]{32}">$/)]);
  });

  it('is self-contained under a strict Content-Security-Policy', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)![1]!;
    const nonce = /<style nonce="([0-9a-f]+)">/.exec(page)![1]!;
    expect(csp).toBe(`default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'`);
    expect(page).toContain(`<script nonce="${nonce}">`);
    expect(page).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(page).not.toMatch(/<(?:link|img|iframe|object)\b/);
    expect(page).not.toMatch(/<[^>]*\ssrc=|url\((?!#)/);
    expect(page).not.toMatch(/\sstyle="/);
  });

  it('gives every chart a text alternative', () => {
    const charts = page.match(/<svg\b[^>]*>/g)!.filter((tag) => !tag.includes('class="defs"'));
    // Histogram, severities, rules, and a meter per answered question.
    expect(charts.length).toBe(3 + data.questions.filter((question) => question.share !== null).length);
    for (const tag of charts) expect(tag).toMatch(/role="img" aria-(label|labelledby)="[^"]+"/);
    expect(page).toMatch(/<desc id="histogram-svg-desc">[^<]*90–100: \d+<\/desc>/);
    expect(page.match(/<th scope="col">/g)!.length).toBeGreaterThan(10);
  });

  it('links stories for the editor in webview mode', () => {
    const page = renderReportHtml(results, { cwd: ROOT, rules, webview: true, nonce: 'abc123' });
    expect(page).toContain(`style-src 'nonce-abc123'; script-src 'nonce-abc123'`);
    expect(page).toContain(`<a href="#" data-file="${join(FIXTURES, 'checkout.md')}" data-line="3">tests/fixtures/report/checkout.md:3</a>`);
    expect(page).toContain("vscode.postMessage({ command: 'open', file: link.getAttribute('data-file'), line: Number(link.getAttribute('data-line')) })");
  });

  it('prints the same headline figures in the terminal summary', () => {
    const output = summary(results, context);
    const criteria = data.questions.find((question) => question.key === 'criteria')!;
    expect(output).toContain(`Backlog  8 stories in 4 files, average score ${data.scores.average} (median ${data.scores.median})`);
    expect(output).toContain(`acceptance criteria 60%`);
    expect(output).toContain(`(of ${criteria.total} stories with sections)`);
    expect(output).toContain('3 stories without sections (one-line) are not in the shares');
    expect(output).toContain(`Top rules ${data.rules[0]!.ruleId} ${data.rules[0]!.findings}`);
    expect(output.split('\n').length).toBeLessThanOrEqual(8);
    expect(output).not.toContain('\u001b[');
    expect(summary(results, { ...context, color: true })).toContain('\u001b[1mBacklog\u001b[22m');
  });
});

describe('backlog report figures', () => {
  const backlog = (text: string, ruleList: readonly AnyRule[]) => buildReport(lintFiles([{ filePath: '/repo/backlog.md', text }], { rules: ruleList }), { cwd: '/repo', rules: ruleList });

  it('counts an output named in the outcome section against the outcome, but not one in the "so that" clause', () => {
    // Stand-ins with the real rule's id, so the test pins the report's reading of spans, not the rule's wording lists.
    const outcomeNotOutput = defineStoryRule({
      name: 'outcome-not-output',
      description: 'stand-in',
      tags: [],
      fixable: false,
      severity: 'warning',
      answers: { question: 'outcome', withinSection: 'outcome' },
      options: {},
      messages: { shipped: 'ships' },
      check({ story, text, report }) {
        const at = text.indexOf('ship', story.span[0]);
        if (at !== -1 && at < story.span[1]) report({ messageId: 'shipped', span: [at, at + 4] });
      },
    });
    const report = backlog(
      [
        '## AB-1 Output as outcome',
        '',
        'As a shopper, I want vouchers so that I pay less.',
        '',
        '### Outcome',
        '',
        'We ship the voucher field.',
        '',
        '## AB-2 Output in the statement',
        '',
        'As a shopper, I want vouchers so that we ship them.',
        '',
        '### Outcome',
        '',
        'Repeat orders grow from 10% to 14%.',
        '',
      ].join('\n'),
      [outcomeNotOutput],
    );
    expect(report.stories.map((row) => [row.id, row.answers?.outcome])).toEqual([
      ['AB-1', false],
      ['AB-2', true],
    ]);
    expect(report.questions.find((question) => question.key === 'outcome')).toMatchObject({ measured: true, yes: 1, total: 2, share: 0.5 });
  });

  it('says a question was not measured when none of its rules ran', () => {
    const report = backlog('## A-1 Story\n\nAs a shopper, I want vouchers so that I pay less.\n', [requireAcceptanceCriteria]);
    const byKey = new Map(report.questions.map((question) => [question.key, question]));
    expect(byKey.get('evidence')).toMatchObject({ measured: false, share: null });
    expect(byKey.get('criteria')).toMatchObject({ measured: true, yes: 0, total: 1, share: 0 });
    const page = renderReportHtml(lintFiles([{ filePath: '/repo/backlog.md', text: '## A-1 Story\n' }], { rules: [requireAcceptanceCriteria] }), {
      rules: [requireAcceptanceCriteria],
    });
    expect(visibleText(page)).toContain('Evidence Which share of stories shows evidence for the problem it solves? — Not measured: none of its rules ran.');
  });

  it('asks for full lint results when a caller passes findings only', () => {
    expect(() => html([{ filePath: '/repo/a.md', findings: [] }], context)).toThrow('The backlog report needs the stories of each file');
  });

  it('handles an empty backlog', () => {
    const report = buildReport([], { rules });
    expect(report.totals.stories).toBe(0);
    expect(report.scores).toMatchObject({ average: null, median: null });
    expect(report.questions.every((question) => question.share === null)).toBe(true);
    expect(visibleText(renderReportHtml([], { rules }))).toContain('0 stories in 0 files, 0 findings.');
  });

  it('takes the median of an even number of scores as the mean of the middle two', () => {
    const report = backlog(
      ['## A-1 One', '', 'As a shopper, I want a.', '', '## A-2 Two', '', 'As a shopper, I want b.', '', '### Acceptance criteria', '', '- Given x, when y, then z.', ''].join('\n'),
      [requireAcceptanceCriteria],
    );
    expect(report.stories.map((row) => row.score)).toEqual([75, 100]);
    expect(report.scores).toMatchObject({ average: 87.5, median: 87.5 });
    expect(relative('/repo', '/repo/backlog.md')).toBe(report.stories[0]!.file);
  });
});
