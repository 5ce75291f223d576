#!/usr/bin/env node
// Language-server edit latency: the time from a one-character didChange to the publishDiagnostics
// for that version, over 50 edits of a ~200 KB story file, against a full re-parse of the same file
// with unified().use(remarkParse). Run `npm run build` first (it talks to dist/server.js over stdio).
//
//   node bench/server-latency.mjs [story-file.md]
//   node bench/server-latency.mjs --workspace 20000
//
// --workspace N generates N small story files instead and measures responsiveness: the time from
// `initialized` until a hover on an open document is answered and until the background scan has
// published every file, then a burst of 40 structural edits (fences, headings, deletions), each
// followed by a hover, and how long those hovers take.
// Without an argument it uses bench/corpus/edit/*.md when present, else generates its own file.
// The last stdout line is one JSON object (bench/run.mjs reads it).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(ROOT, 'package.json'));
const rpc = require('vscode-languageserver-protocol/node');
const { TextDocument } = require('vscode-languageserver-textdocument');
const { unified } = await import(pathToFileURL(require.resolve('unified')).href);
const { default: remarkParse } = await import(pathToFileURL(require.resolve('remark-parse')).href);

const EDITS = 50;
const TARGET_BYTES = 200 * 1024;
const REPARSE_RUNS = 7;

function storyFile() {
  if (process.argv[2]) return readFileSync(process.argv[2], 'utf8');
  const corpus = join(ROOT, 'bench', 'corpus', 'edit');
  const found = existsSync(corpus) ? readdirSync(corpus).filter((name) => name.endsWith('.md')) : [];
  if (found.length > 0) return readFileSync(join(corpus, found[0]), 'utf8');
  // Varied stories (distinct ids and capabilities) so backlog rules see a realistic backlog.
  const parts = ['# Checkout backlog\n'];
  for (let i = 1; Buffer.byteLength(parts.join('')) < TARGET_BYTES; i++) {
    parts.push(
      `\n## SHOP-${i} Pay with saved card ${i}\n\nAs a returning buyer, I want to pay with saved card number ${i} so that checkout ${i} takes under ${i % 60} seconds.\n\n` +
        `### Outcome\n\nCheckout completion rises from ${i % 50}% to ${(i % 50) + 10}% by Q${(i % 4) + 1}.\n\n` +
        `### Acceptance criteria\n\n- [ ] Given a buyer with saved card ${i}, when they pay, then the order is confirmed within 2 seconds\n- [ ] Given an expired card ${i}, when they pay, then they see "update your card"\n`,
    );
  }
  return parts.join('');
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
};
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const round = (value) => Math.round(value * 100) / 100;

const workspaceIndex = process.argv.indexOf('--workspace');
if (workspaceIndex !== -1) {
  await workspaceBench(Number(process.argv[workspaceIndex + 1] ?? 20_000));
  process.exit(0);
}

const text = storyFile();
const workspace = mkdtempSync(join(tmpdir(), 'storylint-latency-'));
const filePath = join(workspace, 'backlog.md');
writeFileSync(filePath, text);
const uri = pathToFileURL(filePath).href;

const { child, connection } = await startServer(workspace, {
  debounceMs: 0,
  nodeArgs: process.env.STORYLINT_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.STORYLINT_PROFILE] : [],
});
const waiting = new Map();
connection.onNotification(rpc.PublishDiagnosticsNotification.type, (params) => {
  if (params.uri !== uri) return;
  waiting.get(params.version)?.(performance.now());
});
const published = (version) => new Promise((resolve) => waiting.set(version, resolve));

await connection.sendNotification(rpc.InitializedNotification.type, {});
let document = TextDocument.create(uri, 'markdown', 1, text);
const opened = published(1);
await connection.sendNotification(rpc.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });
await opened;

// Edits alternate between typing a character into a statement near the middle and deleting it.
const anchor = text.indexOf('I want to', Math.floor(text.length / 2));
const at = anchor === -1 ? Math.floor(text.length / 2) : anchor + 'I want to'.length;
const samples = [];
for (let i = 0; i < EDITS; i++) {
  const position = document.positionAt(at);
  const change = i % 2 === 0
    ? { range: { start: position, end: position }, text: 'x' }
    : { range: { start: position, end: document.positionAt(at + 1) }, text: '' };
  const version = document.version + 1;
  document = TextDocument.update(document, [change], version);
  const done = published(version);
  const start = performance.now();
  await connection.sendNotification(rpc.DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [change] });
  samples.push((await done) - start);
}

const reparse = [];
for (let i = 0; i < REPARSE_RUNS; i++) {
  const start = performance.now();
  unified().use(remarkParse).parse(document.getText());
  reparse.push(performance.now() - start);
}

await stopServer(child, connection, workspace);

const result = {
  name: 'server edit→diagnostics (200 KB)',
  fileBytes: Buffer.byteLength(text),
  edits: EDITS,
  medianMs: round(median(samples)),
  p95Ms: round(percentile(samples, 95)),
  fullReparseMedianMs: round(median(reparse)),
};
result.speedup = round(result.fullReparseMedianMs / result.medianMs);
console.log(`edit→diagnostics median ${result.medianMs} ms, p95 ${result.p95Ms} ms; full re-parse median ${result.fullReparseMedianMs} ms (${result.speedup}× the edit latency)`);
console.log(JSON.stringify(result));

