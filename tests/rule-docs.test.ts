import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../core';
import { rules } from '../rules';
import { docHeader, docPath, examplesUnder, readDoc } from '../scripts/rule-docs';

const REQUIRED_SECTIONS = ['Why', 'Incorrect', 'Correct', 'Options', 'Fix', 'Known limits'];

/** The link targets of a page's prose (fenced examples left out): inline `](target)` and reference `[label]: target`. */
function linkTargets(doc: string): string[] {
  let fenced = false;
  const prose = doc.split('\n').filter((line) => {
    if (/^\s*(?:```|~~~)/.test(line)) fenced = !fenced;
    return !fenced && !/^\s*(?:```|~~~)/.test(line);
  });
  return prose.flatMap((line) => [...line.matchAll(/\]\(<?([^)\s>]+)/g), ...line.matchAll(/^\s*\[[^\]]+\]:\s*<?([^\s>]+)/g)].map((match) => match[1]!));
}

/**
 * The editor shows a page as storylint-docs:/rules/<rule>.md, and only rule pages exist there: a
 * relative link must name another rule's page (a link to ../docs/ would not resolve in the editor).
 */
const brokenInEditor = (targets: readonly string[], ruleNames: ReadonlySet<string>): string[] =>
  targets.filter((target) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) return false; // absolute, or within the page
    const page = /^(?:\.\/)?([\w-]+)\.md(?:#[\w-]*)?$/.exec(target)?.[1];
    return page === undefined || !ruleNames.has(page);
  });

describe('links between rule pages', () => {
  const ruleNames = new Set(rules.map((rule) => rule.name));

  it('finds the relative links that would break in the editor (the check itself works)', () => {
    const doc = `See [a](./${rules[0]!.name}.md#why), [b](../docs/configuration.md), [c](https://example.com/x.md), [d](#fix), [e](missing-rule.md).\n\n[f]: ../README.md\n\n\`\`\`markdown\n[in an example](../tickets/1.md)\n\`\`\`\n`;
    expect(brokenInEditor(linkTargets(doc), ruleNames)).toEqual(['../docs/configuration.md', 'missing-rule.md', '../README.md']);
  });

  it.each(rules.map((rule) => ({ name: rule.name, rule })))('$name links only other rule pages or absolute addresses', ({ rule }) => {
    expect(brokenInEditor(linkTargets(readDoc(rule)), ruleNames)).toEqual([]);
  });
});

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
