// The web extension's cost of having no disk: the time for the language server to read and lint a
// workspace (the scan, the story pass and the backlog pass: until storylint/stats answers), the
// Node server reading its disk against the web server (dist/web/server.js) in a worker with only
// browser globals, reading every folder and file through the client's requests. Same files, same
// machine, same run: the Node server is the floor; the ratio is what a vscode.dev user pays on top
// (github.dev's network reads come on top of that again).
//
//   node dist/bench/web-server.js [--corpus bench/corpus/medium] [--reps 3]
// (bundled two folders below the root, as the test helpers it uses sit: they find dist/ from there)
// Prints one line per run on stderr and the figures as JSON on the last stdout line.
import { join, resolve } from 'node:path';
import { LspClient, ROOT } from '../tests/helpers/lsp-client';

const argv = process.argv.slice(2);
const option = (name: string, fallback: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1]! : fallback);
const corpus = resolve(option('--corpus', join(ROOT, 'bench', 'corpus', 'medium')));
const reps = Number(option('--reps', '3'));

async function settleMs(web: boolean): Promise<{ ms: number; files: number; requests: number }> {
  const { client } = await LspClient.start({ fixture: corpus, web, initializationOptions: { debounceMs: 0, backlogDelayMs: 0 } });
  const started = performance.now();
  const stats = (await client.connection.sendRequest('storylint/stats')) as { files: number };
  const ms = performance.now() - started;
  const requests = client.workspaceRequests.length;
  await client.stop();
  return { ms, files: stats.files, requests };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const runs: Record<'node' | 'web', number[]> = { node: [], web: [] };
  let files = 0;
  let requests = 0;
  for (let rep = 0; rep < reps; rep++) {
    // Alternating, so that a busy moment of the machine falls on both alike.
    for (const host of ['node', 'web'] as const) {
      const run = await settleMs(host === 'web');
      runs[host].push(run.ms);
      files = run.files;
      if (host === 'web') requests = run.requests;
      process.stderr.write(`  ${host} server: ${files} files read and linted in ${Math.round(run.ms)} ms\n`);
    }
  }
  const nodeMs = median(runs.node);
  const webMs = median(runs.web);
  console.log(JSON.stringify({ files, reps, nodeMedianMs: Math.round(nodeMs), webMedianMs: Math.round(webMs), webVsNode: Math.round((webMs / nodeMs) * 100) / 100, webRequests: requests }));
}

void main();
