// Bundles each entry point into one file under dist/ (see issue: lean start-up, one bundle each).
import { chmodSync, existsSync } from 'node:fs';
import { build } from 'esbuild';
import { ruleDocsPlugin } from '../server/rule-docs-plugin.mjs';

const entries = [
  { in: 'cli/main.ts', out: 'dist/cli.js', banner: '#!/usr/bin/env node', executable: true },
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

// The bin must be executable: `npx storylint` runs it directly.
for (const entry of entries) if (entry.executable && existsSync(entry.out)) chmodSync(entry.out, 0o755);
