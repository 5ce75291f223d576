import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BacklogState, type FileResult, type Finding, lintBacklog, lintFile, type LintOptions } from '../core';
import { rules } from '../rules';
import { DEFAULT_SETTINGS, type Settings } from '../core/story/settings';

/*
 * The editor keeps backlog findings up to date with BacklogState.update, re-checking only the
 * stories an edit is linked to. These tests check that the result always equals a check of the
 * whole backlog (lintBacklog), and count the stories each rule looked at after one edit.
 */
// Files 0, 1 and 2 declare outcomes (their headings with an outcome id); every file may serve them.
const settings: Settings = { ...DEFAULT_SETTINGS, outcomes: ['**/file-0.md', '**/file-1.md', '**/file-2.md'] };
const options: LintOptions = { rules, settings };
/** Templates are compared from two stories on, and a half share leads: the verdict changes often, ties happen. */
const eager: LintOptions = { rules, settings, ruleSettings: { 'uniform-template': { severity: 'info', options: { minimumShare: 0.5, minimumStories: 2 } } } };
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
  '## PAY-8 Close the books\n\nIn order to close the books, as an accountant, I want to export the monthly ledger.\n',
  '## PAY-9 Retry\n\nWhen a payment fails, I want to retry it with another card, so I can still finish my order.\n',
  // Outcomes (in files 0 and 1) and stories that serve them, or an id nobody declares.
  '## KR-1 Refund speed\n\n- Metric: days to refund\n- Target: 2\n',
  '## KR-2 Books closed on time\n\n- Metric: days to close\n- Target: 3\n',
  '## KR-4 Fewer failed payments\n\n- Metric: failed payments a week\n- Target: 10\n',
  '## PAY-10 Refund status\n\nAs a shopper, I want to see my refund status, so that I stop calling support.\n\n**Serves:** KR-1\n',
  '## PAY-11 Ledger check\n\nAs an accountant, I want to check the ledger, so that I close the books on time.\n\n**Serves:** KR-3\n',
];
/** What can stand above a file's heading stories: nothing, a line, lines, one-line stories that duplicate heading ones. */
const PREAMBLES = [
  '',
  'Intro.\n\n',
  // As many lines as the one before: the stories below only shift along their lines.
  'An introduction.\n\n',
  'Intro.\n\nWritten by the\npayments team.\n\n',
  '- As a shopper, I want to download my statements, so that I can file my taxes.\n- In order to close the books, as an accountant, I want to export the monthly ledger.\n\n',
  '- PAY-4 As an accountant, I want to export the monthly ledger, so that I can close the books.\n\n',
];
/** Between stories: the blank line their text ends with, or more. */
const GAPS = ['\n', '\n\n\n'];

interface FileModel {
  preamble: number;
  gap: number;
  /** Story texts: edits change them a character at a time. */
  stories: string[];
}

const textOf = (file: number, model: FileModel): string => `# Backlog ${file}\n\n${PREAMBLES[model.preamble]}${model.stories.join(GAPS[model.gap])}`;

/** One edit of one file: most keep its stories' text and move them (the editor's keystroke above a story). */
const edit = fc.record({
  file: fc.integer({ min: 0, max: 5 }),
  change: fc.oneof(
    fc.record({ kind: fc.constant('set' as const), stories: fc.array(fc.integer({ min: 0, max: STORIES.length - 1 }), { maxLength: 5 }) }),
    fc.record({ kind: fc.constant('preamble' as const), preamble: fc.integer({ min: 0, max: PREAMBLES.length - 1 }) }),
    fc.record({ kind: fc.constant('gap' as const), gap: fc.integer({ min: 0, max: GAPS.length - 1 }) }),
    fc.record({ kind: fc.constant('swap' as const), a: fc.nat(), b: fc.nat() }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), story: fc.integer({ min: 0, max: STORIES.length - 1 }) }),
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('type' as const), at: fc.nat(), char: fc.constantFrom('x', '\n', ' ') }),
    // A character overwritten: the story keeps its length, not its id or statement.
    fc.record({ kind: fc.constant('overwrite' as const), at: fc.nat(), id: fc.boolean() }),
    fc.record({ kind: fc.constant('remove' as const) }),
    // Deleted and created again in one pass: the same text at a new place in the backlog order.
    fc.record({ kind: fc.constant('recreate' as const) }),
  ),
});
type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

