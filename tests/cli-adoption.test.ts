import { cpSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, storylint, tempDir } from './cli-harness';

beforeAll(ensureBuilt, 120_000);

const FIXTURES = join(__dirname, 'fixtures', 'adoption');
const BASELINE = '.storylint-baseline.json';

/** A temp copy of tests/fixtures/adoption/<name>. */
function project(name: 'project' | 'hook'): string {
  const dir = tempDir();
  cpSync(join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

interface JsonResult {
  filePath: string;
  messages: { ruleId: string; line: number; severity: string }[];
}

/** `relative/path.md ruleId` for every finding of a --format json run. */
const findingsOf = (stdout: string, root: string): string[] =>
  (JSON.parse(stdout) as JsonResult[]).flatMap((result) => result.messages.map((message) => `${result.filePath.slice(root.length + 1)} ${message.ruleId}`));

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as { version: number; files: Record<string, Record<string, Record<string, Record<string, number>>>> };

const MISSING_CRITERIA = `
# PAY-3 Refund to a gift card

As a support agent handling a refund for a gift, I want to refund to a gift card so that the recipient is not told the price.

## Problem

Gift senders complain when the refund reveals the price: 55 tickets in May (Zendesk tag "gift-refund").

## Outcome

Gift-refund complaints fall from 55 to 10 a month by August.
`;

describe('--baseline-file and --write-baseline', () => {
  it('--write-baseline records every finding (paths relative to its folder, keys sorted) and exits 0; the next run reports nothing', () => {
    const dir = project('project');
    expect(storylint(['backlog', 'drafts'], { cwd: dir }).code).toBe(1);
    const written = storylint(['--write-baseline', 'backlog', 'drafts'], { cwd: dir });
    expect(written).toEqual({ code: 0, stdout: '', stderr: `storylint: recorded 9 findings of 5 files in the baseline '${BASELINE}'\n` });
    const text = readFileSync(join(dir, BASELINE), 'utf8');
    const baseline = JSON.parse(text) as ReturnType<typeof readJson>;
    expect(baseline.version).toBe(1);
    expect(Object.keys(baseline.files)).toEqual(['backlog/archive/2023.md', 'backlog/payments.md', 'drafts/ready-bulk-export.md']);
    expect(Object.keys(baseline.files['backlog/archive/2023.md']!['OLD-1']!)).toEqual(['require-acceptance-criteria', 'require-benefit', 'require-outcome', 'require-problem', 'specific-role']);
    expect(Object.values(baseline.files['backlog/payments.md']!['PAY-2']!['require-acceptance-criteria']!)).toEqual([1]);
    // Sorted keys at every level, two-space indent, a final newline: it diffs well.
    expect(text).toBe(`${JSON.stringify(baseline, null, 2)}\n`);
    expect(storylint(['--baseline-file', BASELINE, '--max-warnings', '0', 'backlog', 'drafts'], { cwd: dir })).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('a story moved, or lines added above it, stays suppressed; a new finding of the same rule in another story is reported', () => {
    const dir = project('project');
    storylint(['--write-baseline', 'backlog'], { cwd: dir });
    const payments = join(dir, 'backlog', 'payments.md');
    const [first, second] = readFileSync(payments, 'utf8').split(/(?=^# PAY-2)/m);
    // PAY-2 (recorded without criteria) now comes first, below new lines; PAY-3 is new and has none either.
    writeFileSync(payments, `# Refunds\n\nStories of the refunds team.\n\n${second}\n${first}${MISSING_CRITERIA}`);
    const run = storylint(['--baseline-file', BASELINE, '-f', 'json', 'backlog'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(findingsOf(run.stdout, dir)).toEqual(['backlog/payments.md require-acceptance-criteria']);
    const [message] = (JSON.parse(run.stdout) as JsonResult[]).find((result) => result.filePath === payments)!.messages;
    expect(readFileSync(payments, 'utf8').split('\n')[message!.line - 1]).toBe('# PAY-3 Refund to a gift card');
    expect(run.stderr).toBe('');
  });

  it('counts per story, rule and message: a second identical finding in the same story is new', () => {
    const dir = project('project');
    storylint(['--write-baseline', 'backlog/archive'], { cwd: dir });
    // The same story twice (same id, same problems): the copy's findings are over the recorded count.
    const archive = join(dir, 'backlog', 'archive', '2023.md');
    writeFileSync(archive, `${readFileSync(archive, 'utf8')}\n# OLD-1 Print invoices\n\nAs a user, I want to print invoices.\n`);
    const run = storylint(['--baseline-file', BASELINE, '-f', 'json', 'backlog/archive'], { cwd: dir });
    expect(findingsOf(run.stdout, dir).sort()).toEqual(
      ['require-acceptance-criteria', 'require-benefit', 'require-outcome', 'require-problem', 'specific-role', 'unique-id', 'unique-id', 'unique-story', 'unique-story'].map(
        (rule) => `backlog/archive/2023.md ${rule}`,
      ),
    );
  });

  it('recorded findings that no longer occur get a one-line note on how to prune them; --write-baseline prunes', () => {
    const dir = project('project');
    storylint(['--write-baseline', 'backlog'], { cwd: dir });
    const payments = join(dir, 'backlog', 'payments.md');
    writeFileSync(payments, `${readFileSync(payments, 'utf8')}\n## Acceptance criteria\n\n- [ ] Given a month with refunds, when I export it, then I get one CSV row per refund.\n`);
    const run = storylint(['--baseline-file', BASELINE, 'backlog'], { cwd: dir });
    expect(run).toEqual({ code: 0, stdout: '', stderr: `storylint: 1 finding recorded in the baseline '${BASELINE}' no longer occurs; run with --write-baseline to prune it\n` });
    // A recorded file that was deleted counts too.
    renameSync(join(dir, 'backlog', 'archive', '2023.md'), join(dir, 'old.txt'));
    expect(storylint(['--baseline-file', BASELINE, 'backlog'], { cwd: dir }).stderr).toContain("6 findings recorded in the baseline '.storylint-baseline.json' no longer occur; run with --write-baseline");
    storylint(['--write-baseline', 'backlog'], { cwd: dir });
    expect(readJson(join(dir, BASELINE)).files).toEqual({});
    expect(storylint(['--baseline-file', BASELINE, 'backlog'], { cwd: dir })).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('--write-baseline on part of the backlog keeps the entries of the other files; --baseline-file in a subfolder keys paths from there', () => {
    const dir = project('project');
    mkdirSync(join(dir, 'ci'));
    storylint(['--write-baseline', '--baseline-file', 'ci/baseline.json', 'backlog', 'drafts'], { cwd: dir });
    expect(Object.keys(readJson(join(dir, 'ci', 'baseline.json')).files)).toEqual(['../backlog/archive/2023.md', '../backlog/payments.md', '../drafts/ready-bulk-export.md']);
    storylint(['--write-baseline', '--baseline-file', 'ci/baseline.json', 'drafts'], { cwd: dir });
    expect(Object.keys(readJson(join(dir, 'ci', 'baseline.json')).files)).toEqual(['../backlog/archive/2023.md', '../backlog/payments.md', '../drafts/ready-bulk-export.md']);
    // From another folder the same baseline still matches (its paths are relative to itself).
    expect(storylint(['--baseline-file', '../ci/baseline.json', '.', '../drafts'], { cwd: join(dir, 'backlog') })).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('--fix still fixes recorded findings (the baseline filters the report, not the fixes)', () => {
    const dir = project('project');
    storylint(['--write-baseline', 'backlog/archive'], { cwd: dir });
    const before = readFileSync(join(dir, 'backlog', 'archive', '2023.md'), 'utf8');
    const run = storylint(['--fix', '--baseline-file', BASELINE, 'backlog/archive'], { cwd: dir });
    const after = readFileSync(join(dir, 'backlog', 'archive', '2023.md'), 'utf8');
    expect(after).not.toBe(before);
    expect(after).toContain('## Acceptance criteria');
    expect(run.stderr).toMatch(/findings? recorded in the baseline '\.storylint-baseline\.json' no longer occurs?; run with --write-baseline/);
  });

  it.each([
    ['{"version": 1, "files": {', /^storylint: .*broken\.json:1:\d+: invalid JSON: .*; fix it, or write a new one with --write-baseline\n$/],
    ['{"version": 2, "files": {}}', /^storylint: .*broken\.json:1:\d+: not a storylint baseline: "version": expected version 1, got 2; fix it, or write a new one with --write-baseline\n$/],
    ['{"version": 1, "files": {"a.md": {"S-1": {"story-size": {"Too big": 0}}}}}', /"files\.a\.md\.S-1\.story-size\.Too big": expected a count \(a whole number of at least 1\), got 0; fix it/],
    ['[]', /not a storylint baseline: expected an object; fix it/],
  ])('a malformed baseline is refused with the file, the place and what to do (exit 2): %s', (text, message) => {
    const dir = project('project');
    writeFileSync(join(dir, 'broken.json'), text);
    const run = storylint(['--baseline-file', 'broken.json', 'backlog'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });

  it('a missing baseline says how to create one (exit 2)', () => {
    const dir = project('project');
    const run = storylint(['--baseline-file', 'none.json', 'backlog'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/none\.json: cannot read the baseline: no such file or directory; create it with --write-baseline\n$/);
    // It is read before any file is: the run stops at it (no note about the files or patterns).
    const early = storylint(['--baseline-file', 'none.json', 'backlog', 'nothing/**/*.md'], { cwd: dir });
    expect(early.code).toBe(2);
    expect(early.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });
});

describe('overrides in the config, from the command line', () => {
  it('drafts/** turns the section rules off except for excludedFiles; --print-config names the override', () => {
    const dir = project('project');
    const run = storylint(['-f', 'json', 'drafts'], { cwd: dir });
    expect(findingsOf(run.stdout, dir)).toEqual(['drafts/ready-bulk-export.md require-problem', 'drafts/ready-bulk-export.md require-outcome', 'drafts/ready-bulk-export.md require-acceptance-criteria']);
    const printed = JSON.parse(storylint(['--print-config', 'drafts/ideas.md'], { cwd: dir }).stdout);
    expect(printed.overrides).toEqual([`${join(dir, '.storylintrc.json')}#overrides[0]`]);
    expect(printed.config.rules['require-acceptance-criteria'][0]).toBe('off');
    expect(JSON.parse(storylint(['--print-config', 'drafts/ready-bulk-export.md'], { cwd: dir }).stdout).overrides).toEqual([]);
  });

  it('a file under an override still shares its backlog: a duplicate id across it is reported in both files', () => {
    const dir = project('project');
    writeFileSync(join(dir, 'drafts', 'ideas.md'), readFileSync(join(dir, 'drafts', 'ideas.md'), 'utf8').replace('IDEA-1', 'PAY-1'));
    const run = storylint(['-f', 'json', 'backlog/payments.md', 'drafts/ideas.md'], { cwd: dir });
    expect(findingsOf(run.stdout, dir)).toEqual(['backlog/payments.md unique-id', 'backlog/payments.md require-acceptance-criteria', 'drafts/ideas.md unique-id']);
  });

  it('an invalid override is a config error naming the file, line and key (exit 2)', () => {
    const dir = project('project');
    writeFileSync(join(dir, '.storylintrc.json'), '{\n  "overrides": [\n    { "files": ["drafts/**"], "ignores": ["x"] }\n  ]\n}\n');
    const run = storylint(['backlog'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`storylint: ${join(dir, '.storylintrc.json')}:3:31: "overrides.0.ignores": not allowed in an override: put the globs in the top-level "ignores", or in this override's "excludedFiles" to keep its settings off those files\n`);
  });
});

describe('patterns: negation and unmatched patterns', () => {
  const dir = project('project');
  const files = (args: string[]) => {
    const run = storylint(['-f', 'json', ...args], { cwd: dir });
    return (JSON.parse(run.stdout) as JsonResult[]).map((result) => result.filePath.slice(dir.length + 1));
  };

  it("'!' patterns exclude what they match from the other patterns: a glob, a folder, a named file", () => {
    expect(files(['backlog/**/*.md'])).toEqual(['backlog/archive/2023.md', 'backlog/onboarding.md', 'backlog/payments.md']);
    expect(files(['backlog/**/*.md', '!backlog/archive/**'])).toEqual(['backlog/onboarding.md', 'backlog/payments.md']);
    expect(files(['backlog', '!backlog/archive'])).toEqual(['backlog/onboarding.md', 'backlog/payments.md']);
    expect(files(['backlog/payments.md', 'backlog/onboarding.md', '!**/payments.md'])).toEqual(['backlog/onboarding.md']);
    // Only negations: they apply to the default, the current folder.
    expect(files(['!backlog/**', '!drafts/**'])).toEqual([]);
  });

  it('a glob or folder matching nothing exits 2 naming it; --no-error-on-unmatched-pattern skips it silently', () => {
    writeFileSync(join(dir, 'notes.txt'), 'not Markdown\n');
    mkdirSync(join(dir, 'empty'));
    for (const [pattern, message] of [
      ['stories/**/*.md', "no files match the pattern 'stories/**/*.md'"],
      ['backlog/*.markdown', "no files match the pattern 'backlog/*.markdown'"],
      ['empty', "no Markdown files found in 'empty'"],
    ] as const) {
      const run = storylint(['-f', 'json', pattern, 'drafts/ideas.md'], { cwd: dir });
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`storylint: ${message}; check the pattern, or pass --no-error-on-unmatched-pattern to allow it\n`);
      // The other patterns are still linted and reported.
      expect((JSON.parse(run.stdout) as JsonResult[]).map((result) => result.filePath.slice(dir.length + 1))).toEqual(['drafts/ideas.md']);
      expect(storylint(['--no-error-on-unmatched-pattern', pattern, 'drafts/ideas.md'], { cwd: dir })).toEqual({ code: 0, stdout: '', stderr: '' });
    }
    // Every match negated is no match either.
    expect(storylint(['backlog/archive/**', '!**/2023.md'], { cwd: dir }).code).toBe(2);
    // `!.` excludes the whole folder: nothing matches (a usage answer, not a crash).
    const everything = storylint(['backlog', '!.'], { cwd: dir });
    expect([everything.code, everything.stderr]).toEqual([2, "storylint: no Markdown files found in 'backlog'; check the pattern, or pass --no-error-on-unmatched-pattern to allow it\n"]);
  });

  it('a file whose name has glob characters is that file; after -- a name starting with ! or - is a file too (what hooks pass)', () => {
    const story = readFileSync(join(dir, 'drafts', 'ideas.md'), 'utf8');
    for (const name of ['notes (draft).md', 'sprint [2].md', '!odd.md', '-dash.md']) writeFileSync(join(dir, name), story);
    expect(files(['notes (draft).md', 'sprint [2].md'])).toEqual(['notes (draft).md', 'sprint [2].md']);
    expect(files(['--', '!odd.md', '-dash.md'])).toEqual(['!odd.md', '-dash.md']);
  });
});

describe('--backlog: lint some files against the whole backlog', () => {
  it('a staged story whose id duplicates a committed one: reported in the staged file only, exit 1; without --backlog, exit 0', () => {
    const dir = project('hook');
    mkdirSync(join(dir, 'staging'));
    renameSync(join(dir, 'staged.md'), join(dir, 'staging', 'staged.md'));
    expect(storylint(['staging/staged.md'], { cwd: dir })).toEqual({ code: 0, stdout: '', stderr: '' });
    const run = storylint(['--backlog', '.', '-f', 'json', 'staging/staged.md'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(findingsOf(run.stdout, dir)).toEqual(['staging/staged.md unique-id']);
    expect(run.stdout).toContain('Id SHOP-7 is also used at committed.md:1 (SHOP-7 Save a cart for later)');
  });

  it("a backlog file's own problems are not reported, nor fixed; a file both named and in the backlog counts once", () => {
    const dir = project('hook');
    const committed = join(dir, 'committed.md');
    const broken = `${readFileSync(committed, 'utf8')}\n# SHOP-9 Wishlist\n\nAs a user, I want a wishlist.\n`;
    writeFileSync(committed, broken);
    const run = storylint(['--backlog', '.', '-f', 'json', '--fix', 'staged.md'], { cwd: dir });
    expect(findingsOf(run.stdout, dir)).toEqual(['staged.md unique-id']);
    expect(readFileSync(committed, 'utf8')).toBe(broken);
    // committed.md named and in the backlog: linted once, so it is not a duplicate of itself.
    const both = storylint(['--backlog', '.', '-f', 'json', 'committed.md'], { cwd: dir });
    expect(findingsOf(both.stdout, dir).filter((finding) => finding.endsWith('unique-id'))).toEqual(['committed.md unique-id']);
    expect(both.stdout).toContain('also used at staged.md:1');
  });

  it('the backlog walk honours the config ignores, .gitignore and --ignore-path; globs and several --backlog work', () => {
    const dir = project('hook');
    mkdirSync(join(dir, 'old'));
    renameSync(join(dir, 'committed.md'), join(dir, 'old', 'committed.md'));
    const duplicate = (args: string[]) => storylint(['-f', 'json', ...args, 'staged.md'], { cwd: dir }).code;
    expect(duplicate(['--backlog', '.'])).toBe(1);
    expect(duplicate(['--backlog', 'old/*.md'])).toBe(1);
    expect(duplicate(['--backlog', 'nothing/**', '--backlog', 'old'])).toBe(1);
    // A backlog path that cannot be read is a note: the named files are still judged (exit 1, not 2).
    const missing = storylint(['--backlog', 'missing', '--backlog', 'old', 'staged.md'], { cwd: dir });
    expect([missing.code, missing.stderr]).toEqual([1, "storylint: cannot read 'missing': no such file or directory\n"]);
    writeFileSync(join(dir, 'ignored-paths'), 'old/\n');
    expect(duplicate(['--backlog', '.', '--ignore-path', 'ignored-paths'])).toBe(0);
    writeFileSync(join(dir, '.gitignore'), 'old/\n');
    expect(duplicate(['--backlog', '.'])).toBe(0);
    writeFileSync(join(dir, '.gitignore'), '');
    writeFileSync(join(dir, '.storylintrc.json'), '{ "ignores": ["old/**"] }\n');
    expect(duplicate(['--backlog', '.'])).toBe(0);
  });

  it('works with --stdin: the piped text replaces the file of that name in the backlog', () => {
    const dir = project('hook');
    const staged = readFileSync(join(dir, 'staged.md'), 'utf8');
    const run = storylint(['--stdin', '--stdin-filename', 'staged.md', '--backlog', '.', '-f', 'json'], { cwd: dir, input: staged });
    expect(run.code).toBe(1);
    expect(findingsOf(run.stdout, dir)).toEqual(['staged.md unique-id']);
    const renumbered = storylint(['--stdin', '--stdin-filename', 'staged.md', '--backlog', '.'], { cwd: dir, input: staged.replace('SHOP-7', 'SHOP-8') });
    expect(renumbered).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});
