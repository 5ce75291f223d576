#!/usr/bin/env node
// Turns the Dalpiaz 2018 user-story corpus (CC BY 4.0; one story per line after a "#Gnn# " prefix)
// into Markdown backlogs, one file per backlog, each story a heading story "### G03-12" followed by
// its statement. The output is generated data for reports and benchmarks: write it to a temporary or
// ignored folder, never commit it.
//
//   node scripts/corpus-to-markdown.mjs <output-folder> [corpus-folder]
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

const DEFAULT_CORPUS = '/work/shared/corpus/dalpiaz2018';
const PREFIX = /^#(G\d+)#\s?/;
// Characters that would turn a statement into a list, heading, quote, table row or HTML block.
const BLOCK_START = /^(?:[-+*#>|<]|\d{1,9}[.)])/;

const [output, corpus = DEFAULT_CORPUS] = process.argv.slice(2);
if (!output) {
  console.error('Usage: node scripts/corpus-to-markdown.mjs <output-folder> [corpus-folder]');
  process.exit(2);
}

mkdirSync(output, { recursive: true });
let stories = 0;
const files = readdirSync(corpus).filter((name) => name.endsWith('.txt')).sort();
for (const name of files) {
  const lines = readFileSync(join(corpus, name), 'utf8').split(/\r?\n/);
  const blocks = [];
  for (const line of lines) {
    const match = PREFIX.exec(line);
    const statement = (match ? line.slice(match[0].length) : line).trim();
    if (!statement) continue;
    const group = match ? match[1] : basename(name, '.txt').toUpperCase();
    const escaped = BLOCK_START.test(statement) ? `\\${statement}` : statement;
    blocks.push(`### ${group}-${blocks.length + 1}\n\n${escaped}\n`);
  }
  writeFileSync(join(output, `${basename(name, '.txt')}.md`), blocks.join('\n'));
  stories += blocks.length;
}
console.log(`${stories} stories in ${files.length} backlogs written to ${output}`);
