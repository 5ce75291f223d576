import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyFixes, BacklogState, consecutiveOffsets, type Finding, findPlaceholders, fixUntilStable, lintFile, lintFiles } from '../core';
import { formatCompact } from '../report';
import { rules } from '../rules';
import { fixturesOf, UPDATE, updateFile } from './helpers/fixtures';

const lintWith = (rule: (typeof rules)[number], fileName: string, text: string) =>
  lintFiles([{ filePath: fileName, text }], { rules: [rule] })[0]!;

describe.each(rules.map((rule) => ({ name: rule.name, rule })))('$name', ({ rule }) => {
  const fixtures = fixturesOf(rule.name);

  it('has valid and invalid fixtures', () => {
    expect(fixtures.some((fixture) => fixture.valid)).toBe(true);
    expect(fixtures.some((fixture) => !fixture.valid)).toBe(true);
  });

  for (const fixture of fixtures) {
    it(fixture.name, () => {
      const result = lintWith(rule, basename(fixture.path), fixture.text);
      const findings = result.findings.filter((finding) => finding.ruleId === rule.name);
      const compact = formatCompact([{ filePath: basename(fixture.path), findings }]);
      if (fixture.valid) {
        expect(compact).toBe('');
        return;
      }
      if (UPDATE) updateFile(fixture.expectedPath, compact + '\n');
      else expect(compact).toBe(fixture.expected);
      expect(findings.length).toBeGreaterThan(0);

      const fixes = findings.flatMap((finding: Finding) => (finding.fix ? [finding.fix] : []));
      if (!rule.fixable) expect(fixes).toEqual([]);
      if (fixes.length === 0) return;
      const once = applyFixes(fixture.text, fixes).text;
      const stable = fixUntilStable(fixture.text, (text) =>
        lintWith(rule, basename(fixture.path), text).findings.flatMap((finding) => (finding.fix ? [finding.fix] : [])),
      ).text;
      if (UPDATE) updateFile(fixture.fixedPath, stable);
      else expect(stable).toBe(fixture.fixed);
      expect(once.length).toBeGreaterThan(0);
      // A fix must resolve what it was offered for, and running the fixer again changes nothing.
      const after = lintWith(rule, basename(fixture.path), stable).findings.filter((finding) => finding.fix);
      expect(after).toEqual([]);
    });
  }
});

describe('linked-outcome suggestions and the outcome map across files', () => {
  const linked = rules.find((rule) => rule.name === 'linked-outcome')!;
  const orphan = rules.find((rule) => rule.name === 'orphan-outcome')!;
  const outcomes = [
    '# Goals',
    '',
    '## KR-1.1 Activation rate',
    '',
    '- **Metric:** share of new teams that invite a colleague in week one',
    '- **Baseline:** 20%',
    '- **Target:** 35%',
    '',
    '## KR-1.2 Time to first report',
    '',
    '- **Metric:** median minutes to the first saved report',
    '- **Baseline:** 42',
    '- **Target:** 15',
    '',
  ].join('\n');
  const stories = '## ONB-1 Report templates\n\nAs an analyst, I want report templates, so that I save my first report in minutes.\n\n### Outcome\n\nFaster.\n';

  it('offers the declared outcomes most likely first, each inserting a real id after the statement', () => {
    const [, result] = lintFiles(
      [
        { filePath: '/repo/outcomes.md', text: outcomes },
        { filePath: '/repo/onboarding.md', text: stories },
      ],
      { rules: [linked] },
    );
    const finding = result!.findings.find((f) => f.messageId === 'noOutcome')!;
    expect(finding.suggestions!.map((fix) => fix.title)).toEqual(['Serve KR-1.2 (Time to first report: 42 → 15)', 'Serve KR-1.1 (Activation rate: 20% → 35%)']);
    const fixed = applyFixes(stories, [finding.suggestions![0]!]).text;
    expect(fixed).toBe(stories.replace('in minutes.\n', 'in minutes.\n\n**Serves:** KR-1.2\n'));
    expect(findPlaceholders({ text: fixed, offsets: consecutiveOffsets(0, fixed.length + 1) })).toEqual([]);
    const after = lintFiles(
      [
        { filePath: '/repo/outcomes.md', text: outcomes },
        { filePath: '/repo/onboarding.md', text: fixed },
      ],
      { rules: [linked, orphan] },
    );
    expect(after[1]!.findings).toEqual([]);
    expect(after[0]!.findings.map((f) => `${f.ruleId} ${f.line}`)).toEqual(['orphan-outcome 3']);
  });

  it('replaces an unknown id with the closest declared one', () => {
    const text = stories.replace('in minutes.\n', 'in minutes.\n\n**Serves:** KR-12\n');
    const [, result] = lintFiles(
      [
        { filePath: '/repo/outcomes.md', text: outcomes },
        { filePath: '/repo/onboarding.md', text },
      ],
      { rules: [linked] },
    );
    const finding = result!.findings.find((f) => f.messageId === 'unknownOutcome')!;
    expect(finding.message).toBe('The story serves KR-12, which no outcomes file declares: did you mean KR-1.2?');
    expect(applyFixes(text, [finding.suggestions![0]!]).text).toContain('**Serves:** KR-1.2\n');
  });

  it('an edit of the outcomes file updates the findings of stories in other files (BacklogState)', () => {
    const state = new BacklogState({ rules: [linked, orphan] });
    const lint = (filePath: string, text: string) => lintFile(filePath, text, { rules: [linked, orphan] });
    const served = stories.replace('in minutes.\n', 'in minutes.\n\n**Serves:** KR-1.3\n');
    state.update([
      { result: lint('/repo/outcomes.md', outcomes), rank: 0 },
      { result: lint('/repo/onboarding.md', served), rank: 1 },
    ]);
    expect(state.findingsOf('/repo/onboarding.md').map((f) => f.messageId)).toEqual(['unknownOutcome']);
    const declared = `${outcomes}\n## KR-1.3 Report sharing\n\n- **Metric:** reports shared a week\n- **Target:** 500\n`;
    const touched = state.update([{ result: lint('/repo/outcomes.md', declared), rank: 0 }]);
    expect([...touched].sort()).toEqual(['/repo/onboarding.md', '/repo/outcomes.md']);
    expect(state.findingsOf('/repo/onboarding.md')).toEqual([]);
    expect(state.findingsOf('/repo/outcomes.md').map((f) => `${f.ruleId} ${f.line}`)).toEqual(['orphan-outcome 3', 'orphan-outcome 9']);
  });
});
