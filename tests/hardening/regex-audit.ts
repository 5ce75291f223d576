import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** A regular expression written in the source: a literal, or a string passed to `new RegExp`. */
export interface SourceRegex {
  file: string;
  line: number;
  pattern: string;
}

/** Every regex literal and every `RegExp(...)` / `new RegExp(...)` with a string-literal pattern in the .ts files under `dirs`. */
export function sourceRegexes(root: string, dirs: readonly string[]): SourceRegex[] {
  const found: SourceRegex[] = [];
  const visitFile = (path: string) => {
    const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
    const add = (node: ts.Node, pattern: string) =>
      found.push({ file: relative(root, path), line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, pattern });
    const visit = (node: ts.Node): void => {
      if (ts.isRegularExpressionLiteral(node)) add(node, node.text.slice(1, node.text.lastIndexOf('/')));
      else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
        const first = node.arguments?.[0];
        if (first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) add(node, first.text);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  };
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) visitFile(path);
    }
  };
  for (const dir of dirs) walk(join(root, dir));
  return found;
}

export { catastrophicParts } from '../../core/regex-safety';
