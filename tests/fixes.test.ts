import { describe, expect, it } from 'vitest';
import { appendSectionFix, applyFixes, fixUntilStable, lintFiles, sectionLayoutOf } from '../core';
import { rules } from '../rules';
import { countWork } from './hardening/work-meter';

describe('applyFixes', () => {
  it('an insertion and a replacement at the same offset both apply to the original text, in either order', () => {
    const text = 'As a user, I want it';
    const replace = { title: 'role', edits: [{ span: [5, 9] as const, text: 'support agent' }] };
    const insert = { title: 'prefix', edits: [{ span: [5, 5] as const, text: 'busy ' }] };
    expect(applyFixes(text, [replace, insert]).text).toBe('As a busy support agent, I want it');
    expect(applyFixes(text, [insert, replace]).text).toBe('As a busy support agent, I want it');
  });

  it('two insertions at one offset keep the order of their fixes', () => {
    const first = { title: 'a', edits: [{ span: [0, 0] as const, text: 'A' }] };
    const second = { title: 'b', edits: [{ span: [0, 0] as const, text: 'B' }] };
    expect(applyFixes('x', [first, second]).text).toBe('ABx');
  });

  it('does linear work in the number of fixes (a file of 200,000 one-line stories gets 200,000)', () => {
    const workFor = (count: number) => {
      const text = 'As a buyer, I want a refund\n'.repeat(count);
      const fixes = Array.from({ length: count }, (_, index) => ({ title: 'benefit', edits: [{ span: [index * 28 + 27, index * 28 + 27] as const, text: ', so that {benefit}' }] }));
      applyFixes(text, fixes);
      return countWork(() => applyFixes(text, fixes)).total;
    };
    expect(workFor(10_000)).toBeLessThan(15 * workFor(1000));
  });

  it('skips a fix whose edit overlaps one already taken', () => {
    const outer = { title: 'outer', edits: [{ span: [0, 4] as const, text: 'X' }] };
    const inner = { title: 'inner', edits: [{ span: [2, 6] as const, text: 'Y' }] };
    const outcome = applyFixes('abcdefgh', [outer, inner]);
    expect(outcome.text).toBe('Xefgh');
    expect(outcome.applied).toEqual([outer]);
  });
});

describe('fixes land on the text a reader sees', () => {
  const benefitFix = (text: string) => {
    const [result] = lintFiles([{ filePath: 'story.md', text }], { rules });
    return applyFixes(text, [result!.findings.find((finding) => finding.ruleId === 'require-benefit')!.fix!]).text;
  };

  it('after a character reference, an escape and an emoji, the "so that" goes after the statement', () => {
    expect(benefitFix('As a buyer, I want a refund &amp; \\*fast\\* 👩‍👩‍👧\n')).toBe('As a buyer, I want a refund &amp; \\*fast\\* 👩‍👩‍👧, so that {benefit}\n');
  });

  it('a 300,000-character statement with an escape still gets its fix after its end', () => {
    const long = 'word '.repeat(60_000);
    expect(benefitFix(`As a buyer, I want a refund \\* ${long}now\n`)).toBe(`As a buyer, I want a refund \\* ${long}now, so that {benefit}\n`);
  });

  it('on a statement whose continuation line is indented in a list item', () => {
    expect(benefitFix('- As a buyer, I want a refund &eacute;\n  for my order 👍\n')).toBe('- As a buyer, I want a refund &eacute;\n  for my order 👍, so that {benefit}\n');
  });
});

