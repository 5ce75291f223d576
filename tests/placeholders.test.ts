import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { consecutiveOffsets, type Finding, findPlaceholders, fixUntilStable, lintFiles, type PlainText, type Story } from '../core';
import { rules } from '../rules';
import { ensureBuilt, storylint, tempDir } from './cli-harness';
import { lintStages } from './hardening/timing';
import { countWork } from './hardening/work-meter';

/** A plain text whose offsets are its own: for strings that are not Markdown. */
const plain = (text: string): PlainText => ({ text, offsets: consecutiveOffsets(0, text.length + 1) });
const placeholders = (text: string): string[] => findPlaceholders(plain(text)).map((found) => found.text);

/** The one story of a Markdown text, and the text. */
const storyOf = (text: string): { story: Story; text: string } => ({ story: lintFiles([{ filePath: 'story.md', text }], { rules: [] })[0]!.stories[0]!, text });

describe('findPlaceholders', () => {
  it('finds the slots of storylint\'s own fix skeletons', () => {
    expect(placeholders('As a {role}, I want {capability}, so that {benefit}')).toEqual(['{role}', '{capability}', '{benefit}']);
    expect(placeholders('- [ ] Given {context}, when {action}, then {observable result}')).toEqual(['{context}', '{action}', '{observable result}']);
    expect(placeholders('{metric} from {baseline} to {target} by {date}')).toEqual(['{metric}', '{baseline}', '{target}', '{date}']);
    expect(placeholders('Source: {interviews / tickets / analytics} ({count}, {date})')).toEqual(['{interviews / tickets / analytics}', '{count}', '{date}']);
    // The same slots written by hand in square brackets are placeholders too.
    expect(placeholders('Given [context], when [action], then [observable result]')).toEqual(['[context]', '[action]', '[observable result]']);
    expect(placeholders('Source: [interviews / tickets / analytics] ([count], [date])')).toEqual(['[interviews / tickets / analytics]', '[count]', '[date]']);
  });

  it('finds the stand-ins people leave: markers, angle brackets, ellipses', () => {
    expect(placeholders('TBD')).toEqual(['TBD']);
    expect(placeholders('Target: tbc')).toEqual(['tbc']);
    expect(placeholders('TODO: agree the formats with finance')).toEqual(['TODO']);
    expect(placeholders('todo: ask legal')).toEqual(['todo']);
    expect(placeholders('TBD – see the Confluence page.')).toEqual(['TBD']);
    expect(placeholders('Go-live date FIXME')).toEqual(['FIXME']);
    expect(placeholders('[TBD]')).toEqual(['[TBD]']);
    expect(placeholders('As a <role>, I want <capability>')).toEqual(['<role>', '<capability>']);
    expect(placeholders('Given …, when …, then …')).toEqual(['…', '…', '…']);
    expect(placeholders('Given ..., when ..., then ...')).toEqual(['...', '...', '...']);
    expect(placeholders('Source: …')).toEqual(['…']);
    expect(placeholders('{…} and <...>')).toEqual(['{…}', '<...>']);
    expect(placeholders("As a {persona}'s manager")).toEqual(['{persona}']);
  });

  it('leaves real content alone: paths, code, task boxes, footnotes, remarks', () => {
    for (const text of [
      'GET /invoices/{id} returns the invoice',
      '{base}/items and user{id} and {id}.json',
      'the SDK returns List<Invoice> and items[0]',
      'the response is {"id": 1}',
      '[[Wiki page]] and [label](https://example.com)',
      'a note [1], a box [x], another [ ], an editor\'s [sic]',
      'empty {} and [] and {0}',
      'a < b and c > d, <5 and >10',
      'I want to report an abusive comment [including comments under paywalled articles]',
      'Then the message "Hello {name}" is shown',
      "the '{role}' column",
      'Dear {first}{last}',
      'insert {first_name}, {user.email}, {orderId} and {{name}} into the email',
      'churn is 5% [Q3 report], as in [Smith 2020] and [v2]',
      'Todo items due today are listed first',
      'TBD items (no due date) are listed last',
      'the tbd-42 ticket',
      'Users wait... and then give up',
      'We export PDF, CSV …',
      'export … to Excel',
      'shows "…" while loading',
      'a cut [...] in the quote (…)',
      'conversion from … to …',
      'etc.',
    ]) {
      expect(placeholders(text), text).toEqual([]);
    }
  });

  it('scans a text once for every rule that asks: the result is kept per text, range and source', () => {
    const text = plain('As a {role}, I want [capability]');
    const first = findPlaceholders(text, { start: 5 });
    expect(countWork(() => findPlaceholders(text, { start: 5 })).total).toBeLessThan(countWork(() => findPlaceholders(plain(text.text), { start: 5 })).total);
    expect(findPlaceholders(text, { start: 5 })).toBe(first);
    expect(findPlaceholders(text, { start: 12 }).map((found) => found.text)).toEqual(['[capability]']);
    expect(findPlaceholders(text, { source: text.text }).map((found) => found.text)).toEqual(['{role}', '[capability]']);
  });

  it('looks only at the range it is given, with its neighbours still attached', () => {
    const text = 'As a {role}, I want /invoices/{id}';
    expect(findPlaceholders(plain(text), { start: 5, end: 11 }).map((found) => found.text)).toEqual(['{role}']);
    expect(findPlaceholders(plain(text), { start: 30, end: 34 })).toEqual([]);
    // "…" is a placeholder as the whole of a part.
    expect(findPlaceholders(plain('I want to see … now'), { start: 14, end: 15 }).map((found) => found.text)).toEqual(['…']);
  });

  it('finds a prompt sentence as written', () => {
    const text = 'Who struggles with what today, and how do we know?\nSource: 14 tickets';
    expect(findPlaceholders(plain(text), { prompts: ['Who struggles with what today, and how do we know?'] }).map((found) => found.text)).toEqual([
      'Who struggles with what today, and how do we know?',
    ]);
  });

  it('maps each placeholder to its place in the file, through escapes and entities', () => {
    const { story, text } = storyOf('## ESC-1 Escapes\n\nAs a \\<role\\>, I want &lt;capability&gt;, so that **{benefit}**.\n\n### Acceptance criteria\n\n- Given a draft, when I send it, then it is sent.\n');
    const found = findPlaceholders(story.statement!, { source: text });
    expect(found.map((placeholder) => placeholder.text)).toEqual(['<role>', '<capability>', '{benefit}']);
    // Each span starts where the placeholder starts in the file (mapSpan ends it after the unit its last character maps to).
    expect(found.map((placeholder) => text.slice(placeholder.span[0], placeholder.span[0] + 4))).toEqual(['<rol', '&lt;', '{ben']);
    expect(text.slice(...found[0]!.span)).toBe('<role\\>');
    expect(text.slice(...found[2]!.span)).toBe('{benefit}');
  });

  it('with the file text, knows code: inline code and the parameters of a Gherkin Scenario Outline', () => {
    const inline = storyOf('## A-2 Code\n\nAs a developer, I want `{id}` and `GET {id}` to work, so that `TODO` comments are found.\n');
    expect(findPlaceholders(inline.story.statement!).map((found) => found.text)).toEqual(['{id}', '{id}']);
    expect(findPlaceholders(inline.story.statement!, { source: inline.text })).toEqual([]);
    const outline = storyOf(
      '## A-3 Outline\n\nAs a support agent, I want partial refunds, so that customers keep items.\n\n### Acceptance criteria\n\n```gherkin\nScenario Outline: partial refund\n  Given a payment of <amount>\n  When I refund <part>\n  Then the balance is <balance>\n```\n',
    );
    expect(outline.story.criteria).toHaveLength(1);
    expect(findPlaceholders(outline.story.criteria[0]!, { source: outline.text })).toEqual([]);
  });

  it('does linear work, whatever the text holds', () => {
    for (const unit of ['{role} ', '{', '[x] [a] ', '<', '… ', '... ', 'TBD ', '`{id}` ', '{{{{', '[a b c d e f] ']) {
      const workFor = (count: number) => {
        // A warm-up on a twin first (lazy tables are not counted), then a text not seen yet: results are memoised per text.
        const twin = plain(unit.repeat(count));
        findPlaceholders(twin, { source: twin.text, prompts: ['Who struggles?'] });
        const text = plain(unit.repeat(count));
        return countWork(() => findPlaceholders(text, { source: text.text, prompts: ['Who struggles?'] })).total;
      };
      expect(workFor(10_000), JSON.stringify(unit)).toBeLessThan(15 * workFor(1000));
    }
  });

  // The rules' own work: the Markdown parse of a paragraph of thousands of brackets is not linear
  // (micromark's label resolution splices its event list), which tests/hardening watches, not this.
  it('keeps every rule linear on stories full of placeholders', () => {
    const ruleNames = new Set(rules.map((rule) => rule.name));
    const inputs: Record<string, (n: number) => string> = {
      'statement slots': (n) => `# PAY-1 Refunds\n\nAs a ${'{role} '.repeat(n)}, I want ${'[capability] '.repeat(n)}, so that ${'{benefit} '.repeat(n)}\n`,
      'criteria slots': (n) => `# PAY-1 Refunds\n\nAs a buyer, I want a refund, so that I am paid back.\n\n## Acceptance criteria\n\n${'- [ ] Given [context], when [action], then …\n'.repeat(n)}`,
      'outcome and problem slots': (n) => `# PAY-1 Refunds\n\nAs a buyer, I want a refund, so that I am paid back.\n\n## Problem\n\n${'[count] TBD `{x}` "{y}" '.repeat(n)}\n\n## Outcome\n\n${'[metric] from … to '.repeat(n)}\n`,
    };
    for (const [name, build] of Object.entries(inputs)) {
      const workPerStage = (text: string) => new Map([...lintStages(text)].map(([stage, run]) => (run(), [stage, countWork(run).total] as const)));
      const small = workPerStage(build(300));
      const large = workPerStage(build(3000));
      const superlinear = [...large]
        .filter(([stage, work]) => ruleNames.has(stage) && work > 15 * small.get(stage)!)
        .map(([stage, work]) => `${stage}: ${small.get(stage)} -> ${work}`);
      expect(superlinear, name).toEqual([]);
    }
  });
});

