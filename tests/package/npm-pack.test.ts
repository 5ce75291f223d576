// The npm package as a user gets it: the release tree (scripts/release.mjs: the packed files, with a
// package.json without scripts or devDependencies) packed and installed offline into a fresh
// project, then its bins, its library (CommonJS and ESM) and its types, each run as a process.
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createProtocolConnection, InitializeRequest, PublishDiagnosticsNotification, type PublishDiagnosticsParams, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, REPO } from '../cli-harness';

const FIXTURES = join(__dirname, 'fixtures');
const TSC = join(REPO, 'node_modules', '.bin', 'tsc');
const packageVersion: string = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).version;
/** npm as a user runs it, never the registry: the package has no dependencies to fetch. */
const NPM_ENV: NodeJS.ProcessEnv = { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', FORCE_COLOR: '0', NO_COLOR: '1' };

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

const run = (command: string, args: readonly string[], cwd: string): Run => {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: NPM_ENV, timeout: 120_000, killSignal: 'SIGKILL' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};

/** The library is its own bundle (dist/lib) with declarations (dist/types): build when a source is newer. */
function ensureLibraryBuilt(): void {
  ensureBuilt();
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((max, entry) => Math.max(max, entry.isDirectory() ? newest(join(dir, entry.name)) : statSync(join(dir, entry.name)).mtimeMs), 0);
  const built = (path: string) => (existsSync(path) ? statSync(path).mtimeMs : 0);
  const sources = Math.max(newest(join(REPO, 'lib')), statSync(join(REPO, 'package.json')).mtimeMs, statSync(join(REPO, 'scripts', 'build.mjs')).mtimeMs);
  if (Math.min(built(join(REPO, 'dist', 'lib', 'index.js')), built(join(REPO, 'dist', 'types', 'lib', 'index.d.ts'))) >= sources) return;
  execFileSync('flock', ['/tmp/storylint-build.lock', 'node', 'scripts/build.mjs'], { cwd: REPO, stdio: 'inherit' });
}

let temp: string;
let project: string;
let packed: { filename: string; size: number; unpackedSize: number; files: { path: string }[] };

beforeAll(() => {
  ensureLibraryBuilt();
  temp = mkdtempSync(join(tmpdir(), 'storylint-pack-'));
  // The release is what gets published (npm publish of its tarball): made from the build above, under
  // the build's lock, so a build another test file starts never changes dist/ while it is packed.
  const release = join(temp, 'release');
  const made = run('flock', ['/tmp/storylint-build.lock', process.execPath, 'scripts/release.mjs', '--skip-build', '--into', release], REPO);
  expect(made.code, made.stderr).toBe(0);
  const pack = run('npm', ['pack', '--json', '--pack-destination', temp], release);
  expect(pack.code, pack.stderr).toBe(0);
  packed = JSON.parse(pack.stdout)[0];
  project = join(temp, 'project');
  mkdirSync(project);
  expect(run('npm', ['init', '-y'], project).code).toBe(0);
  const install = run('npm', ['install', '--offline', '--no-audit', '--no-fund', join(temp, packed.filename)], project);
  expect(install.code, install.stderr).toBe(0);
  // No script of storylint's runs or asks to be allowed when it is installed.
  expect(install.stderr).not.toMatch(/install scripts|allowScripts|prepare/);
  cpSync(join(FIXTURES, 'backlog'), join(project, 'backlog'), { recursive: true });
}, 300_000);

afterAll(() => {
  if (temp) rmSync(temp, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  it('holds the bundles, declarations, rule pages, schema and hook files, and nothing else (no sources, tests, maps or editor client)', () => {
    const paths = packed.files.map((file) => file.path).sort();
    const topLevel = [...new Set(paths.map((path) => path.split('/')[0]))].sort();
    expect(topLevel).toEqual(['.pre-commit-hooks.yaml', 'LICENSE', 'README.md', 'action.yml', 'dist', 'package.json', 'rules', 'schema'].sort());
    expect(paths.filter((path) => path.startsWith('dist/') && !path.startsWith('dist/types/'))).toEqual(['dist/cli-main.js', 'dist/cli.js', 'dist/lib/index.js', 'dist/lib/index.mjs', 'dist/server.js']);
    expect(paths.filter((path) => path.endsWith('.ts') && !path.endsWith('.d.ts'))).toEqual([]);
    expect(paths).toContain('dist/types/lib/index.d.ts');
    expect(paths.filter((path) => path.startsWith('dist/types/') && !path.endsWith('.d.ts'))).toEqual([]);
    const rulePages = readdirSync(join(REPO, 'rules')).filter((name) => name.endsWith('.md')).map((name) => `rules/${name}`);
    expect(paths.filter((path) => path.startsWith('rules/')).sort()).toEqual(rulePages.sort());
    // The figure, for the report: 1.1 MB packed when this test was written (no source maps ship).
    console.log(`tarball: ${paths.length} files, ${(packed.size / 1e6).toFixed(2)} MB packed, ${(packed.unpackedSize / 1e6).toFixed(2)} MB unpacked`);
    expect(packed.size).toBeLessThan(2_000_000);
  });

  it('installs with no dependency of its own (nothing but storylint in node_modules)', () => {
    expect(readdirSync(join(project, 'node_modules')).filter((name) => !name.startsWith('.'))).toEqual(['storylint']);
    const manifest = JSON.parse(readFileSync(join(project, 'node_modules', 'storylint', 'package.json'), 'utf8'));
    expect([manifest.dependencies, manifest.devDependencies, manifest.scripts]).toEqual([undefined, undefined, undefined]);
    // Tools that read `main` instead of `exports` find the library too (the extension's entry does not ship).
    expect(manifest.main).toBe(manifest.exports['.'].require);
    expect(existsSync(join(project, 'node_modules', 'storylint', manifest.main))).toBe(true);
  });
});

describe('the installed bins', () => {
  it('npx storylint lints a story file: the finding on stdout, exit code 1', () => {
    const result = run('npx', ['--no', '--', 'storylint', 'backlog/checkout.md', '--format', 'compact'], project);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^backlog\/checkout\.md:1:3: error require-acceptance-criteria No acceptance criteria/m);
    expect(result.code).toBe(1);
  });

  it('npx storylint-language-server answers initialize over stdio and publishes the findings of an opened story', async () => {
    // --stdio: until the server defaults to stdio when no transport is named.
    const server = spawn('npx', ['--no', '--', 'storylint-language-server', '--stdio'], { cwd: project, env: NPM_ENV, stdio: ['pipe', 'pipe', 'pipe'] });
    try {
      const diagnostics = await lspSession(server, join(project, 'backlog', 'checkout.md'));
      expect(diagnostics.diagnostics.map((diagnostic) => diagnostic.code)).toContain('require-acceptance-criteria');
    } finally {
      server.kill('SIGKILL');
    }
  }, 60_000);
});

/** initialize (asserting the answer), initialized, didOpen; resolves with the file's diagnostics. */
async function lspSession(server: ChildProcess, file: string): Promise<PublishDiagnosticsParams> {
  const connection = createProtocolConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
  const uri = pathToFileURL(file).href;
  const published = new Promise<PublishDiagnosticsParams>((resolve) =>
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      if (params.uri === uri && params.diagnostics.length > 0) resolve(params);
    }),
  );
  connection.listen();
  const initialize = await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: pathToFileURL(project).href, capabilities: {} });
  expect(initialize.serverInfo?.name).toMatch(/storylint/i);
  expect(initialize.capabilities.textDocumentSync).toBeDefined();
  await connection.sendNotification('initialized', {});
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: readFileSync(file, 'utf8') } });
  try {
    return await published;
  } finally {
    connection.dispose();
  }
}

