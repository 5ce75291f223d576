// Bundles each entry point into one file under dist/ (see issue: lean start-up, one bundle each).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';
import { ruleDocsPlugin } from './rule-docs-plugin.mjs';

// The CLI is two files: the bundle, and a small bin that runs it with a V8 code cache (cli/launch.ts).
const entries = [
  { in: 'cli/main.ts', out: 'dist/cli-main.js' },
  { in: 'server/main.ts', out: 'dist/server.js' },
  { in: 'client/extension.ts', out: 'dist/client.js' },
];

const watch = process.argv.includes('--watch');
const minify = process.argv.includes('--minify');

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
