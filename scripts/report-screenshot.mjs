#!/usr/bin/env node
// Renders the backlog report of a folder (examples/ by default) in headless Chromium and saves the
// top of the page as docs/images/report.png for the README.
//
//   node scripts/report-screenshot.mjs [backlog-folder] [output.png] [--dark]
import { mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const args = process.argv.slice(2);
const dark = args.includes('--dark');
const [folder = join(root, 'examples'), output = join(root, 'docs', 'images', 'report.png')] = args.filter((arg) => !arg.startsWith('--'));

// The engine and the browser helper are TypeScript: bundle them once for this script.
const bundle = join(root, 'dist', 'report-screenshot.cjs');
await build({
  stdin: {
    contents: `
      export { lintFiles } from './core';
      export { rules } from './rules';
      export { renderReportHtml } from './report/formatters/html';
      export { renderInChromium, hasChromium, CHROMIUM } from './tests/helpers/report-browser';
    `,
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  outfile: bundle,
  external: ['playwright-core'],
  logLevel: 'warning',
});
const { lintFiles, rules, renderReportHtml, renderInChromium, hasChromium, CHROMIUM } = await import(pathToFileURL(bundle).href);

if (!hasChromium()) {
  console.error(`${CHROMIUM} is missing: install Chromium first (scripts/vscode-test/setup.sh, or apt-get install chromium).`);
  process.exit(1);
}

const { readdirSync, readFileSync } = await import('node:fs');
const markdownFiles = (dir) =>
  readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? markdownFiles(path) : /\.md$/i.test(name) ? [path] : [];
    });

const files = markdownFiles(resolve(folder)).map((filePath) => ({ filePath, text: readFileSync(filePath, 'utf8') }));
const results = lintFiles(files, { rules });
const page = join(mkdtempSync(join(tmpdir(), 'storylint-screenshot-')), 'report.html');
writeFileSync(page, renderReportHtml(results, { cwd: resolve(folder), rules }));

mkdirSync(dirname(output), { recursive: true });
const outcome = await renderInChromium(page, { screenshotPath: output, width: 1000, height: 1250, colorScheme: dark ? 'dark' : 'light' });
const problems = [...outcome.consoleErrors, ...outcome.pageErrors, ...outcome.cspViolations];
if (problems.length > 0) {
  console.error(`The report page had problems:\n${problems.join('\n')}`);
  process.exit(1);
}
console.log(`${output}: ${Math.round(statSync(output).size / 1024)} KB, report of ${files.length} files (${page})`);