/** The file after an edit; undefined when the edit removes it. */
function applyEdit(model: FileModel | undefined, change: Edit['change']): FileModel | undefined {
  const next: FileModel = model ? { ...model, stories: [...model.stories] } : { preamble: 0, gap: 0, stories: [] };
  const { stories } = next;
  switch (change.kind) {
    case 'set':
      next.stories = change.stories.map((index) => STORIES[index]!);
      break;
    case 'preamble':
      next.preamble = change.preamble;
      break;
    case 'gap':
      next.gap = change.gap;
      break;
    case 'swap':
      if (stories.length > 0) {
        const [a, b] = [change.a % stories.length, change.b % stories.length];
        [stories[a], stories[b]] = [stories[b]!, stories[a]!];
      }
      break;
    case 'insert':
      stories.splice(change.at % (stories.length + 1), 0, STORIES[change.story]!);
      break;
    case 'delete':
      if (stories.length > 0) stories.splice(change.at % stories.length, 1);
      break;
    case 'type':
      // A keystroke at the end of a story's heading line: its title changes, or a line break splits it.
      if (stories.length > 0) {
        const at = change.at % stories.length;
        const story = stories[at]!;
        const end = story.indexOf('\n');
        stories[at] = story.slice(0, end) + change.char + story.slice(end);
      }
      break;
    case 'overwrite':
      if (stories.length > 0) {
        const at = change.at % stories.length;
        stories[at] = change.id
          ? stories[at]!.replace(/-(\d)/, (_, digit: string) => `-${(Number(digit) + 1) % 10}`)
          : stories[at]!.replace(/ (a|the) /, (_, word: string) => (word === 'a' ? ' o ' : ' thy '));
      }
      break;
    case 'remove':
      return undefined;
    case 'recreate':
      break;
  }
  return next;
}

const findingsOf = (result: FileResult): Finding[] => [...result.findings, ...result.suppressed].filter((finding) => BACKLOG_RULES.has(finding.ruleId));
const label = (finding: Finding): string =>
  JSON.stringify([finding.ruleId, finding.span, finding.line, finding.column, finding.endLine, finding.endColumn, finding.storyIndex, finding.severity, finding.message, finding.related]);

/** What a check of the whole backlog reports per file, in the given order. */
function fresh(files: readonly { path: string; text: string }[], lintOptions: LintOptions): Map<string, string[]> {
  const results = files.map((file) => lintFile(file.path, file.text, lintOptions));
  lintBacklog(results, lintOptions);
  return new Map(results.map((result) => [result.filePath, findingsOf(result).map(label).sort()]));
}

