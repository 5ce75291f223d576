import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BacklogState, type FileResult, type Finding, lintBacklog, lintFile, type LintOptions } from '../core';
import { rules } from '../rules';

/*
 * The editor keeps backlog findings up to date with BacklogState.update, re-checking only the
 * stories an edit is linked to. These tests check that the result always equals a check of the
 * whole backlog (lintBacklog), and count the stories each rule looked at after one edit.
 */
const options: LintOptions = { rules };
const BACKLOG_RULES = new Set(rules.filter((rule) => rule.scope === 'backlog').map((rule) => rule.name));

/** Stories that pair up across files: the same id, the same or nearly the same statement, another template. */
const STORIES = [
  '## PAY-1 Refund by card\n\nAs a support agent, I want to refund a card payment, so that the customer is not charged twice.\n',
  '## PAY-1 Refund again\n\nAs a support agent, I want to refund a card payment, so that the customer is not charged twice.\n',
  '## PAY-2 Refund part\n\nAs a support agent, I want to refund a card payment quickly, so that the customer is not charged twice.\n',
  '## PAY-3 Partial refunds\n\nAs a support agent, I want to refund part of an order, so that customers keep the items they like.\n',
  '## PAY-4 Export\n\nAs an accountant, I want to export the monthly ledger, so that I can close the books.\n',
  '## PAY-5 Export\n\nAs an accountant, I want to export the montly ledger, so that I can close the books.\n',
  '## PAY-6 Job story\n\nWhen a payment fails, I want to retry it with another card, so I can still finish my order.\n',
  '## PAY-7 Statements\n\nAs a shopper, I want to download my statements, so that I can file my taxes.\n',
  '## PAY-7 Statements\n\nAs a shopper, I want to download my statement, so that I can file my taxes.\n',
  '## Notes\n\nNothing to see here.\n',
  // Long enough that one misspelt word keeps them above the similarity threshold.
  '## OPS-1 Late deliveries\n\nAs a warehouse supervisor on the night shift, I want to see every late inbound delivery from all our suppliers in one list, so that I can call each carrier before the morning team starts loading trucks.\n',
  '## OPS-2 Late deliveries\n\nAs a warehouse supervisor on the night shift, I want to see every late inbound delivery from all our supplires in one list, so that I can call each carrier before the morning team starts loading trucks.\n',
];

const backlogFindings = (result: FileResult): string[] =>
  [...result.findings, ...result.suppressed].filter((finding) => BACKLOG_RULES.has(finding.ruleId)).map(label).sort();
const label = (finding: Finding): string => JSON.stringify([finding.ruleId, finding.line, finding.column, finding.message, finding.related]);

/** What a check of the whole backlog reports per file, in the given order. */
function fresh(files: readonly { path: string; text: string }[]): Map<string, string[]> {
  const results = files.map((file) => lintFile(file.path, file.text, options));
  lintBacklog(results, options);
  return new Map(results.map((result) => [result.filePath, backlogFindings(result)]));
}

describe('BacklogState', () => {
  it('after any sequence of edits, additions and removals, equals a check of the whole backlog', () => {
    const edit = fc.record({
      file: fc.integer({ min: 0, max: 5 }),
      stories: fc.array(fc.integer({ min: 0, max: STORIES.length - 1 }), { maxLength: 4 }),
      remove: fc.boolean(),
    });
    let compared = 0;
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 12 }), (edits) => {
        const state = new BacklogState(options);
        const texts = new Map<string, string>();
        const ranks = new Map<string, number>();
        let nextRank = 0;
        for (const step of edits) {
          const path = `/backlog/file-${step.file}.md`;
          if (step.remove && texts.has(path)) {
            texts.delete(path);
            ranks.delete(path);
            state.update([], [path]);
          } else {
            const text = `# Backlog ${step.file}\n\n${step.stories.map((index) => STORIES[index]).join('\n')}`;
            texts.set(path, text);
            if (!ranks.has(path)) ranks.set(path, nextRank++);
            state.update([{ result: lintFile(path, text, options), rank: ranks.get(path)! }]);
          }
          const ordered = [...texts].sort((a, b) => ranks.get(a[0])! - ranks.get(b[0])!).map(([p, text]) => ({ path: p, text }));
          const expected = fresh(ordered);
          for (const { path: filePath } of ordered) {
            const incremental = state.findingsOf(filePath).map(label).sort();
            expect(incremental, filePath).toEqual(expected.get(filePath));
            compared += incremental.length;
          }
        }
      }),
      { numRuns: 150, seed: 20261207 },
    );
    // The generator must produce duplicates across files, not only silent backlogs.
    expect(compared).toBeGreaterThan(500);
  });

  it('re-checks only the stories linked to an edit for unique-id and unique-story', () => {
    const nouns = ['invoice', 'parcel', 'ticket', 'booking', 'report', 'badge', 'voucher', 'shift', 'route', 'claim'];
    const verbs = ['archive', 'print', 'share', 'rename', 'approve', 'track', 'sort', 'tag', 'flag', 'merge', 'price', 'plan'];
    const file = (f: number, variant = '') =>
      `# Team ${f}\n\n` +
      [0, 1, 2, 3, 4]
        .map((s) => `## T${f}-${s} Story\n\nAs a clerk ${f}x${s}, I want to ${verbs[(f + s) % verbs.length]} the ${nouns[s % nouns.length]} of desk ${f * 10 + s}${variant}, so that team ${f} finishes.\n`)
        .join('\n');
    const state = new BacklogState(options);
    const count = 200;
    state.update(Array.from({ length: count }, (_, f) => ({ result: lintFile(`/w/${f}.md`, file(f), options), rank: f })));
    const before = Object.fromEntries([...BACKLOG_RULES].map((name) => [name, state.examined(name)]));
    expect(before['unique-story']).toBe(count * 5);
    state.update([{ result: lintFile('/w/7.md', file(7, ' today'), options), rank: 7 }]);
    const after = (name: string) => state.examined(name) - before[name]!;
    // The edited file's five stories (and no other story is linked to them).
    expect(after('unique-story')).toBe(5);
    expect(after('unique-id')).toBe(5);
    // uniform-template's message quotes the backlog-wide share, so it looks at every story.
    expect(after('uniform-template')).toBe(count * 5);
  });
});