/** Lints with every rule at its default severity. */
const lint = (text: string): Finding[] => lintFiles([{ filePath: 'story.md', text }], { rules })[0]!.findings;
const fixAll = (text: string): string => fixUntilStable(text, (current) => lint(current).flatMap((finding) => (finding.fix ? [finding.fix] : []))).text;
const failing = (findings: readonly Finding[]) => findings.filter((finding) => finding.severity === 'error' || finding.severity === 'warning');

/**
 * For each part a fix inserts as a skeleton, the rule that keeps asking for it once the skeleton is
 * there: the rule that asked, except for sections, where a placeholder section counts as present
 * (the judgement dataset's decision, eval/README.md) and the rule on its content takes over.
 */
const STILL_ASKED_BY: Record<string, string> = {
  'story-format': 'story-format',
  'require-benefit': 'require-benefit',
  'require-problem': 'require-evidence',
  'require-outcome': 'measurable-outcome',
  'require-acceptance-criteria': 'require-acceptance-criteria',
};

const FAILING_STORIES: Record<string, string> = {
  'a heading story with only criteria': '# Refunds\n\n## PAY-1 Refund a card payment\n\n### Acceptance criteria\n\n- Given a settled card payment, when I refund it, then the customer sees the refund on the next statement.\n',
  'a heading story with only a statement': '## PAY-2 Refund a card payment\n\nAs a support agent, I want to refund a card payment.\n',
  'a statement without a benefit (one-line stories)': '# Refunds\n\n- As a support agent, I want to refund a card payment\n- As a finance clerk, I want to export the day\'s refunds.\n',
  'a story without criteria': [
    '## PAY-3 Refund a card payment',
    '',
    'As a support agent, I want to refund a card payment, so that the customer is not charged twice.',
    '',
    '### Problem',
    '',
    '14 support tickets in March 2025 asked for a refund the agent could not issue.',
    '',
    '### Outcome',
    '',
    'Refund calls drop from 40 to 10 a week by June.',
    '',
  ].join('\n'),
  'a file story with CRLF line endings': '---\r\ntype: story\r\nid: PAY-4\r\n---\r\n\r\n# Refund history\r\n\r\nShow past refunds.\r\n',
};

