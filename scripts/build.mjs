// Bundles each entry point into one file under dist/ (see issue: lean start-up, one bundle each).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { build } from 'esbuild';
import { ruleDocsPlugin } from './rule-docs-plugin.mjs';

// The CLI is two files: the bundle, and a small bin that runs it with a V8 code cache (cli/launch.ts).
const entries = [
  { in: 'cli/main.ts', out: 'dist/cli-main.js' },
  // Also the `storylint-language-server` bin: run directly, so a shebang (and the mode set below).
  { in: 'server/main.ts', out: 'dist/server.js', banner: '#!/usr/bin/env node' },
  { in: 'client/extension.ts', out: 'dist/client.js' },
  // The library (`require('storylint')`); lib/ imports no editor code.
  { in: 'lib/index.ts', out: 'dist/lib/index.js' },
];

// The web extension (vscode.dev, github.dev): the client as a browser CommonJS module, the server as a Web Worker script.
const browserEntries = [
  { in: 'client/browser-extension.ts', out: 'dist/web/client.js', format: 'cjs' },
  { in: 'server/browser-main.ts', out: 'dist/web/server.js', format: 'iife' },
];

const watch = process.argv.includes('--watch');
const minify = process.argv.includes('--minify');

/** node:path in the browser: path-browserify is Node's posix implementation (the web host's paths are posix, see server/client-host.ts). */
const browserPath = {
  name: 'storylint-browser-path',
  setup(build) {
    build.onResolve({ filter: /^node:path$/ }, () => ({ path: createRequire(import.meta.url).resolve('path-browserify') }));
  },
};

await Promise.all(
  entries
    .filter((entry) => existsSync(entry.in))
    .map((entry) =>
      build({
        entryPoints: [entry.in],
        outfile: entry.out,
        bundle: true,
        platform: 'node',
        target: 'node20',
        format: 'cjs',
        external: ['vscode'],
        sourcemap: 'linked',
        minify,
        legalComments: 'none',
        logLevel: watch ? 'info' : 'warning',
        banner: entry.banner ? { js: entry.banner } : undefined,
        plugins: [ruleDocsPlugin],
        // jsonc-parser's UMD build loads its parts with a dynamic require that bundling breaks; its ESM build bundles.
        mainFields: ['module', 'main'],
      }),
    ),
);

await Promise.all(
  browserEntries.map((entry) =>
    build({
      entryPoints: [entry.in],
      outfile: entry.out,
      bundle: true,
      platform: 'browser',
      target: 'es2022',
      format: entry.format,
      external: ['vscode'],
      sourcemap: 'linked',
      minify,
      legalComments: 'none',
      logLevel: watch ? 'info' : 'warning',
      plugins: [ruleDocsPlugin, browserPath],
      define: { 'process.cwd': 'browserCwd' },
      inject: ['scripts/browser-cwd.mjs'],
      mainFields: ['browser', 'module', 'main'],
    }),
  ),
);

if (existsSync('dist/server.js')) chmodSync('dist/server.js', 0o755);
if (existsSync('dist/lib/index.js') && !watch) libraryExtras();

if (existsSync('dist/cli-main.js')) {
  const hash = createHash('sha256').update(readFileSync('dist/cli-main.js')).digest('hex').slice(0, 16);
  for (const name of readdirSync('dist')) if (/^\.cli-main\..*\.v8cache/.test(name)) rmSync(`dist/${name}`, { force: true });
  await build({
    entryPoints: ['cli/launch.ts'],
    outfile: 'dist/cli.js',
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify,
    legalComments: 'none',
    logLevel: 'warning',
    banner: { js: '#!/usr/bin/env node' },
    define: { BUNDLE_HASH: JSON.stringify(hash) },
  });
  // The bin must be executable: `npx storylint` runs it directly.
  chmodSync('dist/cli.js', 0o755);
  // One run leaves the code cache, so the first real run starts warm too. It lints the shipped
  // example (findings are expected: the exit code is 1) and prints nothing.
  try {
    execFileSync(process.execPath, ['dist/cli.js', 'examples', '--format', 'json'], { stdio: 'ignore' });
  } catch (error) {
    if (error.status !== 1) throw error;
  }
}

/**
 * The library's ESM entry and declarations. The ESM file re-exports the CJS bundle (one copy of
 * the code and its state, whichever way it is loaded). The declarations come from the sources
 * (tsconfig.lib.json); only those the entry reaches ship, and they must import no package: a
 * user's type check then needs no type package of ours, even with skipLibCheck off.
 */
function libraryExtras() {
  const names = Object.keys(createRequire(import.meta.url)('../dist/lib/index.js')).filter((name) => name !== 'default');
  writeFileSync('dist/lib/index.mjs', `import lib from './index.js';\nexport const { ${names.join(', ')} } = lib;\nexport default lib;\n`);
  rmSync('dist/types', { recursive: true, force: true });
  execFileSync(process.execPath, [createRequire(import.meta.url).resolve('typescript/bin/tsc'), '-p', 'tsconfig.lib.json'], { stdio: 'inherit' });
  const kept = new Set();
  const visit = (file) => {
    if (kept.has(file)) return;
    kept.add(file);
    // Without comments: the JSDoc examples quote imports too.
    const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    for (const [, specifier] of text.matchAll(/(?:from\s*|import\()\s*'([^']+)'/g)) {
      if (!specifier.startsWith('.')) throw new Error(`${file} imports '${specifier}': the library's public types must not need another package`);
      visit(join(dirname(file), `${specifier}.d.ts`));
    }
  };
  visit('dist/types/lib/index.d.ts');
  const prune = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) prune(path);
      else if (!kept.has(path)) rmSync(path);
    }
    if (readdirSync(dir).length === 0) rmSync(dir, { recursive: true });
  };
  prune('dist/types');
  if (process.env.DEBUG?.includes('storylint')) console.log(`declarations: ${[...kept].map((file) => relative('dist/types', file)).join(', ')}`);
}
