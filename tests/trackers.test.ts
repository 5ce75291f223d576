import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../core';
import { formatCompact } from '../report';
import { rules } from '../rules';
import { UPDATE, updateFile } from './helpers/fixtures';

/**
 * Stories as trackers export them (Jira, GitHub issue forms, Azure DevOps, Notion, Linear, a PRD,
 * an epic, a criteria table) and documents that are no backlog at all. Every rule runs with its
 * default options, each file as a backlog of its own, as `storylint <file>` would.
 */
const TRACKERS = join(__dirname, 'fixtures', 'trackers');
const NOT_BACKLOG = join(__dirname, 'fixtures', 'not-backlog');

const lint = (folder: string, name: string) => lintFiles([{ filePath: name, text: readFileSync(join(folder, name), 'utf8') }], { rules })[0]!;
const markdownIn = (folder: string, suffix: string) => readdirSync(folder).filter((name) => name.endsWith(suffix)).sort();

describe('clean stories in tracker formats', () => {
  const clean = markdownIn(TRACKERS, '-clean.md');

  it('cover every format', () => {
    expect(clean.map((name) => name.replace(/-clean\.md$/, ''))).toEqual([
      'azure-devops', 'criteria-table', 'epic', 'github-issue-form', 'jira', 'linear', 'notion', 'prd',
    ]);
  });

  it.each(clean)('%s is read as stories and gets no finding', (name) => {
    const result = lint(TRACKERS, name);
    expect(result.stories.length).toBeGreaterThan(0);
    // Each story's statement is the "As a …" sentence, never a metadata line or a field table.
    for (const story of result.stories) expect(story.statement?.text).toMatch(/^As an? /);
    expect(formatCompact([{ filePath: name, findings: result.findings }])).toBe('');
  });
});

describe('defective stories in tracker formats', () => {
  it.each(markdownIn(TRACKERS, '-defective.md'))('%s gets the findings in its .expected file', (name) => {
    const result = lint(TRACKERS, name);
    const compact = formatCompact([{ filePath: name, findings: result.findings }]);
    const expectedPath = join(TRACKERS, name.replace(/\.md$/, '.expected'));
    if (UPDATE) updateFile(expectedPath, compact + '\n');
    else expect(compact).toBe(readFileSync(expectedPath, 'utf8').trimEnd());
    expect(result.findings.length).toBeGreaterThan(0);
  });
});

describe('what trackers put around a story', () => {
  it('reads id, title and persona from metadata and drops type tags from titles', () => {
    const [jira] = lint(TRACKERS, 'jira-clean.md').stories;
    expect([jira!.id?.text, jira!.title]).toEqual(['PAY-412', 'Refund one item of an order']);
    const [notion] = lint(TRACKERS, 'notion-clean.md').stories;
    expect(notion!.persona?.text).toBe('Shift supervisor');
    expect(lint(TRACKERS, 'github-issue-form-clean.md').stories[0]!.title).toBe("Export the day's refunds for reconciliation");
    expect(lint(TRACKERS, 'azure-devops-clean.md').stories[0]!.title).toBe('Show delivery slot availability before payment');
  });

  it('an epic is no story; its children are', () => {
    expect(lint(TRACKERS, 'epic-clean.md').stories.map((story) => story.id?.text)).toEqual(['CRM-81', 'CRM-82']);
  });

  it('a criteria table gives one criterion per row, header and separator aside', () => {
    const [story] = lint(TRACKERS, 'criteria-table-clean.md').stories;
    expect(story!.criteria).toHaveLength(7);
    // The row number is dropped; the Scenario column names the scenario its steps make.
    expect(story!.criteria[0]!.text).toBe('Split: Given an order with two items in stock and one not, when the planner splits it, then two deliveries are created');
  });

  it('"Problem and evidence" is the problem section; "No response" is an empty answer', () => {
    const result = lint(TRACKERS, 'github-issue-form-defective.md');
    expect(result.stories[0]!.sections.map((section) => section.kind)).toEqual(['outcome', 'problem', 'acceptance']);
    expect(result.findings.find((finding) => finding.ruleId === 'require-evidence')?.message).toMatch(/placeholder "No response"/);
  });
});

describe('documents that are no backlog', () => {
  it.each(markdownIn(NOT_BACKLOG, '.md'))('%s has no story and no finding', (name) => {
    const result = lint(NOT_BACKLOG, name);
    expect(result.stories.map((story) => story.title)).toEqual([]);
    expect(result.findings).toEqual([]);
  });
});
