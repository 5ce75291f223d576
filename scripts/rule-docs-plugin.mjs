// esbuild plugin: `import whyTexts from 'storylint:rule-docs'` gives { [ruleName]: first paragraph of
// the "## Why" section of rules/<name>.md }, so hovers explain a rule without shipping the docs;
// `storylint:rule-pages` gives the whole pages.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RULES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'rules');

/** The first paragraph under "## Why", its lines joined (Markdown line breaks are soft). */
export function whyOf(doc) {
  const lines = doc.split(/\r?\n/);
  const start = lines.findIndex((line) => line.trim() === '## Why');
  if (start === -1) return '';
  const paragraph = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '') {
      if (paragraph.length > 0) break;
      continue;
    }
    if (line.startsWith('#')) break;
    paragraph.push(line.trim());
  }
  return paragraph.join(' ');
}

/** The pages by rule name, through `pick` (the first paragraph of "## Why", or the whole page). */
function pagesModule(pick) {
  const files = readdirSync(RULES_DIR).filter((name) => name.endsWith('.md'));
  const texts = Object.fromEntries(files.map((name) => [name.slice(0, -3), pick(readFileSync(join(RULES_DIR, name), 'utf8'))]));
  return {
    contents: `export default ${JSON.stringify(texts)};`,
    loader: 'js',
    watchDirs: [RULES_DIR],
    watchFiles: files.map((name) => join(RULES_DIR, name)),
  };
}

/** `storylint:rule-docs`: the why texts (hovers); `storylint:rule-pages`: whole pages, for the web server, which has no disk to read them from. */
export const ruleDocsPlugin = {
  name: 'storylint-rule-docs',
  setup(build) {
    build.onResolve({ filter: /^storylint:rule-(docs|pages)$/ }, (args) => ({ path: args.path.slice('storylint:'.length), namespace: 'storylint-rule-docs' }));
    build.onLoad({ filter: /.*/, namespace: 'storylint-rule-docs' }, (args) => pagesModule(args.path === 'rule-pages' ? (page) => page : whyOf));
  },
};
