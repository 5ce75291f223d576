import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyFixes, buildStories, DEFAULT_SETTINGS, lintFiles } from '../core';
import { rules } from '../rules';
import { UPDATE, updateFile } from './helpers/fixtures';

const atomicStory = rules.find((rule) => rule.name === 'atomic-story')!;
const findingsOf = (text: string) => lintFiles([{ filePath: 'stories.md', text }], { rules: [atomicStory] })[0]!.findings;
const SPLIT_FIXTURES = join(__dirname, 'fixtures', 'rules', 'atomic-story', 'split');

/** The one split offered for the text, applied. */
function splitOf(text: string): { title: string; text: string } {
  const findings = findingsOf(text);
  expect(findings).toHaveLength(1);
  const [suggestion, ...others] = findings[0]!.suggestions ?? [];
  expect(others).toEqual([]);
  expect(suggestion).toBeDefined();
  return { title: suggestion!.title, text: applyFixes(text, [suggestion!]).text };
}

const statementParts = (text: string) =>
  buildStories(text, { settings: DEFAULT_SETTINGS }).stories.flatMap((story) =>
    story.statement ? [{ id: story.id?.text, template: story.statement.template, role: story.statement.parts.role?.text, means: story.statement.parts.means?.text, ends: story.statement.parts.ends?.text }] : [],
  );

// Each `<case>.md` holds one story atomic-story reports; `<case>.split.md` is the file after "Split this story".
// `no-split*.md` hold stories it reports but cannot split confidently. UPDATE_FIXTURES=1 writes the .split.md files: read the diff.
describe('atomic-story splits a story into one story per capability (fixtures)', () => {
  const cases = readdirSync(SPLIT_FIXTURES).filter((file) => file.endsWith('.md') && !file.endsWith('.split.md') && !file.startsWith('no-split'));

  it('has the cases the split must handle', () => {
    expect(cases.sort()).toEqual(['criteria.md', 'heading-statement.md', 'ids.md', 'one-line.md', 'possessive.md', 'pronoun.md', 'shared-object.md', 'three-part-list.md', 'two-part.md']);
  });

  for (const file of cases) {
    it(file, () => {
      const text = readFileSync(join(SPLIT_FIXTURES, file), 'utf8');
      const expectedPath = join(SPLIT_FIXTURES, file.replace(/\.md$/, '.split.md'));
      const split = splitOf(text);
      if (UPDATE) updateFile(expectedPath, split.text);
      else expect(split.text).toBe(existsSync(expectedPath) ? readFileSync(expectedPath, 'utf8') : '(no .split.md)');
      // Every story the split wrote asks for one capability, in the original's template, role and benefit.
      expect(findingsOf(split.text)).toEqual([]);
      const before = statementParts(text);
      const after = statementParts(split.text);
      const count = Number(/into (\d+) stories/.exec(split.title)?.[1]);
      expect(after).toHaveLength(before.length + count - 1);
      const original = before[findingsOf(text)[0]!.storyIndex!]!;
      const copies = after.slice(before.indexOf(original), before.indexOf(original) + count);
      expect(copies.map(({ template, role, ends }) => ({ template, role, ends }))).toEqual(copies.map(() => ({ template: original.template, role: original.role, ends: original.ends })));
    });
  }
});

describe('what a split story gets', () => {
  const read = (file: string) => readFileSync(join(SPLIT_FIXTURES, file), 'utf8');

  it('names the number of stories and their verbs in the action title', () => {
    expect(splitOf(read('three-part-list.md')).title).toBe('Split this story into 3 stories (create, edit, delete)');
    expect(splitOf(read('two-part.md')).title).toBe('Split this story into 2 stories (export, share)');
  });

  it('is a suggestion, never a fix: --fix and fix-on-save leave the story as it is', () => {
    const [finding] = findingsOf(read('three-part-list.md'));
    expect(finding!.fix).toBeUndefined();
    expect(finding!.suggestions).toHaveLength(1);
  });

  it('distributes a shared object and resolves pronouns in the new stories', () => {
    expect(statementParts(splitOf(read('three-part-list.md')).text).map((parts) => parts.means)).toEqual([
      'create projects in the admin console',
      'edit projects in the admin console',
      'delete projects in the admin console',
    ]);
    expect(statementParts(splitOf(read('pronoun.md')).text).map((parts) => parts.means)).toEqual(['create an invoice', 'email the invoice to my accountant']);
    expect(statementParts(splitOf(read('possessive.md')).text).map((parts) => parts.means)).toEqual(['send onboarding emails', 'track the open rates of onboarding emails']);
    expect(statementParts(splitOf(read('two-part.md')).text).map((parts) => parts.means)).toEqual(['export monthly reports', 'share monthly reports with my team', 'amounts in euros']);
  });

  it('gives the new stories the ids after the highest one with the same prefix in the file, mentions included', () => {
    expect(statementParts(splitOf(read('ids.md')).text).map((parts) => parts.id)).toEqual(['ONB-201', 'ONB-203', 'ONB-220', 'ONB-221', 'ONB-204']);
    expect(statementParts(splitOf(read('one-line.md')).text).map((parts) => parts.id)).toEqual(['ONB-9', 'ONB-12', 'ONB-15', 'ONB-16', 'ONB-14']);
    const padded = splitOf('# Icebox\n\n- REQ-007 As a clerk, I want to view open invoices and export them to a spreadsheet.\n- REQ-010 As a clerk, I want to print a receipt.\n');
    expect(padded.text).toBe(
      '# Icebox\n\n- REQ-007 As a clerk, I want to view open invoices.\n- REQ-011 As a clerk, I want to export open invoices to a spreadsheet.\n- REQ-010 As a clerk, I want to print a receipt.\n',
    );
  });

  it('gives no id when the story has none, and names the new stories by title in the note', () => {
    const text = '## Reports\n\nAs a manager, I want to export monthly reports and share them with my team.\n\n**Outcome:** Month-end pack in 3 hours instead of 12.\n';
    expect(splitOf(text).text).toBe(
      '## Reports\n\nAs a manager, I want to export monthly reports.\n\n**Outcome:** Month-end pack in 3 hours instead of 12.\n\n**Notes:** Split into "Share monthly reports with my team".\n\n' +
        '## Share monthly reports with my team\n\nAs a manager, I want to share monthly reports with my team.\n\n**Outcome:** See "Reports".\n',
    );
  });

  it('keeps CRLF line endings', () => {
    const text = '# Icebox\r\n\r\n- PAY-1: As an admin, I want to create and delete users.\r\n';
    expect(splitOf(text).text).toBe('# Icebox\r\n\r\n- PAY-1: As an admin, I want to create users.\r\n- PAY-2: As an admin, I want to delete users.\r\n');
  });
});

describe('atomic-story offers no split where it cannot split confidently', () => {
  const text = readFileSync(join(SPLIT_FIXTURES, 'no-split.md'), 'utf8');

  it('reports every story of no-split.md and offers none a split', () => {
    const findings = findingsOf(text);
    expect(findings.map((finding) => finding.line)).toEqual([3, 4, 5, 6, 7]);
    expect(findings.map((finding) => finding.suggestions)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('offers none for a story that is a whole file', () => {
    const file = '---\ntype: story\nid: PRJ-1\ntitle: Projects\n---\n\nAs a lead, I want to create, edit and delete projects, so that the list stays current.\n';
    const findings = lintFiles([{ filePath: 'stories/PRJ-1.md', text: file }], { rules: [atomicStory] })[0]!.findings;
    expect(findings).toHaveLength(1);
    expect(findings[0]!.suggestions).toBeUndefined();
  });
});
