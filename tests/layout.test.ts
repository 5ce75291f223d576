import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..');
/** The product: everything that ships or builds what ships (tests and benchmarks aside). */
const PRODUCT_FOLDERS = ['core', 'rules', 'report', 'protocol', 'host', 'server', 'client', 'cli', 'lib', 'scripts'];
const MAX_FILE_LINES = 400;
const MAX_FUNCTION_LINES = 80;
/** The LSP handler table: one line per request kind, long because LSP has many. */
const LONG_FUNCTIONS_ALLOWED = new Set(['server/server.ts#register']);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(?:ts|mts|mjs)$/.test(name) && !/\.d\.m?ts$/.test(name) ? [path] : [];
  });
}

const productFiles = PRODUCT_FOLDERS.flatMap((folder) => sources(join(ROOT, folder))).map((path) => ({
  name: relative(ROOT, path).split(sep).join('/'),
  text: readFileSync(path, 'utf8'),
}));

const lineCount = (text: string): number => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);

/** `name (N lines)` for each function, method or arrow function body longer than `limit` lines. */
function longFunctions(fileName: string, text: string, limit: number): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(node.end).line;
      const named = node.name ?? (ts.isVariableDeclaration(node.parent) || ts.isPropertyAssignment(node.parent) ? node.parent.name : undefined);
      const name = named ? named.getText(source) : `<function at line ${first + 1}>`;
      if (last - first + 1 > limit && !LONG_FUNCTIONS_ALLOWED.has(`${fileName}#${name}`)) found.push(`${fileName}: ${name} (${last - first + 1} lines)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('layout: files and functions a reader can hold in mind', () => {
  it(`no product file is longer than ${MAX_FILE_LINES} lines`, () => {
    const long = productFiles.filter((file) => lineCount(file.text) > MAX_FILE_LINES).map((file) => `${file.name} (${lineCount(file.text)} lines)`);
    expect(long).toEqual([]);
  });

  it(`no product function is longer than ${MAX_FUNCTION_LINES} lines (the LSP handler table aside)`, () => {
    expect(productFiles.flatMap((file) => longFunctions(file.name, file.text, MAX_FUNCTION_LINES))).toEqual([]);
  });

  it('counts a long function and passes a short one (the check itself works)', () => {
    const body = Array.from({ length: 5 }, (_, index) => `  const a${index} = ${index};`).join('\n');
    const code = `function short() {\n${body}\n}\nconst long = () => {\n${body}\n};\n`;
    expect(longFunctions('example.ts', code, 7)).toEqual([]);
    expect(longFunctions('example.ts', code, 6)).toEqual(['example.ts: short (7 lines)', 'example.ts: long (7 lines)']);
    expect(lineCount('a\nb\n')).toBe(2);
  });
});