describe('a fix never turns a failing story into a passing one', () => {
  it.each(Object.entries(FAILING_STORIES))('%s', (_name, text) => {
    const before = lint(text);
    const fixable = before.filter((finding) => finding.fix);
    expect(fixable.length).toBeGreaterThan(0);
    const fixed = fixAll(text);
    expect(fixed).not.toBe(text);
    const after = lint(fixed);
    // Every part the fixes inserted is still asked for, by rule id, until a person fills it in.
    const asked = [...new Set(fixable.map((finding) => finding.ruleId))];
    const stillAsked = new Set(after.map((finding) => finding.ruleId));
    for (const rule of asked) expect(stillAsked.has(STILL_ASKED_BY[rule] ?? rule), `${rule} (now ${STILL_ASKED_BY[rule] ?? rule})`).toBe(true);
    // ... and says to replace the placeholder; nothing is left to fix automatically.
    for (const rule of asked) {
      const messages = after.filter((finding) => finding.ruleId === (STILL_ASKED_BY[rule] ?? rule)).map((finding) => finding.message);
      expect(messages.some((message) => message.includes('placeholder')), `${rule}: ${messages.join(' | ')}`).toBe(true);
    }
    expect(after.filter((finding) => finding.fix)).toEqual([]);
    expect(failing(after).length).toBeGreaterThan(0);
    expect(failing(after).filter((finding) => finding.severity === 'error').length).toBeGreaterThanOrEqual(Math.min(1, failing(before).filter((finding) => finding.severity === 'error').length));
  });

  it('a story whose placeholders are filled in passes', () => {
    const filled = fixAll(FAILING_STORIES['a heading story with only a statement']!)
      .replace('{benefit}', 'the customer is not charged twice')
      .replace('Who struggles with what today, and how do we know?', 'Agents cannot refund card payments and escalate them to finance.')
      .replace('{interviews / tickets / analytics} ({count}, {date})', '14 support tickets (March 2025)')
      .replace('{metric} from {baseline} to {target} by {date}', 'Refund escalations drop from 40 to 10 a week by June.')
      .replace('Given {context}, when {action}, then {observable result}', 'Given a captured card payment, when I refund it, then the statement shows the refund within 3 days.');
    expect(failing(lint(filled))).toEqual([]);
  });
});

