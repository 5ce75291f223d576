import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lintFiles, type LintOptions } from '../core/engine/lint';
import { rules } from '../rules';
import { ensureBuilt, storylint, tempDir } from './cli-harness';

const RULE = 'require-acceptance-criteria';
// Only the rule under test, so other rules' findings do not blur what directives do.
const only = rules.filter((rule) => rule.name === RULE);

/** A story with no acceptance criteria: require-acceptance-criteria reports its heading. */
const story = (title: string, extra = '') => `# ${title}\n${extra}\nAs a nurse, I want to see my shifts so that I can plan my week.\n\n`;

const lint = (text: string, options: Partial<LintOptions> = {}) => lintFiles([{ filePath: 'stories.md', text }], { rules: only, ...options })[0]!;
const reported = (text: string, options: Partial<LintOptions> = {}) => lint(text, options).findings.map((finding) => `${finding.line} ${finding.ruleId}`);

describe('inline directives', () => {
  it('disable ... enable silences a range; enable ends it', () => {
    const text = `<!-- storylint-disable ${RULE} -->\n${story('One')}<!-- storylint-enable ${RULE} -->\n${story('Two')}`;
    expect(reported(text)).toEqual([`7 ${RULE}`]);
    const result = lint(text);
    expect(result.suppressed.map((finding) => finding.line)).toEqual([2]);
  });

  it('no rule names means every rule', () => {
    expect(reported(`<!-- storylint-disable -->\n${story('One')}`)).toEqual([]);
  });

  it('disable-next-line and disable-line', () => {
    expect(reported(`<!-- storylint-disable-next-line ${RULE} -->\n${story('One')}${story('Two')}`)).toEqual([`6 ${RULE}`]);
    // Comments inside a heading line are not parsed as directives: put disable-next-line above it.
    const vague = rules.filter((rule) => rule.name === 'testable-criteria');
    const criteria = (suffix: string) =>
      `# One\n\nAs a nurse, I want to see my shifts so that I can plan my week.\n\n## Acceptance criteria\n\n- Given a shift, when I open the app, then it loads fast${suffix}\n`;
    expect(reported(criteria(''), { rules: vague })).toEqual(['7 testable-criteria']);
    expect(reported(criteria(' <!-- storylint-disable-line testable-criteria -->'), { rules: vague })).toEqual([]);
  });

  it('disable-file silences the whole file, wherever the comment is', () => {
    expect(reported(`${story('One')}${story('Two')}<!-- storylint-disable-file ${RULE} -- legacy backlog -->\n`)).toEqual([]);
  });

  it('disable-story silences only the story it sits in', () => {
    const text = `${story('One', `<!-- storylint-disable-story ${RULE} -->\n`)}${story('Two')}`;
    expect(reported(text)).toEqual([`6 ${RULE}`]);
  });

  it('comments inside code blocks are not directives', () => {
    expect(reported(`\`\`\`markdown\n<!-- storylint-disable -->\n\`\`\`\n\n${story('One')}`)).toEqual([`5 ${RULE}`]);
  });

  it('a directive naming an unknown rule is reported where it is written', () => {
    const result = lint(`<!-- storylint-disable no-such-rule -->\n${story('One')}`);
    expect(result.findings.map((finding) => [finding.line, finding.ruleId, finding.severity])).toEqual([
      [1, 'unknown-rule-in-directive', 'warning'],
      [2, RULE, 'error'],
    ]);
    expect(result.findings[0]!.message).toBe('Unknown rule "no-such-rule" in storylint-disable: check the spelling; rule names are listed in the docs.');
  });

  it('unused disable directives are reported when asked, at the chosen severity', () => {
    const text = `<!-- storylint-disable-next-line ${RULE} -->\n\nText.\n\n<!-- storylint-disable-file ${RULE} -->\n${story('One')}`;
    expect(reported(text)).toEqual([]);
    const findings = lint(text, { reportUnusedDirectives: 'error' }).findings;
    expect(findings.map((finding) => [finding.line, finding.ruleId, finding.severity])).toEqual([[1, 'unused-disable-directive', 'error']]);
    expect(findings[0]!.message).toBe(`Unused storylint-disable-next-line: it does not silence any ${RULE} finding; remove it (or the rule names it no longer needs).`);
  });
});

