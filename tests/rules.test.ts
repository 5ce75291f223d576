import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyFixes, type Finding, fixUntilStable, lintFiles } from '../core';
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
