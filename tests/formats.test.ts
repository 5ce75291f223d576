// The CI formats as the tools that read them see them: the SARIF multitool's GitHub rules, GitLab's
// Code Quality fields, a real ESLint formatter, JUnit counts. Each runs the CLI as a process.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ESLint } from 'eslint';
import pretty from 'eslint-formatter-pretty';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyFixes } from '../core/engine/fixes';
import type { Finding } from '../core/engine/lint';
import eslintFormatter, { type EslintLintResult } from '../report/formatters/eslint';
import sarifFormatter from '../report/formatters/sarif';
import { rules } from '../rules';
import { whyOf } from '../scripts/rule-docs-plugin.mjs';
import { ensureBuilt, REPO, storylint, tempDir } from './cli-harness';

beforeAll(ensureBuilt, 120_000);

const FIXTURES = join(__dirname, 'fixtures', 'formats');
/** A file name with a space, `#` and a non-ASCII letter, each of which a URI must encode. */
const ODD_NAME = 'sprint #2 café.md';
/** The backlog folder and one file outside the folder the CLI runs in. */
const ARGS = ['backlog', '../outside/shared.md'];

/** A copy of the fixtures: the CLI runs in `repo`, `outside/shared.md` is beside it. */
function project(): { root: string; cwd: string } {
  const root = tempDir();
  cpSync(FIXTURES, root, { recursive: true });
  return { root, cwd: join(root, 'repo') };
}

function lint(format: string, cwd: string, extra: string[] = []): string {
  const run = storylint([...ARGS, '--format', format, ...extra], { cwd });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(1);
  return run.stdout;
}

const stripAnsi = (text: string) => text.replace(/\u001b\[[0-9;]*m|\u001b\]8;;[^\u0007]*\u0007/g, '');

/** The parts of a SARIF result these tests read. */
interface SarifResult {
  ruleId: string;
  partialFingerprints: Record<string, string>;
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number } } }[];
}
interface SarifRun {
  results: SarifResult[];
  originalUriBaseIds: Record<string, { uri: string }>;
  invocations: unknown;
  tool: { driver: { rules: unknown[] } };
}
const sarifRun = (text: string) => JSON.parse(text).runs[0] as SarifRun;
const artifactOf = (result: SarifResult) => result.locations[0]!.physicalLocation.artifactLocation;
const FINGERPRINT = 'storylintFindingHash/v1';
/** A finding made by hand, for the formatters called directly. */
const finding = (fields: Partial<Finding> = {}): Finding => ({
  ruleId: 'some-rule',
  messageId: 'm',
  severity: 'info',
  message: 'm',
  span: [0, 1],
  line: 1,
  column: 1,
  endLine: 1,
  endColumn: 2,
  ...fields,
});

