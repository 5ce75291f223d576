#!/usr/bin/env node
// Bundles an extension test entry module (tests/vscode/index.ts) into one CommonJS file, so the
// runner and the test files share one module registry; expected texts (.md) become strings.
//   node scripts/vscode-test/bundle.mjs <entry.ts> <out.js> [--web]
// --web: for the web worker extension host, whose loader provides only `vscode`: browser platform,
// `node:assert/strict` is the npm `assert` package, and the few `process` reads in its `util` are
// constants (the suite itself sees no `process` there). STORYLINT_TEST_HOST says which host it was built for.
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT } from './tools.mjs';

export async function bundleSuite(entry, outfile, { web = false } = {}) {
  const esbuild = createRequire(path.join(ROOT, 'package.json'))('esbuild');
  const host = web
    ? {
      platform: 'browser',
      target: 'es2022',
      alias: { 'node:assert/strict': path.join(ROOT, 'scripts', 'vscode-test', 'web-assert.cjs') },
      define: { STORYLINT_TEST_HOST: '"web"', 'process.env.NODE_DEBUG': 'false', 'process.stderr': 'undefined', 'process.emitWarning': 'undefined' },
    }
    : { platform: 'node', target: 'node20', define: { STORYLINT_TEST_HOST: '"node"' } };
  await esbuild.build({
    entryPoints: [entry], outfile, bundle: true, format: 'cjs', external: ['vscode'], loader: { '.md': 'text' }, logLevel: 'warning', ...host,
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const [entry, outfile] = args.filter((a) => a !== '--web');
  if (!entry || !outfile) {
    console.error('usage: node scripts/vscode-test/bundle.mjs <entry.ts> <out.js> [--web]');
    process.exit(2);
  }
  bundleSuite(path.resolve(entry), path.resolve(outfile), { web: args.includes('--web') }).catch((e) => {
    if (!e.errors) console.error(e); // esbuild has printed its own
    process.exitCode = 1;
  });
}
