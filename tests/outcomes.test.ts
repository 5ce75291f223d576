// Declared outcomes and the references stories make to them: parsed from real Markdown files
// (tests/fixtures/outcomes/), and the engine gate that keeps outcomes from rules that do not check them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isOutcomesFile } from '../core/config/select';
import { lintFiles, type Story } from '../core';
import { DEFAULT_SETTINGS } from '../core/story/settings';
import { rules, rulesByName } from '../rules';

const FIXTURES = join(__dirname, 'fixtures', 'outcomes');
const read = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');
const lint = (names: readonly string[], only = rules) => lintFiles(names.map((name) => ({ filePath: join(FIXTURES, name), text: read(name) })), { rules: only });
const at = (text: string, span: readonly [number, number]): string => text.slice(span[0], span[1]);

describe('an outcomes file', () => {
  const text = read('outcomes.md');
  const [result] = lint(['outcomes.md']);
  const outcomes = result!.stories;

  it('declares one outcome per heading with an outcome id, and nothing else', () => {
    expect(outcomes.map((story) => [story.kind, story.id?.text, story.title])).toEqual([
      ['outcome', 'KR-1.1', 'Activation rate'],
      ['outcome', 'KR-1.2', 'Time to first report'],
      ['outcome', 'OUT-3', 'Fewer billing tickets'],
    ]);
    expect(at(text, outcomes[0]!.id!.span)).toBe('KR-1.1');
  });

  it('spans an outcome from its heading to the next heading of its level', () => {
    const first = outcomes[0]!;
    expect(at(text, first.span).startsWith('## KR-1.1 Activation rate')).toBe(true);
    expect(at(text, first.span).endsWith('35% by the end of Q3')).toBe(true);
    expect(at(text, outcomes[2]!.span)).not.toContain('monthly business review');
  });

  it('reads the metric, baseline and target from list lead-ins and from a table', () => {
    const [activation, report, billing] = outcomes as [Story, Story, Story];
    expect(activation.metric).toMatchObject({ metric: 'share of new teams with two active members in week one', baseline: '20%', target: '35% by the end of Q3' });
    expect(at(text, activation.metric!.span)).toMatch(/^\*\*Metric:\*\*.*Q3$/s);
    expect(report.metric).toMatchObject({ metric: 'Median minutes from sign-up to the first saved report', baseline: '42', target: '15' });
    expect(billing.metric).toEqual({ metric: 'billing tickets a month', span: expect.any(Array) });
  });

  it('gives each outcome one Outcome section holding its body', () => {
    expect(outcomes[0]!.sections.map((section) => section.kind)).toEqual(['outcome']);
    expect(outcomes[0]!.sections[0]!.content.text).toContain('invite a colleague in their first week');
  });

  it('is checked by the outcome rules that opt in, and by no story rule that does not', () => {
    const ruleIds = new Set(result!.findings.map((finding) => finding.ruleId));
    expect([...ruleIds].sort()).toEqual(['measurable-outcome', 'orphan-outcome', 'unvalidated-assumption']);
    const measurable = result!.findings.filter((finding) => finding.ruleId === 'measurable-outcome');
    // KR-1.1 and KR-1.2 give a metric and a target; OUT-3 only a metric.
    expect(measurable.map((finding) => at(text, finding.span))).toEqual(['OUT-3']);
    const hedge = result!.findings.find((finding) => finding.ruleId === 'unvalidated-assumption');
    expect(at(text, hedge!.span)).toBe('We think');
  });

  it('is selected by the default globs at any depth, and by configured globs relative to their folder', () => {
    expect(isOutcomesFile(DEFAULT_SETTINGS, '/repo/docs/product/outcomes.md')).toBe(true);
    expect(isOutcomesFile(DEFAULT_SETTINGS, 'okrs.md')).toBe(true);
    expect(isOutcomesFile(DEFAULT_SETTINGS, '/repo/docs/stories.md')).toBe(false);
    const configured = { outcomes: ['product/goals-*.md'], outcomesBase: '/repo' };
    expect(isOutcomesFile(configured, '/repo/product/goals-2026.md')).toBe(true);
    expect(isOutcomesFile(configured, '/elsewhere/product/goals-2026.md')).toBe(false);
    expect(isOutcomesFile(configured, '/repo/outcomes.md')).toBe(false);
  });
});