describe('BacklogState', () => {
  it.each([
    ['default options', options],
    ['an eager uniform-template', eager],
  ])('after any sequence of edits, moves, additions and removals, equals a check of the whole backlog (%s)', (_, lintOptions) => {
    const compared = new Map<string, number>();
    fc.assert(
      fc.property(fc.array(fc.array(edit, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 12 }), (steps) => {
        const state = new BacklogState(lintOptions);
        const models = new Map<number, FileModel>();
        const ranks = new Map<string, number>();
        let nextRank = 0;
        const pathOf = (file: number) => `/backlog/file-${file}.md`;
        for (const step of steps) {
          // Several files change in one update, as in a debounced pass of the language server.
          const edited = new Set<number>();
          const removed: string[] = [];
          for (const { file, change } of step) {
            const model = applyEdit(models.get(file), change);
            if (change.kind === 'recreate') ranks.delete(pathOf(file));
            if (model) {
              models.set(file, model);
              if (!ranks.has(pathOf(file))) ranks.set(pathOf(file), nextRank++);
              edited.add(file);
            } else if (models.has(file)) {
              models.delete(file);
              ranks.delete(pathOf(file));
              edited.delete(file);
              removed.push(pathOf(file));
            }
          }
          const changed = [...edited].map((file) => ({ result: lintFile(pathOf(file), textOf(file, models.get(file)!), lintOptions), rank: ranks.get(pathOf(file))! }));
          state.update(changed, removed.filter((path) => !ranks.has(path)));
          const ordered = [...models].map(([file, model]) => ({ path: pathOf(file), text: textOf(file, model) })).sort((a, b) => ranks.get(a.path)! - ranks.get(b.path)!);
          const expected = fresh(ordered, lintOptions);
          for (const { path } of ordered) {
            const incremental = state.findingsOf(path).map(label).sort();
            expect(incremental, path).toEqual(expected.get(path));
            for (const line of incremental) {
              const rule = JSON.parse(line)[0] as string;
              compared.set(rule, (compared.get(rule) ?? 0) + 1);
            }
          }
        }
      }),
      { numRuns: 150, seed: 20261207 },
    );
    // The generator must produce findings of every backlog rule, not only silent backlogs.
    for (const rule of BACKLOG_RULES) expect(compared.get(rule) ?? 0, rule).toBeGreaterThan(100);
  });

  const nouns = ['invoice', 'parcel', 'ticket', 'booking', 'report', 'badge', 'voucher', 'shift', 'route', 'claim'];
  const verbs = ['archive', 'print', 'share', 'rename', 'approve', 'track', 'sort', 'tag', 'flag', 'merge', 'price', 'plan'];
  /** A team's five stories, none linked to another team's (another clerk, desk and team). */
  const teamStory = (f: number, s: number, variant = '') =>
    `## T${f}-${s} Story\n\nAs a clerk ${f}x${s}, I want to ${verbs[(f + s) % verbs.length]} the ${nouns[s % nouns.length]} of desk ${f * 10 + s}${variant}, so that team ${f} finishes.\n`;
  const teamFile = (f: number, variant = '') => `# Team ${f}\n\n${[0, 1, 2, 3, 4].map((s) => teamStory(f, s, variant)).join('\n')}`;
  const TEAMS = 200;
  /** A backlog of TEAMS team files, checked once, and the work each later update does per rule. */
  function teamBacklog(text: (f: number) => string = teamFile) {
    const files = new Map(Array.from({ length: TEAMS }, (_, f) => [`/w/${f}.md`, text(f)]));
    const ranks = new Map([...files.keys()].map((path, rank) => [path, rank]));
    const state = new BacklogState(options);
    const results = [...files].map(([path, content]) => lintFile(path, content, options));
    state.update(results.map((result) => ({ result, rank: ranks.get(result.filePath)! })));
    // The first update checks every story at once.
    expect(state.examined('unique-story')).toBe(results.reduce((sum, result) => sum + result.stories.length, 0));
    return {
      /** Changes files, returns the stories each rule looked at and the paths whose findings changed. */
      update(changed: Record<string, string>) {
        const before = Object.fromEntries([...BACKLOG_RULES].map((name) => [name, state.examined(name)]));
        for (const [path, content] of Object.entries(changed)) {
          files.set(path, content);
          if (!ranks.has(path)) ranks.set(path, ranks.size);
        }
        const touched = state.update(Object.entries(changed).map(([path, content]) => ({ result: lintFile(path, content, options), rank: ranks.get(path)! })));
        const examined = Object.fromEntries([...BACKLOG_RULES].map((name) => [name, state.examined(name) - before[name]!]));
        return { examined, touched: [...touched].sort() };
      },
      /** Checks the findings of every file against a check of the whole backlog. */
      expectFresh() {
        const expected = fresh([...files].map(([path, content]) => ({ path, text: content })), options);
        for (const path of files.keys()) expect(state.findingsOf(path).map(label).sort(), path).toEqual(expected.get(path));
      },
    };
  }

  it('re-checks only the stories linked to an edit for unique-id and unique-story', () => {
    const backlog = teamBacklog();
    const { examined } = backlog.update({ '/w/7.md': teamFile(7, ' today') });
    // The edited file's five stories (and no other story is linked to them).
    expect(examined['unique-story']).toBe(5);
    expect(examined['unique-id']).toBe(5);
    // The template counts keep their outcome (one template): only the edited stories.
    expect(examined['uniform-template']).toBe(5);
    backlog.expectFresh();
  });

  it('keeps the entries of stories an edit moves, and re-checks a moved one only when it has findings', () => {
    // File 8 ends with a copy of team 9's first story under another id: a duplicate pair across files.
    const copy = teamStory(9, 0).replace('T9-0', 'T8-9');
    const withCopy = (f: number, above = '') => (f === 8 ? `# Team 8\n\n${above}${[0, 1, 2, 3, 4].map((s) => teamStory(8, s)).join('\n')}\n${copy}\n` : teamFile(f));
    const backlog = teamBacklog(withCopy);
    backlog.expectFresh();
    // Lines above file 7's stories: they move, none has findings, nothing is checked and no other file changes.
    const moved = backlog.update({ '/w/7.md': teamFile(7).replace('# Team 7\n\n', '# Team 7\n\nOwned by\nthe night desk.\n\n') });
    expect(moved.examined).toEqual({ 'unique-story': 0, 'unique-id': 0, 'linked-outcome': 0, 'orphan-outcome': 0, 'uniform-template': 0 });
    expect(moved.touched).toEqual(['/w/7.md']);
    backlog.expectFresh();
    // A character typed in file 8's title shifts the copy along its line: nothing is checked, the
    // spans into it move, in its own finding and in its twin's related location.
    const shifted = backlog.update({ '/w/8.md': withCopy(8).replace('# Team 8', '# Team 8!') });
    expect(shifted.examined).toEqual({ 'unique-story': 0, 'unique-id': 0, 'linked-outcome': 0, 'orphan-outcome': 0, 'uniform-template': 0 });
    expect(shifted.touched).toEqual(['/w/8.md', '/w/9.md']);
    backlog.expectFresh();
    // Lines above file 8's stories move the copy: it and its twin are re-checked, and the twin's
    // message, which names the copy's line, changes.
    const twin = backlog.update({ '/w/8.md': withCopy(8, 'Owned by the day desk.\n\n') });
    expect(twin.examined['unique-story']).toBe(2);
    expect(twin.examined['unique-id']).toBe(0);
    expect(twin.examined['uniform-template']).toBe(0);
    expect(twin.touched).toEqual(['/w/8.md', '/w/9.md']);
    backlog.expectFresh();
    // The stories reordered: the copy moves up, the others down; no story is new (unique-id and
    // uniform-template check none), unique-story checks the copy and its twin.
    const reordered = backlog.update({ '/w/8.md': `# Team 8\n\n${copy}\n${[4, 3, 2, 1, 0].map((s) => teamStory(8, s)).join('\n')}\n` });
    expect(reordered.examined).toEqual({ 'unique-story': 2, 'unique-id': 0, 'linked-outcome': 0, 'orphan-outcome': 0, 'uniform-template': 0 });
    expect(reordered.touched).toEqual(['/w/8.md', '/w/9.md']);
    backlog.expectFresh();
  });

  it('re-checks uniform-template for the edited stories while the template counts keep their outcome, and everywhere when it changes', () => {
    const backlog = teamBacklog();
    const job = (n: number) => `# Jobs ${n}\n\n## J-${n} Retry\n\nWhen a payment fails for shop ${n}, I want to retry it with another card, so I can still finish my order.\n`;
    // One story in another template: 1000 of 1001 use Connextra, the first report.
    const first = backlog.update({ '/w/jobs-1.md': job(1) });
    expect(first.examined['uniform-template']).toBe(TEAMS * 5 + 1);
    backlog.expectFresh();
    // A second one: still Connextra at 100% (rounded), only the new story is checked.
    const second = backlog.update({ '/w/jobs-2.md': job(2) });
    expect(second.examined['uniform-template']).toBe(1);
    expect(second.touched).toEqual(['/w/jobs-2.md']);
    backlog.expectFresh();
    // A Connextra story rewritten in place: the count per template is unchanged, one story checked.
    const edited = backlog.update({ '/w/3.md': teamFile(3, ' today') });
    expect(edited.examined['uniform-template']).toBe(5);
    backlog.expectFresh();
  });
});