/** Every `{…}` slot of a text, as written. */
const braceSlots = (text: string): string[] => text.match(/\{[^{}\r\n]+\}/g) ?? [];

describe('the text every fix inserts', () => {
  /** Per fixable rule, the texts its fixes insert into the failing stories. */
  const insertedBy = (): Map<string, string[]> => {
    const inserted = new Map<string, string[]>();
    for (const text of Object.values(FAILING_STORIES)) {
      for (const finding of lint(text)) for (const edit of finding.fix?.edits ?? []) inserted.set(finding.ruleId, [...(inserted.get(finding.ruleId) ?? []), edit.text]);
    }
    return inserted;
  };

  it('comes from every fixable rule, and writes its placeholders in braces, each recognised as one', () => {
    const inserted = insertedBy();
    expect([...inserted.keys()].sort()).toEqual(rules.filter((rule) => rule.fixable).map((rule) => rule.name).sort());
    for (const [rule, texts] of inserted) {
      for (const text of texts) {
        expect(braceSlots(text).length, `${rule}: ${text}`).toBeGreaterThan(0);
        // One style: no square-bracket or angle-bracket slot beside the braces ("- [ ]" is a task box).
        expect(text.replace(/^- \[ \] /gm, ''), rule).not.toMatch(/\[[^\]\r\n]*\]|<[a-z][^>\r\n]*>/);
        expect(placeholders(text), rule).toEqual(expect.arrayContaining(braceSlots(text)));
      }
    }
  });

  it.each(Object.entries(FAILING_STORIES))('keeps its rule reporting while any one of its placeholders is left: %s', (_name, text) => {
    const fixed = fixAll(text);
    const prompt = 'Who struggles with what today, and how do we know?';
    for (const finding of lint(text)) {
      const asker = STILL_ASKED_BY[finding.ruleId] ?? finding.ruleId;
      for (const slot of new Set(finding.fix?.edits.flatMap((edit) => braceSlots(edit.text)) ?? [])) {
        // Everything else filled in with words: only this slot is left.
        const others = fixed.replace(/\{[^{}\r\n]+\}/g, (found) => (found === slot ? found : found.slice(1, -1))).replace(prompt, 'Agents cannot refund card payments today.');
        // The rule that asks, or for the statement's "so that {benefit}" the rule on the benefit.
        const reporting = lint(others).filter((found) => found.message.includes(`"${slot}"`)).map((found) => found.ruleId);
        expect(reporting, `${finding.ruleId} with only ${slot} left`).toContain(slot === '{benefit}' ? 'require-benefit' : asker);
      }
    }
  });
});

describe('storylint --fix as a process', () => {
  beforeAll(ensureBuilt, 120_000);

  it('exits 1 on a story without criteria, before and after the fix, and leaves the skeleton for the author', () => {
    const dir = tempDir();
    const path = join(dir, 'story.md');
    writeFileSync(path, FAILING_STORIES['a story without criteria']!);
    expect(storylint(['story.md'], { cwd: dir }).code).toBe(1);
    const run = storylint(['--fix', '-f', 'json', 'story.md'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(readFileSync(path, 'utf8')).toContain('- [ ] Given {context}, when {action}, then {observable result}');
    const messages = (JSON.parse(run.stdout) as { messages: { ruleId: string; message: string }[] }[])[0]!.messages;
    expect(messages.filter((message) => message.ruleId === 'require-acceptance-criteria').map((message) => message.message)).toEqual([
      expect.stringContaining('still holds the placeholder "{context}"'),
    ]);
    // Fixing again changes nothing and still fails.
    const again = readFileSync(path, 'utf8');
    expect(storylint(['--fix', 'story.md'], { cwd: dir }).code).toBe(1);
    expect(readFileSync(path, 'utf8')).toBe(again);
  });

  it('exits 1 on a heading story with only criteria after --fix', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'story.md'), FAILING_STORIES['a heading story with only criteria']!);
    const run = storylint(['--fix', 'story.md'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(readFileSync(join(dir, 'story.md'), 'utf8')).toContain('As a {role}, I want {capability}, so that {benefit}');
    expect(run.stdout).toContain('story-format');
  });
});
