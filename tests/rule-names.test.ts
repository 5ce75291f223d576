import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules';

const ROOT = join(__dirname, '..');
/** Code outside rules/ that must treat every rule alike: what a rule does is said in its own file and metadata. */
const SHARED_CODE = ['core', 'report', 'protocol', 'server', 'client', 'cli', 'host', 'lib', 'scripts'];
/** Places where a rule name is text for a person (an example or where a setting went), not logic. */
const TEXT_FOR_PEOPLE = new Map([
  ['cli/args.ts', 'the --rule example in the help'],
  ['cli/init.ts', 'the commented example in the --init template'],
  ['core/config/validate.ts', 'the error for the retired top-level vagueTerms key says where it went'],
]);

function sources(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(?:ts|mts|mjs)$/.test(name) && !/\.d\.m?ts$/.test(name) ? [path] : [];
  });
}

/** The text of every string and template literal in a source file. */
function stringLiterals(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) found.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function namesIn(literals: readonly string[], ruleNames: readonly string[]): string[] {
  return ruleNames.filter((name) => literals.some((literal) => new RegExp(`(?<![\\w-])${name}(?![\\w-])`).test(literal)));
}

describe('rule logic lives in the rules', () => {
  it('no shared code names a rule in a string: adding or changing a rule touches only its own files', () => {
    const ruleNames = rules.map((rule) => rule.name);
    const offending = SHARED_CODE.flatMap((folder) => sources(join(ROOT, folder))).flatMap((path) => {
      const name = relative(ROOT, path).split(sep).join('/');
      if (TEXT_FOR_PEOPLE.has(name)) return [];
      return namesIn(stringLiterals(name, readFileSync(path, 'utf8')), ruleNames).map((rule) => `${name} names ${rule}`);
    });
    expect(offending).toEqual([]);
  });

  it('finds a rule name in a string and not in a longer word (the check itself works)', () => {
    const literals = stringLiterals('example.ts', "if (id === 'atomic-story') run(`no-atomic-story-here`);");
    expect(namesIn(literals, ['atomic-story', 'story-size'])).toEqual(['atomic-story']);
    expect(namesIn(['unique-story-id'], ['unique-story'])).toEqual([]);
  });
});
