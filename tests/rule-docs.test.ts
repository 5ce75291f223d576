import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../core';
import { rules } from '../rules';
import { docHeader, docPath, examplesUnder, readDoc } from '../scripts/rule-docs';

const REQUIRED_SECTIONS = ['Why', 'Incorrect', 'Correct', 'Options', 'Fix', 'Known limits'];

describe.each(rules.map((rule) => ({ name: rule.name, rule })))('docs of $name', ({ rule }) => {
  it('exists with every section', () => {
    expect(existsSync(docPath(rule))).toBe(true);
    const doc = readDoc(rule);
    for (const title of REQUIRED_SECTIONS) expect(doc, `section "## ${title}"`).toMatch(new RegExp(`^## ${title}\\s*$`, 'm'));
  });

  it('has an up-to-date generated header (npm run docs)', () => {
    expect(readDoc(rule).startsWith(docHeader(rule))).toBe(true);
  });

  it('has Incorrect examples that trigger the rule and Correct ones that do not', () => {
    const doc = readDoc(rule);
    const incorrect = examplesUnder(doc, 'Incorrect');
    const correct = examplesUnder(doc, 'Correct');
    expect(incorrect.length).toBeGreaterThan(0);
    expect(correct.length).toBeGreaterThan(0);
    // Backlog rules compare stories, so each example is linted as one backlog file.
    for (const example of incorrect) {
      const [result] = lintFiles([{ filePath: 'example.md', text: example }], { rules: [rule] });
      expect(result!.findings.map((f) => f.ruleId), example).toContain(rule.name);
    }
    for (const example of correct) {
      const [result] = lintFiles([{ filePath: 'example.md', text: example }], { rules: [rule] });
      expect(result!.findings.map((f) => `${f.line}: ${f.message}`), example).toEqual([]);
    }
  });
});
