import { chmodSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { rules } from '../rules';
import { storylint, tempDir, ensureBuilt } from './cli-harness';

beforeAll(ensureBuilt, 120_000);

const BAD_RULE = 'require-acceptance-criteria';

interface JsonResult {
  filePath: string;
  messages: { ruleId: string; severity: string; message: string; line: number; column: number; endLine: number; endColumn: number }[];
}
const parseJson = (stdout: string) => JSON.parse(stdout) as JsonResult[];

describe('linting paths', () => {
  const dir = tempDir('project');

  it('reports findings grouped by file (stylish) and exits 1 on errors', () => {
    const run = storylint(['backlog'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('backlog/bad.md\n');
    expect(run.stdout).toMatch(/^ {2}1:3 {2}error {2}No acceptance criteria: .* {2}require-acceptance-criteria$/m);
    expect(run.stdout).toMatch(/✖ 1 problem \(1 error, 0 warnings, 0 infos\)\n$/);
    expect(run.stdout).not.toContain('good.md');
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('prints nothing and exits 0 for a clean file', () => {
    const run = storylint(['backlog/good.md'], { cwd: dir });
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('compact: path:line:col: severity rule message', () => {
    const run = storylint(['--format', 'compact', 'backlog'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^backlog\/bad\.md:1:3: error require-acceptance-criteria No acceptance criteria: .*\n$/);
  });

  it('json: exactly one array, one entry per file linted, absolute paths, 1-based positions', () => {
    const run = storylint(['-f', 'json', 'backlog'], { cwd: dir });
    expect(run.code).toBe(1);
    const results = parseJson(run.stdout);
    expect(results.map((result) => result.filePath)).toEqual([join(dir, 'backlog', 'bad.md'), join(dir, 'backlog', 'good.md')]);
    expect(results[1]!.messages).toEqual([]);
    expect(results[0]!.messages).toEqual([
      { ruleId: BAD_RULE, severity: 'error', message: expect.stringContaining('No acceptance criteria'), line: 1, column: 3, endLine: 1, endColumn: 23 },
    ]);
  });

  it('lints the current directory when given no paths, skipping node_modules, .git and .gitignore entries', () => {
    const root = tempDir('project');
    mkdirSync(join(root, 'node_modules', 'pkg'), { recursive: true });
    mkdirSync(join(root, '.git'));
    mkdirSync(join(root, 'generated'));
    mkdirSync(join(root, 'docs'));
    const bad = readFileSync(join(root, 'backlog', 'bad.md'), 'utf8');
    for (const path of ['node_modules/pkg/README.md', '.git/notes.md', 'generated/bad.md', 'docs/bad.markdown', 'docs/skip.md']) writeFileSync(join(root, path), bad);
    writeFileSync(join(root, '.gitignore'), 'generated/\n');
    writeFileSync(join(root, 'docs', '.gitignore'), 'skip.md\n');
    const run = storylint(['-f', 'json'], { cwd: root });
    expect(parseJson(run.stdout).map((result) => result.filePath.slice(root.length + 1))).toEqual(['backlog/bad.md', 'backlog/good.md', 'docs/bad.markdown']);
  });

  it('expands globs itself (quoted globs work without a shell)', () => {
    const run = storylint(['-f', 'json', 'backlog/b*.md'], { cwd: dir });
    expect(parseJson(run.stdout).map((result) => result.filePath)).toEqual([join(dir, 'backlog', 'bad.md')]);
  });

  it('lints all files as one backlog: --ignore-path skips files by gitignore patterns', () => {
    writeFileSync(join(dir, '.lintignore'), 'backlog/bad.md\n');
    const run = storylint(['-f', 'json', '--ignore-path', '.lintignore', 'backlog'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(parseJson(run.stdout).map((result) => result.filePath)).toEqual([join(dir, 'backlog', 'good.md')]);
  });
});

describe('exit codes and severity flags', () => {
  const dir = tempDir('project');
  const warningOnly = ['--rule', `${BAD_RULE}:warning`, 'backlog'];

  it('exits 0 with only warnings, and 1 once they exceed --max-warnings', () => {
    expect(storylint(warningOnly, { cwd: dir }).code).toBe(0);
    expect(storylint([...warningOnly, '--max-warnings', '1'], { cwd: dir }).code).toBe(0);
    const tooMany = storylint([...warningOnly, '--max-warnings', '0'], { cwd: dir });
    expect(tooMany.code).toBe(1);
    expect(tooMany.stderr).toBe('storylint: too many warnings (1); the maximum is 0\n');
  });

  it('--quiet reports errors only, in the output and the exit code', () => {
    const quiet = storylint([...warningOnly, '--quiet', '--max-warnings', '0', '-f', 'json'], { cwd: dir });
    expect(quiet.code).toBe(0);
    expect(parseJson(quiet.stdout).flatMap((result) => result.messages)).toEqual([]);
    const errors = storylint(['--quiet', '-f', 'json', 'backlog'], { cwd: dir });
    expect(errors.code).toBe(1);
    expect(parseJson(errors.stdout).flatMap((result) => result.messages.map((m) => m.ruleId))).toEqual([BAD_RULE]);
  });

  it('--rule turns a rule off; an unknown rule or severity is a usage error (exit 2)', () => {
    expect(storylint(['--rule', `${BAD_RULE}:off`, 'backlog'], { cwd: dir })).toMatchObject({ code: 0, stdout: '' });
    const unknown = storylint(['--rule', 'no-such-rule:error', 'backlog'], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown rule "no-such-rule"');
    expect(unknown.stdout).toBe('');
    const badSeverity = storylint(['--rule', `${BAD_RULE}:loud`], { cwd: dir });
    expect(badSeverity.code).toBe(2);
    expect(badSeverity.stderr).toContain('severity must be one of "off", "info", "warning", "error"');
  });

  it('--rule takes options as JSON', () => {
    const run = storylint(['--rule', `${BAD_RULE}:["error", {"minimum": 3}]`, '-f', 'compact', 'backlog/good.md'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('at least 3');
  });

  it('an unknown flag is a clear usage error', () => {
    const run = storylint(['--max-warning', '3'], { cwd: dir });
    expect(run).toEqual({ code: 2, stdout: '', stderr: "storylint: unknown option '--max-warning' (did you mean --max-warnings?); run storylint --help for the list\n" });
    expect(storylint(['--max-warnings', 'many'], { cwd: dir }).stderr).toContain('--max-warnings expects a whole number');
    expect(storylint(['--format', 'xml'], { cwd: dir }).stderr).toContain("unknown format 'xml'; formats are stylish, compact, json");
    expect(storylint(['--config', 'a.json', '--no-config'], { cwd: dir })).toMatchObject({ code: 2, stderr: 'storylint: use either --config or --no-config, not both\n' });
    expect(storylint(['--fix', '--fix-dry-run'], { cwd: dir }).code).toBe(2);
  });

  it('--help and --version', () => {
    const help = storylint(['--help'], { cwd: dir });
    expect(help.code).toBe(0);
    for (const flag of ['--format', '--max-warnings', '--quiet', '--rule', '--config', '--no-config', '--ignore-path', '--no-color', '--output-file', '--stdin', '--stdin-filename', '--cache', '--cache-location', '--fix', '--fix-dry-run', '--print-config', '--init', '--report-unused-disable-directives']) {
      expect(help.stdout).toContain(flag);
    }
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string };
    expect(storylint(['--version'], { cwd: dir })).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });
});

describe('bad input never prints a stack trace', () => {
  const dir = tempDir('project');
  const noStack = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at /);

  it('a missing path: message, exit 2, other files still linted', () => {
    const run = storylint(['-f', 'json', 'missing.md', 'backlog/bad.md'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("storylint: cannot read 'missing.md': no such file or directory\n");
    expect(parseJson(run.stdout).map((result) => result.filePath)).toEqual([join(dir, 'backlog', 'bad.md')]);
  });

  it('an unreadable file: a dangling symlink (and chmod 000 when not running as root)', () => {
    const root = tempDir('project');
    symlinkSync(join(root, 'gone.md'), join(root, 'backlog', 'broken.md'));
    const run = storylint(['-f', 'json', 'backlog'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("storylint: cannot read 'backlog/broken.md': no such file or directory\n");
    expect(parseJson(run.stdout)).toHaveLength(2);
    // As root, chmod 000 still reads; the symlink above covers the same code path there.
    if (process.getuid?.() !== 0) {
      const locked = join(root, 'locked.md');
      writeFileSync(locked, '# Story\n');
      chmodSync(locked, 0o000);
      const denied = storylint(['locked.md'], { cwd: root });
      expect(denied.code).toBe(2);
      expect(denied.stderr).toBe("storylint: cannot read 'locked.md': permission denied\n");
    }
  });

  it('a directory without Markdown: exit 2 naming it, unless --no-error-on-unmatched-pattern', () => {
    const run = storylint(['empty-folder'], { cwd: dir });
    expect(run).toEqual({ code: 2, stdout: '', stderr: "storylint: no Markdown files found in 'empty-folder'; check the pattern, or pass --no-error-on-unmatched-pattern to allow it\n" });
    expect(storylint(['--no-error-on-unmatched-pattern', 'empty-folder'], { cwd: dir })).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('a binary file named .md is skipped with a warning naming it', () => {
    const root = tempDir('project');
    writeFileSync(join(root, 'backlog', 'image.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a]));
    const run = storylint(['-f', 'json', 'backlog'], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("storylint: skipping 'backlog/image.md': it is a binary file, not Markdown\n");
    expect(parseJson(run.stdout).map((result) => result.filePath.slice(root.length + 1))).toEqual(['backlog/bad.md', 'backlog/good.md']);
  });

  it('malformed JSON, JSONC and YAML configs name the file and line:column; exit 2', () => {
    const cases: [string, string, string][] = [
      ['.storylintrc.json', '{\n  "rules": {\n    "require-acceptance-criteria": "error"\n    "x": 1\n  }\n}\n', '.storylintrc.json:4:5: invalid JSON: expected a comma'],
      ['.storylintrc.jsonc', '// comment\n{ "rules": { , } }\n', '.storylintrc.jsonc:2:14: invalid JSON: expected a value'],
      ['.storylintrc.yaml', 'rules:\n  require-acceptance-criteria: error\n  require-acceptance-criteria: off\n', '.storylintrc.yaml:3:3: invalid YAML: Map keys must be unique'],
    ];
    for (const [name, text, expected] of cases) {
      const root = tempDir('project');
      writeFileSync(join(root, name), text);
      const run = storylint(['backlog'], { cwd: root });
      expect(run.code, name).toBe(2);
      expect(run.stderr).toContain(`storylint: ${join(root, expected)}`);
      expect(run.stdout).toBe('');
      noStack(run.stderr);
    }
  });

  it('a report that cannot be written prints one line, no stack', () => {
    // A directory where the output file should go makes the final rename fail.
    const root = tempDir('project');
    mkdirSync(join(root, 'out.txt'));
    const run = storylint(['--output-file', 'out.txt', 'backlog'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^storylint: cannot write 'out.txt': /);
    noStack(run.stderr);
  });
});

describe('output options', () => {
  const dir = tempDir('project');

  it('colours only for a terminal or FORCE_COLOR; --no-color wins', () => {
    expect(storylint(['backlog'], { cwd: dir }).stdout).not.toContain('\u001b[');
    expect(storylint(['backlog'], { cwd: dir, env: { FORCE_COLOR: '1' } }).stdout).toContain('\u001b[31merror\u001b[39m');
    expect(storylint(['--no-color', 'backlog'], { cwd: dir, env: { FORCE_COLOR: '1' } }).stdout).not.toContain('\u001b[');
    expect(storylint(['backlog'], { cwd: dir, env: { FORCE_COLOR: '0' } }).stdout).not.toContain('\u001b[');
  });

  it('--output-file writes the report to a file and nothing to stdout', () => {
    const run = storylint(['-f', 'json', '--output-file', 'report/out.json', 'backlog'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("cannot write 'report/out.json': no such file or directory");
    const ok = storylint(['-f', 'json', '-o', 'out.json', 'backlog'], { cwd: dir });
    expect(ok).toMatchObject({ code: 1, stdout: '' });
    expect(parseJson(readFileSync(join(dir, 'out.json'), 'utf8'))).toHaveLength(2);
  });

  it('--stdin lints piped text as --stdin-filename, with that path config', () => {
    const text = readFileSync(join(dir, 'backlog', 'bad.md'), 'utf8');
    const run = storylint(['--stdin', '--stdin-filename', 'backlog/piped.md', '-f', 'json'], { cwd: dir, input: `\ufeff${text}` });
    expect(run.code).toBe(1);
    expect(parseJson(run.stdout)).toEqual([{ filePath: join(dir, 'backlog', 'piped.md'), messages: [expect.objectContaining({ ruleId: BAD_RULE, line: 1, column: 3 })] }]);
    writeFileSync(join(dir, 'backlog', '.storylintrc.json'), JSON.stringify({ rules: { [BAD_RULE]: 'off' } }));
    expect(storylint(['--stdin', '--stdin-filename', 'backlog/piped.md'], { cwd: dir, input: text }).code).toBe(0);
    expect(storylint(['--stdin', '--fix'], { cwd: dir, input: text }).code).toBe(2);
  });
});

describe('machine formats', () => {
  const dir = tempDir('project');
  // A file name with characters each format must escape.
  const oddName = 'odd, name&<x>%.md';
  writeFileSync(
    join(dir, 'backlog', oddName),
    [
      '# PAY-3 Search orders by <email>',
      '',
      'As a support agent answering a customer call, I want to find the caller\'s orders by e-mail address',
      'so that I can answer the call without asking for an order number.',
      '',
      '## Problem',
      '',
      'Agents ask callers for order numbers they rarely have: 212 of 500 sampled calls in May (call log review).',
      '',
      '## Outcome',
      '',
      'Average handling time of order calls falls from 7 minutes to 5 minutes by August.',
      '',
    ].join('\n'),
  );

  // GitHub's ingestion rules and the official SARIF schema are checked by the SARIF multitool in tests/formats.test.ts.
  it('sarif: rule descriptors, %SRCROOT%-relative URIs with every reserved character encoded, regions', () => {
    const run = storylint(['-f', 'sarif', 'backlog'], { cwd: dir });
    expect(run.code).toBe(1);
    const log = JSON.parse(run.stdout);
    const driver = log.runs[0].tool.driver;
    expect(driver.rules.map((rule: { id: string }) => rule.id)).toEqual(expect.arrayContaining(rules.map((rule) => rule.name)));
    const ruleDescriptor = driver.rules.find((rule: { id: string }) => rule.id === BAD_RULE);
    expect(ruleDescriptor).toMatchObject({
      id: BAD_RULE,
      shortDescription: { text: rules.find((rule) => rule.name === BAD_RULE)!.description },
      helpUri: `https://github.com/storylint/storylint/blob/main/rules/${BAD_RULE}.md`,
      defaultConfiguration: { level: 'error' },
    });
    const locations = log.runs[0].results.map((result: { locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string } } }[] }) => result.locations[0]!.physicalLocation.artifactLocation);
    expect(locations.map((location: { uri: string }) => location.uri).sort()).toEqual(['backlog/bad.md', 'backlog/odd%2C%20name%26%3Cx%3E%25.md']);
    expect(locations.every((location: { uriBaseId: string }) => location.uriBaseId === '%SRCROOT%')).toBe(true);
    expect(log.runs[0].results[0]).toMatchObject({ ruleId: BAD_RULE, level: 'error', locations: [{ physicalLocation: { region: { startLine: 1, startColumn: 3, endLine: 1, endColumn: 23 } } }] });
    expect(driver.rules[log.runs[0].results[0].ruleIndex].id).toBe(BAD_RULE);
  });

  it('github: workflow commands with escaped properties; info becomes notice', () => {
    const run = storylint(['-f', 'github', '--rule', `${BAD_RULE}:info`, 'backlog'], { cwd: dir });
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^::notice file=backlog\/bad\.md,line=1,col=3,endLine=1,endColumn=23,title=storylint\(require-acceptance-criteria\)::No acceptance criteria: /);
    expect(lines[1]).toContain('file=backlog/odd%2C name&<x>%25.md,line=1');
  });

  it('junit: one testsuite per file, a passing testcase for a clean file, escaped XML', () => {
    const run = storylint(['-f', 'junit', 'backlog'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<testsuites name="storylint" tests="3" failures="2" errors="0">')).toBe(true);
    expect(run.stdout).toContain('<testcase name="backlog/good.md" classname="backlog/good.md"/>');
    expect(run.stdout).toContain('<testsuite name="backlog/odd, name&amp;&lt;x&gt;%.md" tests="1" failures="1"');
    expect(run.stdout).toMatch(/<failure message="No acceptance criteria: add an &quot;Acceptance criteria&quot; section[^"]*" type="error">/);
    // Well-formed: every opened element closes.
    expect(run.stdout.match(/<testsuite /g)).toHaveLength(3);
    expect(run.stdout.match(/<\/testsuite>/g)).toHaveLength(3);
    expect(run.stdout).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
  });
});

describe('--print-config and --init', () => {
  it('--print-config shows the resolved config and the files it came from', () => {
    const dir = tempDir('project');
    writeFileSync(join(dir, '.storylintrc.json'), JSON.stringify({ root: true, rules: { [BAD_RULE]: 'warning' }, personas: ['Sam'] }));
    writeFileSync(join(dir, 'backlog', '.storylintrc.yaml'), `rules:\n  ${BAD_RULE}: [error, {minimum: 2}]\n`);
    const run = storylint(['--print-config', 'backlog/bad.md'], { cwd: dir });
    expect(run.code).toBe(0);
    const printed = JSON.parse(run.stdout);
    expect(printed.sources).toEqual([join(dir, '.storylintrc.json'), join(dir, 'backlog', '.storylintrc.yaml')]);
    expect(printed.config.rules[BAD_RULE]).toEqual(['error', { minimum: 2 }]);
    expect(printed.config.personas).toEqual(['Sam']);
    expect(Object.keys(printed.config.rules)).toEqual(rules.map((rule) => rule.name));
  });

  it('--init writes a commented .storylintrc.jsonc that storylint accepts, and refuses to overwrite it', () => {
    const dir = tempDir('project');
    const first = storylint(['--init'], { cwd: dir });
    expect(first).toEqual({ code: 0, stdout: 'Wrote .storylintrc.jsonc\n', stderr: '' });
    const text = readFileSync(join(dir, '.storylintrc.jsonc'), 'utf8');
    expect(text).toContain('// Severity per rule');
    for (const rule of rules) expect(text).toContain(`"${rule.name}": "${rule.severity}"`);
    expect(storylint(['--print-config', 'backlog/bad.md'], { cwd: dir }).code).toBe(0);
    expect(storylint(['backlog'], { cwd: dir }).code).toBe(1);
    const second = storylint(['--init'], { cwd: dir });
    expect(second).toEqual({ code: 2, stdout: '', stderr: 'storylint: .storylintrc.jsonc already exists; not overwriting it\n' });
    expect(readFileSync(join(dir, '.storylintrc.jsonc'), 'utf8')).toBe(text);
  });
});

describe('--cache', () => {
  it('reuses a file analysis only while its text and config are unchanged', () => {
    const dir = tempDir('project');
    const args = ['--cache', '-f', 'json', 'backlog'];
    const first = storylint(args, { cwd: dir });
    const cachePath = join(dir, '.storylintcache');
    expect(existsSync(cachePath)).toBe(true);
    expect(storylint(args, { cwd: dir }).stdout).toBe(first.stdout);

    // Tamper with the cached finding: a hit must show it (proving the story rules were skipped).
    const cache = readFileSync(cachePath, 'utf8');
    writeFileSync(cachePath, cache.replace('No acceptance criteria', 'CACHED acceptance criteria'));
    expect(storylint(args, { cwd: dir }).stdout).toContain('CACHED acceptance criteria');

    // A config change invalidates the entry.
    writeFileSync(join(dir, '.storylintrc.json'), JSON.stringify({ personas: ['Finance'] }));
    expect(storylint(args, { cwd: dir }).stdout).toBe(first.stdout);

    // A content change too; --cache-location moves the file.
    writeFileSync(cachePath, readFileSync(cachePath, 'utf8').replace('No acceptance criteria', 'CACHED acceptance criteria'));
    writeFileSync(join(dir, 'backlog', 'bad.md'), `${readFileSync(join(dir, 'backlog', 'bad.md'), 'utf8')}\n`);
    expect(storylint(args, { cwd: dir }).stdout).not.toContain('CACHED');
    storylint(['--cache', '--cache-location', 'tmp-cache.json', 'backlog'], { cwd: dir });
    expect(existsSync(join(dir, 'tmp-cache.json'))).toBe(true);

    // A corrupt cache is rebuilt, not fatal.
    writeFileSync(cachePath, '{not json');
    const corrupt = storylint(args, { cwd: dir });
    expect(corrupt.code).toBe(1);
    expect(corrupt.stderr).toContain('is unreadable; rebuilding it');
  });
});