describe('the installed library', () => {
  it('require("storylint") resolves to the library bundle, loads no editor module, and lintText returns findings', () => {
    const script = `
      const lib = require('storylint');
      const text = require('fs').readFileSync('backlog/checkout.md', 'utf8');
      const result = lib.lintText(text, { filePath: 'backlog/checkout.md' });
      const loaded = Object.keys(require.cache).filter((path) => !path.includes('/node_modules/storylint/dist/lib/'));
      let internal;
      try { require('storylint/core/config/resolve'); } catch (error) { internal = error.code; }
      const version = [lib.VERSION, require('storylint/package.json').version];
      console.log(JSON.stringify({ resolved: require.resolve('storylint'), loaded, internal, version, errors: result.errorCount, rules: result.findings.map((f) => f.ruleId), stories: result.stories }));`;
    const result = run(process.execPath, ['-e', script], project);
    expect(result.stderr).toBe('');
    const out = JSON.parse(result.stdout);
    expect(out.resolved).toBe(join(project, 'node_modules', 'storylint', 'dist', 'lib', 'index.js'));
    expect(out.loaded).toEqual([]);
    // Only the exports map is the API: the engine's modules are not reachable by path.
    expect(out.internal).toBe('ERR_PACKAGE_PATH_NOT_EXPORTED');
    expect(out.version).toEqual([packageVersion, packageVersion]);
    expect(out.errors).toBe(1);
    expect(out.rules).toContain('require-acceptance-criteria');
    expect(out.stories).toEqual([expect.objectContaining({ kind: 'heading', id: 'SHOP-7', title: 'Pay with a saved card', line: 1, score: expect.any(Number) })]);
  });

  it('import { lintFiles, format } from "storylint" (ESM): the backlog rules compare files, formats match the CLI', () => {
    const script = `
      import { lintFiles, format, loadConfig, rules, formatNames } from 'storylint';
      const results = await lintFiles(['backlog'], { onWarning: (message) => console.error(message) });
      const compact = await format(results, 'compact');
      const sarif = await format(results, 'sarif');
      const eslint = await format(results, 'eslint');
      const config = loadConfig('backlog/checkout.md', { config: { rules: { 'unique-id': 'warning' } } });
      console.log(JSON.stringify({ compact, sarif, eslint, config: config.config.rules['unique-id'], ruleCount: rules.length, formats: formatNames }));`;
    const result = run(process.execPath, ['--input-type=module', '-e', script], project);
    expect(result.stderr).toBe('');
    const out = JSON.parse(result.stdout);
    const cli = run('npx', ['--no', '--', 'storylint', 'backlog', '--format', 'compact'], project);
    expect(out.compact).toBe(cli.stdout);
    // SARIF fingerprints and ESLint fix ranges read the text and stories: the library's equal the CLI's.
    for (const name of ['sarif', 'eslint']) expect(out[name], name).toBe(run('npx', ['--no', '--', 'storylint', 'backlog', '--format', name], project).stdout);
    expect(out.compact.match(/ error unique-id /g)).toHaveLength(2);
    expect(out.config).toBe('warning');
    expect(out.ruleCount).toBe(readdirSync(join(REPO, 'rules')).filter((name) => name.endsWith('.md')).length);
    expect(out.formats).toEqual(expect.arrayContaining(['stylish', 'json', 'sarif']));
  });

  it('fix: true gives the fixed text as output, outputFixes writes it (the same bytes as storylint --fix)', () => {
    for (const copy of ['api-fix', 'cli-fix']) cpSync(join(FIXTURES, 'backlog'), join(project, copy), { recursive: true });
    const script = `
      const { lintFiles, outputFixes } = require('storylint');
      lintFiles(['api-fix/checkout.md'], { fix: true }).then(async (results) => {
        const before = require('fs').readFileSync('api-fix/checkout.md', 'utf8');
        await outputFixes(results);
        console.log(JSON.stringify({ before, output: results[0].output, lines: results[0].findings.map((f) => f.line) }));
      });`;
    const result = run(process.execPath, ['-e', script], project);
    expect(result.stderr).toBe('');
    const out = JSON.parse(result.stdout);
    expect(out.before).toBe(readFileSync(join(FIXTURES, 'backlog', 'checkout.md'), 'utf8'));
    expect(out.output).toMatch(/\n## Acceptance criteria\n\n- \[ \] Given \{context\}, when \{action\}, then \{observable result\}\n$/);
    // The findings are those of the fixed text: not the missing section (line 1) but its placeholder (line 15).
    expect(out.lines).toEqual([15]);
    expect(run('npx', ['--no', '--', 'storylint', 'cli-fix/checkout.md', '--fix'], project).code).toBe(1);
    expect(readFileSync(join(project, 'api-fix', 'checkout.md'), 'utf8')).toBe(out.output);
    expect(readFileSync(join(project, 'api-fix', 'checkout.md'))).toEqual(readFileSync(join(project, 'cli-fix', 'checkout.md')));
  });

  it('reports a bad config option and an unreadable path as errors that name them', () => {
    const script = `
      const { lintText, lintFiles, ConfigError, LintFilesError } = require('storylint');
      let config;
      try { lintText('# A', { config: { rules: { 'no-such-rule': 'error' } } }); } catch (error) { config = [error instanceof ConfigError, error.message]; }
      lintFiles(['missing.md']).catch((error) => console.log(JSON.stringify({ config, files: [error instanceof LintFilesError, error.problems] })));`;
    const result = run(process.execPath, ['-e', script], project);
    const out = JSON.parse(result.stdout);
    expect(out.config[0]).toBe(true);
    expect(out.config[1]).toMatch(/^<options\.config>: .*no-such-rule/);
    expect(out.files).toEqual([true, ["cannot read 'missing.md': no such file or directory"]]);
  });
});

describe('the installed types', () => {
  const USE = `import { lintFiles, lintText, format, type LintResult, type Finding } from 'storylint';
const result: LintResult = lintText('# A story', { filePath: 'a.md', config: { rules: { 'story-size': 'off' } } });
const first: Finding | undefined = result.findings[0];
export const line: number | undefined = first?.line;
export const text: Promise<string> = lintFiles(['backlog'], { fix: true }).then((results) => format(results, 'json'));
`;
  const ESM = `import { lintFiles, type LintFilesOptions } from 'storylint';
const options: LintFilesOptions = { cwd: '.', maxFileSize: 1024 };
export const count: Promise<number> = lintFiles('backlog', options).then((results) => results.reduce((sum, r) => sum + r.errorCount, 0));
`;

  function typecheck(files: Record<string, string>): Run {
    const dir = mkdtempSync(join(project, 'types-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    // skipLibCheck off and no type package installed: the declarations must stand alone.
    const tsconfig = { compilerOptions: { strict: true, noEmit: true, skipLibCheck: false, module: 'node16', moduleResolution: 'node16', target: 'es2022', types: [] }, include: Object.keys(files) };
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
    return run(TSC, ['-p', dir, '--pretty', 'false'], dir);
  }

  it('a TypeScript file using the API (CommonJS and ESM) typechecks against the installed package, with no @types package', () => {
    const result = typecheck({ 'use.ts': USE, 'use-esm.mts': ESM });
    expect(result.stdout).toBe('');
    expect(result.code).toBe(0);
  }, 60_000);

  it('a wrong call fails to typecheck, naming the line', () => {
    const result = typecheck({ 'wrong.ts': `import { lintText } from 'storylint';\nlintText(42);\nlintText('x', { fix: 'yes' });\n` });
    expect(result.code).not.toBe(0);
    expect(result.stdout).toMatch(/wrong\.ts\(2,10\): error TS2345/);
    expect(result.stdout).toMatch(/wrong\.ts\(3,17\): error TS2322/);
  }, 60_000);
});
