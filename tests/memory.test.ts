import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  consecutiveOffsets,
  type FileResult,
  lintFile,
  lintFiles,
  offsetAt,
  offsetCount,
  offsetList,
  offsetsOf,
  offsetsSize,
  ParseCache,
  type PlainText,
  shiftOffsets,
  sliceOffsets,
  type Story,
} from '../core';
import { KeyTable } from '../core/engine/key-table';
import { rules } from '../rules';
import { nodeConfigHost } from '../host/node-config';
import { WorkspaceConfig } from '../server/config';
import { Project } from '../server/project';

/*
 * What the language server keeps per story, counted (not timed, not measured as resident size):
 * a workspace scan holds every file's stories, so a representation that grows per UTF-16 unit,
 * a per-key Map entry in the backlog index or a scanned file's story-rule inputs come back as
 * hundreds of megabytes (issue 15).
 */

/** Every plain text of a story: statement, unrecognised paragraph, section contents, criteria. */
function plainTextsOf(story: Story): PlainText[] {
  return [
    ...(story.statement ? [story.statement] : []),
    ...(story.unrecognised ? [story.unrecognised] : []),
    ...story.sections.map((section) => section.content),
    ...story.criteria,
  ];
}

const STORY = [
  '## PAY-12 Refund an order to the card',
  '',
  "As a **support agent**, I want to refund an order to the buyer's card, so that the buyer is paid back the same day.",
  '',
  '### Problem',
  '',
  'Support answers 40 tickets a week about refunds that take five days; see the [interview notes](notes.md).',
  '',
  '### Outcome',
  '',
  'Refund tickets drop from 40 to 10 a week by Q3, measured in the help desk.',
  '',
  '### Acceptance criteria',
  '',
  '- [ ] Given a paid order, when I refund it, then the buyer sees the refund within 1 day',
  '- [ ] Given a refunded order, when I refund it again, then I see "already refunded"',
  '',
].join('\n');

describe('the story model stays compact', () => {
  it("keeps a plain text's offsets as runs: far less than one number per unit", () => {
    // A backlog of 200 stories, as a scanned file of the workspace holds them.
    const text = Array.from({ length: 200 }, (_, i) => STORY.replace('PAY-12', `PAY-${i + 1}`).replace('40 tickets', `${i} tickets`)).join('\n');
    const result = lintFile('backlog.md', text, { rules });
    expect(result.stories).toHaveLength(200);
    let units = 0;
    let numbers = 0;
    for (const story of result.stories) {
      for (const plain of plainTextsOf(story)) {
        units += plain.text.length + 1;
        numbers += offsetsSize(plain.offsets);
        expect(offsetCount(plain.offsets)).toBe(plain.text.length + 1);
      }
    }
    expect(units).toBeGreaterThan(40_000);
    // One number per unit was the old representation (8 bytes each and more); runs take a few per line.
    expect(numbers / units).toBeLessThan(0.1);
  });

  it('never takes more numbers than units, whatever the text holds', () => {
    // An entity per unit: every unit starts a run of its own, and the dense form takes over.
    const text = `## PAY-1 Entities\n\nAs a buyer, I want ${'&amp;'.repeat(500)} so that it works.\n`;
    const story = lintFile('entities.md', text, { rules }).stories[0]!;
    for (const plain of plainTextsOf(story)) expect(offsetsSize(plain.offsets)).toBeLessThanOrEqual(plain.text.length + 2);
    expect(story.statement!.text).toContain('&&&');
  });

  it('maps, slices and shifts offsets exactly as a list of numbers would', () => {
    const step = fc.oneof(fc.constant(1), fc.constant(0), fc.integer({ min: 2, max: 9 }), fc.integer({ min: -3, max: -1 }));
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), fc.integer({ min: 0, max: 500 }), fc.integer({ min: -70, max: 70 }), fc.integer({ min: -70, max: 70 }), (steps, first, start, end) => {
        // Mostly consecutive offsets, with jumps, repeats and steps back.
        const list = [first];
        for (const by of steps) list.push(Math.max(0, list[list.length - 1]! + by));
        const offsets = offsetsOf(list);
        expect(offsetList(offsets)).toEqual(list);
        expect(offsetCount(offsets)).toBe(list.length);
        for (let index = -2; index < list.length + 2; index++) expect(offsetAt(offsets, index)).toBe(list[index]);
        expect(offsetAt(offsets, 0.5)).toBe(undefined);
        expect(offsetList(sliceOffsets(offsets, start, end))).toEqual(list.slice(start, end));
        expect(offsetList(shiftOffsets(offsets, 7))).toEqual(list.map((offset) => offset + 7));
      }),
      { numRuns: 500 },
    );
    expect(offsetList(consecutiveOffsets(5, 3))).toEqual([5, 6, 7]);
  });
});

