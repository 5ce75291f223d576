#!/usr/bin/env node
// Read-all-files floor: find every Markdown file below the given paths and read it as UTF-8.
// This is the least any linter has to do; storylint can never be faster than this.
//   node bench/read-floor.mjs <dir-or-file>...
import { readFileSync } from 'node:fs';
import { markdownFiles } from './files.mjs';

let chars = 0;
const files = markdownFiles(process.argv.slice(2));
for (const f of files) chars += readFileSync(f, 'utf8').length;
console.log(JSON.stringify({ files: files.length, chars }));
