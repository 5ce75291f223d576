import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..');
/** core/, rules/ and protocol/ run in the CLI, the server, the client and tests alike: no editor, no file system. */
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

describe('layering', () => {
  for (const folder of ['core', 'rules', 'protocol']) {
    it(`${folder}/ imports no editor or file-system module`, () => {
      const offending = sources(join(ROOT, folder)).flatMap((file) =>
        importsOf(readFileSync(file, 'utf8'))
          .filter((specifier) => FORBIDDEN.test(specifier))
          .map((specifier) => `${relative(ROOT, file)} imports ${specifier}`),
      );
      expect(offending).toEqual([]);
    });
  }

  it('the engine never imports the rule registry (rules come in as an argument)', () => {
    const offending = sources(join(ROOT, 'core')).filter((file) => importsOf(readFileSync(file, 'utf8')).some((specifier) => specifier.startsWith('../rules')));
    expect(offending.map((file) => relative(ROOT, file))).toEqual([]);
  });

  it('the client imports nothing of the project but protocol/ (its bundle carries no engine code)', () => {
    const offending = sources(join(ROOT, 'client')).flatMap((file) =>
      importsOf(readFileSync(file, 'utf8'))
        .filter((specifier) => specifier.startsWith('..') && !/^\.\.\/protocol(?:\/|$)/.test(specifier))
        .map((specifier) => `${relative(ROOT, file)} imports ${specifier}`),
    );
    expect(offending).toEqual([]);
  });

  it('core/ never imports the shells (server/, cli/, client/)', () => {
    const offending = sources(join(ROOT, 'core')).flatMap((file) =>
      importsOf(readFileSync(file, 'utf8'))
        .filter((specifier) => /^(?:\.\.\/)+(?:server|cli|client)(?:\/|$)/.test(specifier))
        .map((specifier) => `${relative(ROOT, file)} imports ${specifier}`),
    );
    expect(offending).toEqual([]);
  });

  it('detects a forbidden import (the check itself works)', () => {
    expect(importsOf("import { readFileSync } from 'node:fs';\nconst x = 1;").filter((s) => FORBIDDEN.test(s))).toEqual(['node:fs']);
  });
});