describe('KeyTable (the backlog index) holds what a map of sets would', () => {
  it('after any sequence of additions and removals, also when keys share home slots', () => {
    // Few distinct keys in a small range: long probe runs, lists, sets and moves on removal.
    const operation = fc.record({ add: fc.boolean(), key: fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 2 ** 30 - 1 })), id: fc.integer({ min: 0, max: 30 }) });
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 400 }), (operations) => {
        const table = new KeyTable();
        const reference = new Map<number, Set<number>>();
        for (const { add, key, id } of operations) {
          if (add) {
            table.add(key, id);
            reference.set(key, (reference.get(key) ?? new Set()).add(id));
          } else {
            table.delete(key, id);
            reference.get(key)?.delete(id);
            if (reference.get(key)?.size === 0) reference.delete(key);
          }
        }
        expect(table.keyCount).toBe(reference.size);
        for (let key = 0; key <= 40; key++) {
          const held: number[] = [];
          table.forEach(key, (id) => held.push(id));
          expect(held.sort((a, b) => a - b)).toEqual([...(reference.get(key) ?? [])].sort((a, b) => a - b));
        }
        for (const [key, ids] of reference) {
          const held: number[] = [];
          table.forEach(key, (id) => held.push(id));
          expect(new Set(held)).toEqual(ids);
        }
      }),
      { numRuns: 300 },
    );
  });
});

/** What an object graph holds: objects, numbers, parse-tree nodes (mdast). */
function census(root: unknown): { objects: number; numbers: number; treeNodes: number } {
  const seen = new Set<object>();
  const pending: unknown[] = [root];
  const counts = { objects: 0, numbers: 0, treeNodes: 0 };
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === 'number') counts.numbers++;
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    seen.add(value);
    counts.objects++;
    if ('type' in value && 'position' in value) counts.treeNodes++;
    if (value instanceof Map || value instanceof Set) for (const item of value) pending.push(item);
    else for (const item of Object.values(value)) pending.push(item);
  }
  return counts;
}

describe('the language server keeps little of a scanned file', () => {
  // Files of the workspace that are not open: paths under a folder with no config (defaults apply).
  const ROOT = '/storylint-memory-test';
  const files = Array.from({ length: 20 }, (_, i) => ({
    filePath: `${ROOT}/backlog-${i}.md`,
    // Each file repeats the story of the one before (unique-story and unique-id report across files).
    text: [STORY.replace('PAY-12', `PAY-${i}`), STORY.replace('PAY-12', `PAY-${i + 1}`).replace('same day', `same day ${i}`)].join('\n'),
  }));
  const projectWith = () => {
    const project = new Project(new ParseCache(), new WorkspaceConfig({ host: nodeConfigHost, roots: [ROOT], onError: () => {} }), () => {});
    for (const file of files) project.set(file.filePath, `file://${file.filePath}`, file.text, 0, false);
    for (const file of project.unlinted()) project.lintStoriesOf(file);
    project.lintBacklog();
    return project;
  };
  const findingsOf = (result: FileResult) => result.findings.map(({ ruleId, message, span, line, column, related }) => ({ ruleId, message, span, line, column, related }));

  it('keeps no criteria, section contents or parse trees, and finds what a full lint finds', () => {
    const project = projectWith();
    const expected = lintFiles(files, { rules });
    for (const [index, file] of files.entries()) {
      const kept = project.get(file.filePath)!;
      expect(kept.result!.lean).toBe(true);
      expect(findingsOf(kept.result!)).toEqual(findingsOf(expected[index]!));
      expect(kept.result!.scores).toEqual(expected[index]!.scores);
      for (const story of kept.result!.stories) {
        expect('criteria' in story).toBe(false);
        for (const section of story.sections) expect('content' in section).toBe(false);
      }
      const lean = census(kept);
      const full = census(expected[index]!);
      expect(lean.treeNodes).toBe(0);
      // One number per unit of every statement, section and criterion, as offsets once were, is
      // more than 800 for this file of 1,125 units; runs take a few per line (about 160 in all,
      // line tables included).
      expect(lean.numbers).toBeLessThan(file.text.length / 4);
      expect(census(kept.result).objects).toBeLessThan(full.objects * 0.85);
    }
    // Backlog findings across the files (unique-id: PAY-1 is in two files).
    expect(files.some((file) => project.get(file.filePath)!.result!.findings.some((finding) => finding.ruleId === 'unique-id'))).toBe(true);
  });

  it('lints a scanned file again in full when it is opened', () => {
    const project = projectWith();
    const [first] = files;
    const opened = project.set(first!.filePath, `file://${first!.filePath}`, first!.text, 1, true);
    project.lintStoriesOf(opened);
    expect(opened.storyResult!.lean).toBeUndefined();
    expect(opened.storyResult!.stories[0]!.criteria).toHaveLength(2);
    expect(opened.storyResult!.stories[0]!.sections.every((section) => section.content !== undefined)).toBe(true);
  });
});