describe('directives mixed across stories and rules', () => {
  const two = rules.filter((rule) => rule.name === RULE || rule.name === 'require-outcome');
  const text = [
    `<!-- storylint-disable require-outcome -->\n${story('One')}`,
    `<!-- storylint-disable -->\n${story('Two')}<!-- storylint-enable ${RULE} -->\n${story('Three')}`,
    `<!-- storylint-enable -->\n${story('Four', `<!-- storylint-disable-story ${RULE} -->\n`)}`,
    `<!-- storylint-disable-next-line require-outcome, ${RULE} -- both at once -->\n${story('Five')}`,
    `${story('Six')}<!-- storylint-disable-line ${RULE} -->\n`,
    `<!-- storylint-disable ${RULE} -->\n<!-- storylint-disable ${RULE} -->\n${story('Seven')}<!-- storylint-enable require-outcome -->\n${story('Eight')}`,
    `<!-- storylint-enable -->\n<!-- storylint-disable-story -->\n${story('Nine')}${story('Ten')}`,
  ].join('');

  // Expected output recorded with the earlier implementation, which tried every directive on every finding.
  it('silence the same findings, by the same first directive, as a pass over every directive', () => {
    const result = lint(text, { rules: two, reportUnusedDirectives: 'warning' });
    const summary = {
      reported: result.findings.map((finding) => `${finding.line} ${finding.ruleId}`),
      suppressed: result.suppressed.map((finding) => `${finding.line} ${finding.ruleId}`),
      used: result.suppressions.directives.map((directive) => `${directive.line} ${[...directive.used].join(',')}`),
    };
    expect(summary).toEqual({
      reported: [
        '2 require-acceptance-criteria',
        '12 require-acceptance-criteria',
        '17 require-outcome',
        '27 require-outcome',
        '27 require-acceptance-criteria',
        '31 unused-disable-directive',
        '33 unused-disable-directive',
        '34 require-outcome',
        '45 require-outcome',
        '45 require-acceptance-criteria',
        '49 require-outcome',
        '49 require-acceptance-criteria',
      ],
      suppressed: [
        '2 require-outcome',
        '7 require-outcome',
        '7 require-acceptance-criteria',
        '12 require-outcome',
        '17 require-acceptance-criteria',
        '23 require-outcome',
        '23 require-acceptance-criteria',
        '34 require-acceptance-criteria',
        '39 require-outcome',
        '39 require-acceptance-criteria',
      ],
      used: [
        '1 require-outcome',
        '6 *',
        '11 ',
        '16 ',
        '18 require-acceptance-criteria',
        '22 require-outcome,require-acceptance-criteria',
        '31 ',
        '32 require-acceptance-criteria',
        '33 ',
        '38 ',
        '43 ',
        '44 *',
      ],
    });
  });
});

describe('--report-unused-disable-directives (CLI)', () => {
  beforeAll(ensureBuilt, 120_000);

  it('reports unused directives as findings; the severity comes from the flag', () => {
    const dir = tempDir('project');
    const path = join(dir, 'backlog', 'good.md');
    writeFileSync(path, `<!-- storylint-disable ${RULE} -->\n${readFileSync(path, 'utf8')}`);
    expect(storylint(['backlog/good.md'], { cwd: dir }).code).toBe(0);
    const warned = storylint(['--report-unused-disable-directives', '-f', 'compact', 'backlog/good.md'], { cwd: dir });
    expect(warned).toMatchObject({ code: 0, stdout: expect.stringMatching(/^backlog\/good\.md:1:1: warning unused-disable-directive Unused storylint-disable: /) });
    const failed = storylint(['--report-unused-disable-directives=error', '-f', 'compact', 'backlog/good.md'], { cwd: dir });
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('error unused-disable-directive');
  });
});
