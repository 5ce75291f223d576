import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnyRule, OptionSpec } from '../core';

export const RULES_DIR = join(__dirname, '..', 'rules');
const BEGIN = '<!-- generated header: do not edit; `npm run docs` rewrites it from the rule metadata -->';
const END = '<!-- end of generated header -->';

function describeDefault(spec: OptionSpec): string {
  return Array.isArray(spec.default) ? (spec.default.length > 8 ? `${spec.default.length} entries` : JSON.stringify(spec.default)) : JSON.stringify(spec.default);
}

/** The header every rule doc starts with, generated from the rule's metadata. */
export function docHeader(rule: AnyRule): string {
  const options = Object.entries(rule.options as Record<string, OptionSpec>);
  const lines = [
    BEGIN,
    `# ${rule.name}`,
    '',
    `> ${rule.description}`,
    '',
    `- Default severity: **${rule.severity}** (preset \`recommended\`)`,
    `- Fixable: ${rule.fixable ? 'yes' : 'no'}`,
    `- Applies to: ${rule.scope === 'backlog' ? 'all stories linted together (backlog rule)' : rule.needsSections ? 'heading and file stories (see `requireSectionsFor`)' : 'every story'}`,
    `- Tags: ${rule.tags.join(', ')}`,
    `- Options: ${options.length === 0 ? 'none' : ''}`,
    ...options.map(([key, spec]) => `  - \`${key}\` (${spec.type}, default ${describeDefault(spec)}): ${spec.description}`),
    END,
  ];
  return lines.join('\n');
}

export const docPath = (rule: AnyRule): string => join(RULES_DIR, `${rule.name}.md`);

/** Replaces the generated header of a doc, keeping the hand-written body. */
export function withHeader(doc: string, rule: AnyRule): string {
  const end = doc.indexOf(END);
  const body = end === -1 ? doc : doc.slice(end + END.length);
  return docHeader(rule) + (body.startsWith('\n') ? body : '\n' + body);
}

export function readDoc(rule: AnyRule): string {
  return readFileSync(docPath(rule), 'utf8');
}

/** The ```markdown examples under a "## <title>" section of a doc (headings inside fences don't count). */
export function examplesUnder(doc: string, title: string): string[] {
  const examples: string[] = [];
  let inSection = false;
  let fence: { marker: string; markdown: boolean; lines: string[] } | undefined;
  for (const line of doc.split(/\r?\n/)) {
    if (fence) {
      if (line.trim() === fence.marker) {
        if (inSection && fence.markdown) examples.push(fence.lines.join('\n') + '\n');
        fence = undefined;
      } else fence.lines.push(line);
      continue;
    }
    const open = /^(`{3,}|~{3,})(\S*)/.exec(line);
    if (open) fence = { marker: open[1]!, markdown: open[2] === 'markdown', lines: [] };
    else if (line.startsWith('## ')) inSection = line.slice(3).trim() === title;
  }
  return examples;
}

export function writeDocs(rules: readonly AnyRule[]): void {
  for (const rule of rules) writeFileSync(docPath(rule), withHeader(readDoc(rule), rule));
}