describe('sarif', () => {
  const MULTITOOL = join(REPO, 'node_modules', '@microsoft', 'sarif-multitool-linux', 'Sarif.Multitool');
  // The multitool's npm package ships a binary for linux-x64 only; there it must be installed (a devDependency), so a missing one fails.
  const onLinuxX64 = process.platform === 'linux' && process.arch === 'x64';

  interface ValidatorResult {
    ruleId: string;
    level?: string;
    message: { arguments?: string[] };
  }
  /** The multitool's findings on `file` with the SARIF and GitHub rules, notes included; read from its output log, not its exit code. */
  function validate(file: string): ValidatorResult[] {
    const out = `${file}.validation.sarif`;
    rmSync(out, { force: true });
    try {
      execFileSync(MULTITOOL, ['validate', '--rule-kind', 'Sarif;Gh', '--level', 'Error;Warning;Note', file, '-o', out], { encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      const { status, stdout, stderr } = error as { status: number; stdout: string; stderr: string };
      throw new Error(`the SARIF multitool exited with ${status}:\n${stdout}\n${stderr}`);
    }
    return JSON.parse(readFileSync(out, 'utf8')).runs[0].results;
  }
  /** Errors and warnings (a result without a level is a warning). */
  const problems = (results: ValidatorResult[]) =>
    results
      .map((result) => ({ ...result, level: result.level ?? 'warning' }))
      .filter((result) => result.level !== 'note')
      .map((result) => `${result.level} ${result.ruleId}: ${result.message.arguments?.join(' | ')}`);

  const MULTITOOL_TEST = 'the SARIF multitool (Sarif;Gh rules) finds no error or warning in a real run, an odd file name and a file outside the cwd included';
  it.skipIf(!onLinuxX64)(`${MULTITOOL_TEST} (needs linux-x64)`, () => {
    const { root, cwd } = project();
    // Findings of the engine itself (directives), which have no rule page, are described too.
    writeFileSync(
      join(cwd, 'backlog', 'directives.md'),
      [
        '# PAY-30 Print a receipt',
        '',
        '<!-- storylint-disable-next-line no-such-rule -->',
        '<!-- storylint-disable-next-line specific-role -->',
        'As a cashier, I want to print a receipt so that the buyer has proof of payment.',
        '',
      ].join('\n'),
    );
    const file = join(root, 'storylint.sarif');
    writeFileSync(file, lint('sarif', cwd, ['--report-unused-disable-directives']));
    const log = JSON.parse(readFileSync(file, 'utf8'));
    const results = validate(file);
    expect(problems(results)).toEqual([]);
    // The validator read the log: it notes each result's plain message text (SARIF2002). A log it cannot read gets no result at all.
    expect(results.filter((result) => result.ruleId === 'SARIF2002')).toHaveLength(log.runs[0].results.length);
    const reported = new Set(log.runs[0].results.map((result: SarifResult) => result.ruleId));
    const expected = ['unique-id', 'require-problem', 'require-outcome', 'require-acceptance-criteria', 'require-benefit', 'problem-oriented'];
    expect(reported).toEqual(new Set([...expected, 'unknown-rule-in-directive', 'unused-disable-directive']));

    // The same log without one rule's help is refused: the check can fail.
    delete log.runs[0].tool.driver.rules[0].help;
    writeFileSync(file, JSON.stringify(log));
    expect(problems(validate(file))).toEqual([expect.stringMatching(/^error GH2012: runs\[0\]\.tool\.driver\.rules\[0\] \| /)]);
  });

  it('URIs are relative to %SRCROOT% (the cwd), encoded, `../` outside it, and resolve to the files linted', () => {
    const { cwd } = project();
    const run = sarifRun(lint('sarif', cwd));
    const base = run.originalUriBaseIds['%SRCROOT%']!.uri;
    expect(base).toBe(`${pathToFileURL(cwd).href}/`);
    const locations = run.results.map(artifactOf);
    const uris = [...new Set(locations.map((location) => location.uri))].sort();
    expect(uris).toEqual(['../outside/shared.md', 'backlog/sprint%20%232%20caf%C3%A9.md', 'backlog/three-levels.md']);
    expect(locations.every((location) => location.uriBaseId === '%SRCROOT%')).toBe(true);
    for (const uri of uris) expect(existsSync(fileURLToPath(new URL(uri, base)))).toBe(true);
    expect(run.invocations).toEqual([{ executionSuccessful: true }]);
  });

  it('Windows paths: relative with forward slashes under %SRCROOT%, another drive as an absolute file:/// URI', () => {
    const text = sarifFormatter(
      [
        { filePath: 'C:\\work\\repo\\backlog\\a #1.md', findings: [finding()] },
        { filePath: 'D:\\shared\\b.md', findings: [finding()] },
      ],
      { cwd: 'C:\\work\\repo', color: false, rules: [], version: '0' },
    );
    const run = sarifRun(text);
    expect(run.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///C:/work/repo/' } });
    expect(run.results.map(artifactOf)).toEqual([{ uri: 'backlog/a%20%231.md', uriBaseId: '%SRCROOT%' }, { uri: 'file:///D:/shared/b.md' }]);
    // A rule id the run does not know still gets a descriptor with the help GitHub requires.
    const help = { text: expect.any(String), markdown: expect.any(String) };
    const descriptor = { id: 'some-rule', name: 'SomeRule', fullDescription: { text: expect.any(String) }, help };
    expect(run.tool.driver.rules).toEqual([expect.objectContaining(descriptor)]);
  });

  it('every rule carries its page: the Why as full description, Why and Fix as text help, the page as Markdown help', () => {
    const { cwd } = project();
    const driver = JSON.parse(lint('sarif', cwd)).runs[0].tool.driver;
    expect(driver.rules.map((rule: { id: string }) => rule.id)).toEqual(rules.map((rule) => rule.name));
    for (const rule of rules) {
      const page = readFileSync(join(REPO, 'rules', `${rule.name}.md`), 'utf8');
      const descriptor = driver.rules.find((entry: { id: string }) => entry.id === rule.name);
      expect(descriptor.fullDescription.text).toBe(whyOf(page));
      expect(descriptor.help.text.startsWith(`${rule.description}\n\n${whyOf(page)}\n\n`)).toBe(true);
      expect(descriptor.help.text).toMatch(/\n\nFix: \S[^\n]*\n\nDocumentation: https:\/\/\S+$/);
      expect(descriptor.help.markdown).toContain(page.slice(page.indexOf('## Why')).trim());
      expect(descriptor.help.markdown).not.toContain('generated header');
      expect(descriptor.helpUri).toBe(`https://github.com/storylint/storylint/blob/main/rules/${rule.name}.md`);
      expect(descriptor.name).toMatch(/^[A-Z][A-Za-z]+$/);
    }
  });

  it('partialFingerprints are unique and survive lines added above the findings', () => {
    const { cwd } = project();
    const prints = (log: string) =>
      sarifRun(log).results.map((result) => ({
        ruleId: result.ruleId,
        fingerprint: result.partialFingerprints[FINGERPRINT]!,
        line: result.locations[0]!.physicalLocation.region.startLine,
      }));
    const before = prints(lint('sarif', cwd));
    expect(new Set(before.map((entry) => entry.fingerprint)).size).toBe(before.length);
    const odd = join(cwd, 'backlog', ODD_NAME);
    writeFileSync(odd, readFileSync(odd, 'utf8').replace('# Sprint 2\n', '# Sprint 2\n\nPlanned on Monday.\n\nReviewed on Friday.\n'));
    const after = prints(lint('sarif', cwd));
    const key = (entry: (typeof before)[number]) => `${entry.ruleId} ${entry.fingerprint}`;
    expect(after.map(key).sort()).toEqual(before.map(key).sort());
    // The lines did move: the fingerprints do not depend on them.
    const line = (entries: typeof before, ruleId: string) => entries.filter((entry) => entry.ruleId === ruleId).map((entry) => entry.line);
    expect(line(before, 'unique-id')).toEqual([5, 27]);
    expect(line(after, 'unique-id')).toEqual([9, 31]);
  });
});

describe('gitlab', () => {
  const SEVERITIES = ['info', 'minor', 'major', 'critical', 'blocker'];
  /** The fields GitLab's Code Quality report requires (docs.gitlab.com, "Code Quality report format"), checked as its schema does. */
  function codeQualityProblems(issue: Record<string, unknown>): string[] {
    const problems: string[] = [];
    for (const field of ['description', 'check_name', 'fingerprint']) {
      if (typeof issue[field] !== 'string' || issue[field] === '') problems.push(`${field} must be a non-empty string`);
    }
    if (!SEVERITIES.includes(issue.severity as string)) problems.push(`severity must be one of ${SEVERITIES.join(', ')}`);
    const location = issue.location as { path?: unknown; lines?: { begin?: unknown; end?: unknown } } | undefined;
    const path = location?.path;
    if (typeof path !== 'string' || path.startsWith('/') || path.includes('\\')) problems.push('location.path must be a relative path with forward slashes');
    if (!Number.isInteger(location?.lines?.begin) || (location!.lines!.begin as number) < 1) problems.push('location.lines.begin must be a positive integer');
    const lines = location?.lines;
    if (lines?.end !== undefined && !((lines.end as number) >= (lines.begin as number))) problems.push('location.lines.end must not precede begin');
    return problems;
  }

  it('Code Quality issues: required fields, severities by level, cwd-relative paths, unique fingerprints shared with SARIF', () => {
    const { cwd } = project();
    const issues = JSON.parse(lint('gitlab', cwd)) as Record<string, unknown>[];
    expect(issues).toHaveLength(12);
    expect(issues.flatMap(codeQualityProblems)).toEqual([]);
    expect(new Set(issues.map((issue) => issue.fingerprint)).size).toBe(12);
    expect(issues.filter((issue) => (issue.location as { path: string }).path === 'backlog/three-levels.md')).toEqual([
      {
        type: 'issue',
        engine_name: 'storylint',
        check_name: 'require-acceptance-criteria',
        description: expect.stringMatching(/^No acceptance criteria: /),
        categories: ['Clarity'],
        fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
        severity: 'major',
        location: { path: 'backlog/three-levels.md', lines: { begin: 1, end: 1 } },
      },
      expect.objectContaining({ check_name: 'require-benefit', severity: 'minor', location: { path: 'backlog/three-levels.md', lines: { begin: 3, end: 3 } } }),
      expect.objectContaining({ check_name: 'problem-oriented', severity: 'info', location: { path: 'backlog/three-levels.md', lines: { begin: 3, end: 3 } } }),
    ]);
    const paths = [...new Set(issues.map((issue) => (issue.location as { path: string }).path))].sort();
    expect(paths).toEqual(['../outside/shared.md', `backlog/${ODD_NAME}`, 'backlog/three-levels.md']);
    const sarifPrints = sarifRun(lint('sarif', cwd)).results.map((result) => result.partialFingerprints[FINGERPRINT]);
    expect(issues.map((issue) => issue.fingerprint).sort()).toEqual(sarifPrints.sort());
  });
});

describe('eslint', () => {
  /** Compile-time: storylint's shape is ESLint's LintResult (@types/eslint, which eslint-formatter-pretty brings). */
  const asEslint = (results: EslintLintResult[]): ESLint.LintResult[] => results;

  it('a real ESLint formatter (eslint-formatter-pretty) reads --format eslint; it printed nothing for --format json', () => {
    const { cwd } = project();
    const results = JSON.parse(lint('eslint', cwd)) as EslintLintResult[];
    const shown = stripAnsi(pretty(asEslint(results)));
    expect(shown).toMatch(/\n {2}6 warnings\n {2}6 errors\n?$/);
    expect(shown).toMatch(/✖ +1:3 +No acceptance criteria: .* require-acceptance-criteria\n/);
    expect(shown).toMatch(/⚠ +3:30 +The capability prescribes a solution \("dropdown"\).* problem-oriented\n/);
    expect(shown).toContain(`backlog/${ODD_NAME}:5:4`);
    // Before: storylint's own json has string severities and no counts, and the formatter shows nothing.
    expect(pretty(JSON.parse(lint('json', cwd)))).toBe('');
  });

  it("ESLint's LintResult: numeric severities (an info is a warning), counts, fix ranges into the source, suppressed messages", () => {
    const { cwd } = project();
    const results = JSON.parse(lint('eslint', cwd)) as EslintLintResult[];
    const file = join(cwd, 'backlog', 'three-levels.md');
    const source = readFileSync(file, 'utf8');
    const result = results.find((entry) => entry.filePath === file)!;
    const benefit = result.messages[1]!;
    expect(result).toEqual({
      filePath: file,
      messages: [
        {
          ...{ ruleId: 'require-acceptance-criteria', severity: 2, message: expect.any(String), messageId: 'missing' },
          ...{ line: 1, column: 3, endLine: 1, endColumn: 31 },
          fix: { range: [source.length, source.length], text: expect.stringContaining('## Acceptance criteria') },
        },
        {
          ...{ ruleId: 'require-benefit', severity: 1, message: expect.any(String), messageId: 'missing', line: 3, column: 1, endLine: 3, endColumn: 65 },
          fix: { range: [95, 95], text: ', so that {benefit}' },
        },
        { ruleId: 'problem-oriented', severity: 1, message: expect.any(String), messageId: 'solution', line: 3, column: 30, endLine: 3, endColumn: 38 },
      ],
      suppressedMessages: [],
      errorCount: 1,
      fatalErrorCount: 0,
      warningCount: 2,
      fixableErrorCount: 1,
      fixableWarningCount: 1,
      source,
      usedDeprecatedRules: [],
    });
    const [start, end] = benefit.fix!.range;
    expect(source.slice(0, start) + benefit.fix!.text + source.slice(end)).toContain('pick the refund reason, so that {benefit}.\n');

    const odd = results.find((entry) => entry.filePath === join(cwd, 'backlog', ODD_NAME))!;
    const suppressions = [{ kind: 'directive', justification: '' }];
    expect(odd.suppressedMessages).toEqual([expect.objectContaining({ ruleId: 'specific-role', severity: 1, line: 25, suppressions })]);
    expect(odd.messages.some((message) => message.ruleId === 'specific-role')).toBe(false);
    expect([odd.errorCount, odd.warningCount, odd.fixableErrorCount, odd.fixableWarningCount]).toEqual([4, 4, 2, 4]);
    const outside = results.find((entry) => entry.filePath.endsWith('shared.md'))!;
    expect(outside.filePath).toBe(join(cwd, '..', 'outside', 'shared.md'));
  });

  it('a fix of several edits becomes one range whose text keeps what lies between them', () => {
    const text = 'As a user, I want to log in.\n';
    const fix = { title: 'two edits', edits: [{ span: [21, 27] as const, text: 'sign in' }, { span: [5, 9] as const, text: 'returning buyer' }] };
    const findings = [finding({ severity: 'warning', span: [5, 9], column: 6, endColumn: 10, fix })];
    const output = eslintFormatter([{ filePath: '/x.md', text, findings }], { cwd: '/', color: false, rules: [], version: '0' });
    const [result] = JSON.parse(output) as EslintLintResult[];
    const merged = result!.messages[0]!.fix!;
    expect(merged).toEqual({ range: [5, 27], text: 'returning buyer, I want to sign in' });
    expect(text.slice(0, merged.range[0]) + merged.text + text.slice(merged.range[1])).toBe(applyFixes(text, [fix]).text);
  });
});

describe('junit', () => {
  it('errors and warnings are failures; an info is a passing testcase with the finding in <system-out>', () => {
    const { cwd } = project();
    const xml = lint('junit', cwd);
    const suite = xml.match(/<testsuite name="backlog\/three-levels\.md"[^>]*>[\s\S]*?<\/testsuite>/)![0];
    expect(suite).toMatch(/^<testsuite name="backlog\/three-levels\.md" tests="3" failures="2" errors="0" skipped="0">/);
    expect(suite.match(/<failure /g)).toHaveLength(2);
    expect(suite).toMatch(/<failure message="No acceptance criteria: [^"]*" type="error">/);
    expect(suite).toMatch(/<failure message="No benefit: [^"]*" type="warning">/);
    const info = 'info problem-oriented at backlog/three-levels.md:3:30: The capability prescribes a solution (&quot;dropdown&quot;)';
    expect(suite).toContain(`<testcase name="3:30 problem-oriented" classname="backlog/three-levels.md">\n      <system-out>${info}`);
    expect(suite).not.toMatch(/type="info"/);
    // 12 findings, one of them an info: 11 failures.
    expect(xml).toMatch(/<testsuites name="storylint" tests="12" failures="11" errors="0">/);
  });
});