describe('references from stories', () => {
  const text = read('stories.md');
  const [result] = lint(['stories.md']);
  const byId = new Map(result!.stories.map((story) => [story.id?.text, story]));
  const refs = (id: string) => (byId.get(id)!.serves ?? []).map((reference) => [reference.id, reference.via, at(text, reference.span)]);

  it('reads a **Serves:** lead-in', () => {
    expect(refs('ONB-1')).toEqual([['KR-1.1', 'lead-in', 'KR-1.1']]);
  });

  it('reads several ids on a Serves line in the statement paragraph, one of them a link', () => {
    expect(refs('ONB-2')).toEqual([
      ['KR-1.2', 'lead-in', 'KR-1.2'],
      ['OUT-3', 'link', 'OUT-3'],
    ]);
  });

  it('reads an Outcome lead-in that holds only ids, and does not judge it as the story\'s own outcome', () => {
    expect(refs('ONB-3')).toEqual([['KR-9', 'lead-in', 'KR-9']]);
    const outcome = byId.get('ONB-3')!.sections.find((section) => section.kind === 'outcome');
    expect(outcome?.refersTo).toBe('KR-9');
    const measurable = result!.findings.filter((finding) => finding.ruleId === 'measurable-outcome' && finding.storyIndex === result!.stories.indexOf(byId.get('ONB-3')!));
    expect(measurable).toEqual([]);
  });

  it('keeps an Outcome lead-in with text as the story\'s outcome, and reads no ids inside code', () => {
    expect(byId.get('ONB-4')!.serves).toBeUndefined();
    expect(byId.get('ONB-4')!.sections.find((section) => section.kind === 'outcome')?.refersTo).toBeUndefined();
  });

  it('reads front matter `outcome:` holding a list of ids, which is then no Outcome section', () => {
    const fileText = read('file-story.md');
    const [file] = lint(['file-story.md']);
    const story = file!.stories[0]!;
    expect(story.kind).toBe('file');
    expect(story.serves?.map((reference) => [reference.id, reference.via, at(fileText, reference.span)])).toEqual([
      ['KR-1.1', 'front-matter', 'KR-1.1'],
      ['KR-1.2', 'front-matter', 'KR-1.2'],
    ]);
    expect(story.sections.filter((section) => section.kind === 'outcome')).toEqual([]);
  });
});

describe('the engine gate', () => {
  it('keeps outcome entries from backlog rules that do not check outcomes', () => {
    // Two outcomes with the same heading text in two files: unique-story would call them duplicates.
    const twin = '# Goals\n\n## KR-1 Activation rate\n\n- Metric: activation\n- Baseline: 20%\n- Target: 35%\n';
    const results = lintFiles(
      [
        { filePath: '/a/outcomes.md', text: twin },
        { filePath: '/b/outcomes.md', text: twin.replace('KR-1', 'KR-2') },
      ],
      { rules: [rulesByName.get('unique-story')!, rulesByName.get('unique-id')!, rulesByName.get('uniform-template')!] },
    );
    expect(results.flatMap((result) => result.findings)).toEqual([]);
    expect(results.map((result) => result.stories.map((story) => story.kind))).toEqual([['outcome'], ['outcome']]);
  });

  it('keeps serves and metric in the lean result the server keeps for closed files', async () => {
    const { leanResult } = await import('../core');
    const [outcomesResult, storiesResult] = lint(['outcomes.md', 'stories.md']).map(leanResult);
    expect(outcomesResult!.stories[0]!.metric?.target).toBe('35% by the end of Q3');
    expect(storiesResult!.stories[0]!.serves?.[0]?.id).toBe('KR-1.1');
  });
});
