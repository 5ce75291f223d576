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

// Detects regular expressions in our own source that can backtrack catastrophically. Patterns from
// a config file do not need it: they run on RE2 (core/config/regex-safety.ts).

interface Group {
  /** Some quantifier inside can repeat without bound (`*`, `+`, `{n,}`). */
  repeatsInside: boolean;
  /** Per alternative: it has an atom that must match exactly once, which anchors each repetition. */
  anchored: boolean[];
  /** The group's top-level alternatives as written. */
  alternatives: string[];
  start: number;
}

/**
 * Patterns that can backtrack exponentially: a group repeated without bound that itself holds an
 * unbounded quantifier and nothing that must match once per repetition (`(a+)+`, `(\w+\s?)*`;
 * `(?:,\d+)*` is fine: each repetition needs its comma), or whose alternatives overlap
 * (`(a|a)*`, `(ab|a)+`).
 * A heuristic for review, not a proof: it reads the pattern's structure, not what the parts match.
 */
export function catastrophicParts(pattern: string): string[] {
  const problems: string[] = [];
  const stack: Group[] = [{ repeatsInside: false, anchored: [false], alternatives: [''], start: 0 }];
  const markAnchored = () => {
    const anchored = stack[stack.length - 1]!.anchored;
    anchored[anchored.length - 1] = true;
  };
  const appendText = (text: string) => {
    const alternatives = stack[stack.length - 1]!.alternatives;
    alternatives[alternatives.length - 1] += text;
  };
  /** The quantifier at `at`, if any: its length and whether it is unbounded. */
  const quantifierAt = (at: number): { length: number; unbounded: boolean } | undefined => {
    const ch = pattern[at];
    let length = 0;
    let unbounded = false;
    if (ch === '*' || ch === '+') [length, unbounded] = [1, true];
    else if (ch === '?') length = 1;
    else if (ch === '{') {
      const close = pattern.indexOf('}', at);
      const body = close === -1 ? '' : pattern.slice(at + 1, close);
      if (!/^\d+(,\d*)?$/.test(body)) return undefined;
      [length, unbounded] = [close - at + 1, body.endsWith(',')];
    } else return undefined;
    if (pattern[at + length] === '?' || pattern[at + length] === '+') length++;
    return { length, unbounded };
  };

  for (let i = 0; i < pattern.length; ) {
    const ch = pattern[i]!;
    let atomEnd: number;
    if (ch === '\\') {
      atomEnd = i + 2;
      appendText(pattern.slice(i, atomEnd));
    } else if (ch === '[') {
      let j = i + 1;
      if (pattern[j] === '^') j++;
      if (pattern[j] === ']') j++;
      while (j < pattern.length && pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1;
      atomEnd = j + 1;
      appendText(pattern.slice(i, atomEnd));
    } else if (ch === '(') {
      stack.push({ repeatsInside: false, anchored: [false], alternatives: [''], start: i });
      i += pattern.startsWith('(?:', i) || pattern.startsWith('(?=', i) || pattern.startsWith('(?!', i) ? 3 : pattern.startsWith('(?<=', i) || pattern.startsWith('(?<!', i) ? 4 : 1;
      continue;
    } else if (ch === '|') {
      stack[stack.length - 1]!.alternatives.push('');
      stack[stack.length - 1]!.anchored.push(false);
      i++;
      continue;
    } else if (ch === ')') {
      const group = stack.pop()!;
      atomEnd = i + 1;
      const quantifier = quantifierAt(atomEnd);
      const written = pattern.slice(group.start, atomEnd + (quantifier?.length ?? 0));
      if (quantifier?.unbounded) {
        if (group.repeatsInside && !group.anchored.every(Boolean)) problems.push(`nested quantifier in ${written}`);
        if (overlapping(group.alternatives)) problems.push(`overlapping alternatives repeated in ${written}`);
      }
      const parent = stack[stack.length - 1]!;
      parent.repeatsInside ||= group.repeatsInside || quantifier?.unbounded === true;
      if (!quantifier && group.anchored.every(Boolean)) markAnchored();
      appendText(written);
      i = atomEnd + (quantifier?.length ?? 0);
      continue;
    } else {
      atomEnd = i + 1;
      appendText(ch);
    }
    const quantifier = quantifierAt(atomEnd);
    if (quantifier) {
      if (quantifier.unbounded) stack[stack.length - 1]!.repeatsInside = true;
      appendText(pattern.slice(atomEnd, atomEnd + quantifier.length));
      atomEnd += quantifier.length;
    } else if (ch !== '^' && ch !== '$') markAnchored();
    i = atomEnd;
  }
  return problems;
}

/** Two alternatives where one is the other or starts it: the engine can try both for the same text. */
function overlapping(alternatives: readonly string[]): boolean {
  if (alternatives.length < 2) return false;
  return alternatives.some((a, i) => alternatives.some((b, j) => i !== j && (a === b || (a !== '' && b.startsWith(a)))));
}
