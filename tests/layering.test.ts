import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..');
/** core/, rules/, report/ and protocol/ run in the CLI, the server, the client and tests alike: no editor, no file system. */
const FORBIDDEN = /^(?:vscode|vscode-languageserver.*|vscode-languageclient.*|node:fs.*|fs|fs\/promises|node:child_process|child_process)$/;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(source: string): string[] {
  return [...source.matchAll(/(?:^|\n)\s*(?:import|export)[^'"\n]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (match) => match[1] ?? match[2] ?? match[3]!,
  );
}

/** The project path (POSIX, from the repository root) a relative import points at; none for packages. */
function projectTarget(file: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  return relative(ROOT, join(dirname(file), specifier)).split(sep).join('/');
}

/** `file imports target` for each project import of the files under `folder` that `allowed` refuses. */
function offendingImports(folder: string, allowed: (target: string, file: string) => boolean): string[] {
  return sources(join(ROOT, folder)).flatMap((file) =>
    importsOf(readFileSync(file, 'utf8')).flatMap((specifier) => {
      const target = projectTarget(file, specifier);
      const name = relative(ROOT, file).split(sep).join('/');
      return target !== undefined && !allowed(target, name) ? [`${name} imports ${target}`] : [];
    }),
  );
}

const within = (target: string, ...folders: string[]): boolean => folders.some((folder) => target === folder || target.startsWith(`${folder}/`));

describe('layering', () => {
  for (const folder of ['core', 'rules', 'report', 'protocol']) {
    it(`${folder}/ imports no editor or file-system module`, () => {
      const offending = sources(join(ROOT, folder)).flatMap((file) =>
        importsOf(readFileSync(file, 'utf8'))
          .filter((specifier) => FORBIDDEN.test(specifier))
          .map((specifier) => `${relative(ROOT, file)} imports ${specifier}`),
      );
      expect(offending).toEqual([]);
    });
  }

  it('core/ imports only core/: never the rules (they come in as an argument), report/, protocol/ or the shells', () => {
    expect(offendingImports('core', (target) => within(target, 'core'))).toEqual([]);
  });

  it('rules/ import core/ only through core/api (the rule API) and each other', () => {
    expect(offendingImports('rules', (target) => within(target, 'rules') || target === 'core/api')).toEqual([]);
  });

  it('report/ imports core/, protocol/ and itself, never the shells or the rules', () => {
    expect(offendingImports('report', (target) => within(target, 'core', 'protocol', 'report'))).toEqual([]);
  });

  it('host/ imports core/ and itself, and no editor module (it runs under the CLI and the server alike)', () => {
    expect(offendingImports('host', (target) => within(target, 'core', 'host'))).toEqual([]);
    const editor = sources(join(ROOT, 'host')).flatMap((file) =>
      importsOf(readFileSync(file, 'utf8'))
        .filter((specifier) => /^vscode/.test(specifier))
        .map((specifier) => `${relative(ROOT, file)} imports ${specifier}`),
    );
    expect(editor).toEqual([]);
  });

  it('lib/ imports core/, host/, report/, rules/ and the CLI\'s file helpers, never the editor, the server or the CLI\'s process', () => {
    const cliHelpers = ['cli/files', 'cli/io', 'cli/fix', 'cli/args'];
    expect(offendingImports('lib', (target) => within(target, 'lib', 'core', 'host', 'report', 'rules') || cliHelpers.includes(target) || target === 'package.json')).toEqual([]);
    expect(sources(join(ROOT, 'lib')).flatMap((file) => importsOf(readFileSync(file, 'utf8')).filter((specifier) => /^vscode/.test(specifier)))).toEqual([]);
  });

  it('protocol/ imports nothing of the project', () => {
    expect(offendingImports('protocol', (target) => within(target, 'protocol'))).toEqual([]);
  });

  it('the client imports nothing of the project but protocol/ (its bundle carries no engine code)', () => {
    expect(offendingImports('client', (target) => within(target, 'client', 'protocol'))).toEqual([]);
  });

  it('detects a forbidden import and an import across a boundary (the checks themselves work)', () => {
    expect(importsOf("import { readFileSync } from 'node:fs';\nconst x = 1;").filter((s) => FORBIDDEN.test(s))).toEqual(['node:fs']);
    expect(projectTarget(join(ROOT, 'core', 'engine', 'lint.ts'), '../../report/model')).toBe('report/model');
    expect(within('core/api', 'core')).toBe(true);
    expect(within('corex/api', 'core')).toBe(false);
  });
});
