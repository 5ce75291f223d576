#!/usr/bin/env node
// Parse floor: push every Markdown file below the given paths through unified().use(remarkParse),
// whole-file, one .parse() per file. That is what a linter built naively on remark pays before it
// checks anything. Plain CommonMark (no GFM / front-matter plugins), so it is a lower bound for a
// remark-based pipeline.
//   node bench/parse-floor.mjs <dir-or-file>...
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { markdownFiles } from './files.mjs';

// Resolve from the repository root so this works from any cwd.
const require = createRequire(join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', 'package.json'));
const { unified } = await import(require.resolve('unified'));
const { default: remarkParse } = await import(require.resolve('remark-parse'));

const processor = unified().use(remarkParse);
let nodes = 0;
const files = markdownFiles(process.argv.slice(2));
for (const f of files) {
  const tree = processor.parse(readFileSync(f, 'utf8'));
  nodes += tree.children.length;
}
console.log(JSON.stringify({ files: files.length, topLevelNodes: nodes }));