describe('fixes write Markdown as a person would', () => {
  const lint = (text: string) => lintFiles([{ filePath: 'story.md', text }], { rules })[0]!;
  const fixAll = (text: string) => fixUntilStable(text, (current) => lint(current).findings.flatMap((finding) => (finding.fix ? [finding.fix] : []))).text;
  const OUTCOME = '{metric} from {baseline} to {target} by {date}';
  const PROBLEM = 'Who struggles with what today, and how do we know?\n\nSource: {interviews / tickets / analytics} ({count}, {date})';
  const CRITERIA = '- [ ] Given {context}, when {action}, then {observable result}';

  it('fills a bare story in reading order, one blank line between blocks, one final newline', () => {
    const expected = [
      '## PAY-2 Refund a card payment',
      '',
      'As a support agent, I want to refund a card payment, so that {benefit}.',
      '',
      `### Outcome\n\n${OUTCOME}`,
      '',
      `### Problem\n\n${PROBLEM}`,
      '',
      `### Acceptance criteria\n\n${CRITERIA}`,
      '',
    ].join('\n');
    const statement = '## PAY-2 Refund a card payment\n\nAs a support agent, I want to refund a card payment.';
    // Whatever white space the file ends with.
    for (const ending of ['', '\n', '\n\n', '\n\n\n']) expect(fixAll(statement + ending), JSON.stringify(ending)).toBe(expected);
    expect(fixAll(`${statement}\r\n`.replace(/\n/g, '\r\n').replace(/\r\r/g, '\r'))).toBe(expected.replace(/\n/g, '\r\n'));
    // Followed by another story: one blank line before its heading, a doubled one shared out.
    for (const gap of ['\n', '\n\n', '\n\n\n']) {
      const next = '## PAY-3 Next\n\nAs a buyer, I want x so that y.\n\n### Outcome\n\nRefunds from 4 to 2 days by June.\n\n### Problem\n\n14 tickets in May.\n\n### Acceptance criteria\n\n- Given a refund, when it is paid, then it is shown.\n';
      expect(fixAll(`${statement}\n${gap}${next}`), JSON.stringify(gap)).toBe(`${expected}\n${next}`);
    }
  });

  it('puts a story without a statement in order: statement first, then the sections, above its criteria', () => {
    const text = '# Refunds\n\n## PAY-1 Refund a card payment\n\n### Acceptance criteria\n\n- Given a settled card payment, when I refund it, then it is shown.\n';
    expect(fixAll(text)).toBe(
      `# Refunds\n\n## PAY-1 Refund a card payment\n\nAs a {role}, I want {capability}, so that {benefit}\n\n### Outcome\n\n${OUTCOME}\n\n### Problem\n\n${PROBLEM}\n\n### Acceptance criteria\n\n- Given a settled card payment, when I refund it, then it is shown.\n`,
    );
  });

  it('keeps paragraphs after the statement with it and goes before notes and sub-headings', () => {
    const text = [
      '## SRCH-4 Search orders by email',
      '',
      'As a support agent, I want to search orders by email so that I can answer a call.',
      '',
      'Callers know their email address, not their order number.',
      '',
      '### Designs',
      '',
      'See Figma.',
      '',
      '### Acceptance criteria',
      '',
      '- Given an order, when I search its email, then it is listed.',
      '',
      '### Out of scope',
      '',
      'Phone numbers.',
      '',
    ].join('\n');
    const fixed = fixAll(text);
    expect(fixed).toBe(text.replace('### Designs', `### Outcome\n\n${OUTCOME}\n\n### Problem\n\n${PROBLEM}\n\n### Designs`));
  });

  it('writes lead-ins as the story writes its own', () => {
    const text = 'As a buyer, I want to pay by invoice so that I can pay at month end.\n\nOutcome: Invoice orders from 2% to 5% by June.\n\n**Acceptance criteria**:\n\n- Given an order, when I pick invoice, then no card is asked for.\n';
    const story = lint(`# PAY-9 Invoice\n\n${text}`).stories[0]!;
    const fix = appendSectionFix({ story, text: `# PAY-9 Invoice\n\n${text}` }, { title: 'Insert a Problem section', kind: 'problem', name: 'Problem', body: PROBLEM.split('\n') })!;
    expect(applyFixes(`# PAY-9 Invoice\n\n${text}`, [fix]).text).toBe(
      `# PAY-9 Invoice\n\n${text.replace('**Acceptance', `Problem: ${PROBLEM}\n\n**Acceptance`)}`,
    );
  });

  it("follows the order the file's stories use: Problem before Outcome", () => {
    const stories = [
      '## A-1 First\n\nAs a buyer, I want a refund so that I am paid back.\n\n### Problem\n\n14 tickets.\n\n### Outcome\n\nRefunds from 4 to 2 days.\n\n### Acceptance criteria\n\n- Given x, when y, then z.\n',
      '## A-2 Second\n\nAs a buyer, I want a receipt so that I can claim it.\n\n### Outcome\n\nClaims from 10 to 20.\n\n### Acceptance criteria\n\n- Given x, when y, then z.\n',
    ];
    const text = stories.join('\n');
    const result = lint(text);
    const layout = sectionLayoutOf(result.stories);
    expect(layout).toEqual({ order: ['problem', 'outcome', 'acceptance', 'notes'], leadIns: false });
    expect(sectionLayoutOf([])).toEqual({ order: ['outcome', 'problem', 'acceptance', 'notes'], leadIns: false });
    const part = { title: 'Insert a Problem section', kind: 'problem', name: 'Problem', body: PROBLEM.split('\n') } as const;
    const fix = appendSectionFix({ story: result.stories[1]!, text, sectionLayout: layout }, part)!;
    expect(applyFixes(text, [fix]).text).toBe(stories[0] + '\n' + stories[1]!.replace('### Outcome', `### Problem\n\n${PROBLEM}\n\n### Outcome`));
    // Without the file's layout, the reading order: after the Outcome.
    const plain = appendSectionFix({ story: result.stories[1]!, text }, part)!;
    expect(applyFixes(text, [plain]).text).toBe(stories[0] + '\n' + stories[1]!.replace('### Acceptance', `### Problem\n\n${PROBLEM}\n\n### Acceptance`));
    // A file of lead-ins gives a story without sections lead-ins.
    expect(sectionLayoutOf(lint('## B-1 x\n\nAs a buyer, I want x so that y.\n\n**Outcome:** a\n\n**Problem:** b\n').stories).leadIns).toBe(true);
  });

  it('applies one block per place and pass: the second is placed against the first', () => {
    const first = { title: 'a', edits: [{ span: [1, 1] as const, text: '\n\n### A\n\nx' }] };
    const second = { title: 'b', edits: [{ span: [1, 1] as const, text: '\n\n### B\n\ny' }] };
    const inline = { title: 'c', edits: [{ span: [1, 1] as const, text: ', so that {benefit}' }] };
    expect(applyFixes('a\n', [first, second]).applied).toEqual([first]);
    expect(applyFixes('a\n', [inline, first]).applied).toEqual([inline]);
    expect(applyFixes('a\n', [first, inline]).applied).toEqual([first]);
  });
});