/** Starts dist/server.js over stdio as an editor with standard capabilities would, initialized for `workspace` (not yet `initialized`). */
async function startServer(workspace, { debounceMs, nodeArgs = [] }) {
  const child = spawn(process.execPath, [...nodeArgs, join(ROOT, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = rpc.createProtocolConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  connection.onRequest(rpc.ConfigurationRequest.type, ({ items }) => items.map((item) => (item.section === 'storylint' ? { enable: true, run: 'onType' } : null)));
  connection.onRequest(rpc.RegistrationRequest.type, () => undefined);
  connection.listen();
  await connection.sendRequest(rpc.InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(workspace).href,
    workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'bench' }],
    initializationOptions: { debounceMs },
    capabilities: { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } } },
  });
  return { child, connection };
}

/** Shuts the server down as an editor does, then removes its workspace. */
async function stopServer(child, connection, workspace) {
  await connection.sendRequest(rpc.ShutdownRequest.type);
  await connection.sendNotification(rpc.ExitNotification.type);
  await new Promise((resolve) => child.on('exit', resolve));
  connection.dispose();
  rmSync(workspace, { recursive: true, force: true });
}

/** A story of its own per file: words made from `n` keep the backlog rules from pairing them. */
function generatedStory(n) {
  const word = [...n.toString(26)].map((digit) => String.fromCharCode(97 + parseInt(digit, 26))).join('');
  return `# GEN-${n} Export the ${word}ledger\n\nAs a support agent, I want to export the ${word}ledger so that the ${word}team can reconcile ${word}batches.\n`;
}

async function workspaceBench(files) {
  const workspace = mkdtempSync(join(tmpdir(), 'storylint-workspace-'));
  for (let i = 0; i < files; i++) writeFileSync(join(workspace, `gen-${i}.md`), generatedStory(i));
  const openPath = join(workspace, 'open.md');
  const openText = Array.from({ length: 30 }, (_, i) => `## PAY-${i} Refund ${i}\n\nAs a support agent, I want to refund order ${i} so that the buyer is paid.\n`).join('\n');
  writeFileSync(openPath, openText);
  const openUri = pathToFileURL(openPath).href;
  const { child, connection } = await startServer(workspace, { debounceMs: 250 });
  const published = new Set();
  let scanDone;
  const scanned = new Promise((resolve) => (scanDone = resolve));
  connection.onNotification(rpc.PublishDiagnosticsNotification.type, (params) => {
    if (params.uri !== openUri) published.add(params.uri);
    if (published.size === files) scanDone(performance.now());
  });
  const start = performance.now();
  await connection.sendNotification(rpc.InitializedNotification.type, {});
  let document = TextDocument.create(openUri, 'markdown', 1, openText);
  await connection.sendNotification(rpc.DidOpenTextDocumentNotification.type, { textDocument: { uri: openUri, languageId: 'markdown', version: 1, text: openText } });
  const hoverAt = { textDocument: { uri: openUri }, position: { line: 0, character: 4 } };
  await connection.sendRequest(rpc.HoverRequest.type, hoverAt);
  const firstAnswerMs = performance.now() - start;
  const scanMs = (await scanned) - start;
  console.error(`first request answered after ${round(firstAnswerMs)} ms, every file published after ${round(scanMs)} ms`);

  const hovers = [];
  for (let i = 0; i < 40; i++) {
    const line = (n) => document.positionAt(document.offsetAt({ line: Math.min(n, document.lineCount - 1), character: 0 }));
    const end = document.positionAt(document.getText().length);
    const change = i % 3 === 0 ? { range: { start: line(3 + (i % 7)), end: line(3 + (i % 7)) }, text: '```\n' }
      : i % 3 === 1 ? { range: { start: end, end }, text: `\n## PAY-${100 + i} New ${i}\n\nAs a buyer, I want thing ${i} so that I am happy.\n` }
      : { range: { start: line(1), end: line(4) }, text: '' };
    document = TextDocument.update(document, [change], document.version + 1);
    await connection.sendNotification(rpc.DidChangeTextDocumentNotification.type, { textDocument: { uri: openUri, version: document.version }, contentChanges: [change] });
    const sent = performance.now();
    await connection.sendRequest(rpc.HoverRequest.type, hoverAt);
    hovers.push(performance.now() - sent);
    console.error(`hover after edit ${i + 1}: ${round(hovers.at(-1))} ms`);
  }

  await stopServer(child, connection, workspace);
  const result = {
    name: `server responsiveness (${files} files)`,
    files,
    firstAnswerMs: round(firstAnswerMs),
    scanMs: round(scanMs),
    burstHoverMedianMs: round(median(hovers)),
    burstHoverMaxMs: round(Math.max(...hovers)),
  };
  console.log(`${files} files: first request answered after ${result.firstAnswerMs} ms, every file published after ${result.scanMs} ms; hover during a burst of 40 structural edits: median ${result.burstHoverMedianMs} ms, max ${result.burstHoverMaxMs} ms`);
  console.log(JSON.stringify(result));
}
