#!/usr/bin/env node
// Language-server edit latency at workspace scale: the time from a one-character didChange to the
// publishDiagnostics for that version, over 50 edits of a ~200 KB story file, against a full re-parse
// of the same file with unified().use(remarkParse). The edited file sits in a real workspace folder
// of 0, 100 and 1,000 other story files (the bench's medium corpus, copied into a temp folder), so
// the server's workspace scan and the backlog (cross-file) rules see that many files. A 10-line story
// file is measured the same way in a one-file workspace and in the 1,000-file workspace.
// Run `npm run build` first (it talks to dist/server.js over stdio, or $STORYLINT_BENCH_SERVER).
//
//   node bench/server-latency.mjs [story-file.md] [--sizes 0,100,1000] [--edits N] [--large-edits N]
//   node bench/server-latency.mjs --workspace 20000
//
// The client declares what VS Code's client declares (workspace folders, pull configuration,
// dynamic registration of watchers and settings, versioned diagnostics, ...), answers every
// server→client request, and pushes the settings once the server registers for them, as
// vscode-languageclient does. Measuring starts once the workspace scan is over: the server has
// answered `storylint/stats` (it waits for the scan and the pass after it) and then 2 s have
// passed without a publishDiagnostics.
//
// --workspace N generates N small story files instead and measures responsiveness: the time from
// `initialized` until a hover on an open document is answered and until the background scan has
// published every file, then a burst of 40 structural edits (fences, headings, deletions), each
// followed by a hover, and how long those hovers take.
// Without a file argument it uses bench/corpus/edit/*.md when present, else generates its own file.
// $STORYLINT_BENCH_QUICK=1 (run.mjs --quick) halves the edits.
// The last stdout line is one JSON object (bench/run.mjs reads it): the top-level fields are the
// one-file workspace's (as before), `workspaces` and `smallFile` hold the rest.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(ROOT, 'package.json'));
const rpc = require('vscode-languageserver-protocol/node');
const { TextDocument } = require('vscode-languageserver-textdocument');
const { unified } = await import(pathToFileURL(require.resolve('unified')).href);
const { default: remarkParse } = await import(pathToFileURL(require.resolve('remark-parse')).href);

const SERVER = process.env.STORYLINT_BENCH_SERVER ? resolve(process.env.STORYLINT_BENCH_SERVER) : join(ROOT, 'dist', 'server.js');
const QUICK = process.env.STORYLINT_BENCH_QUICK === '1';
const TARGET_BYTES = 200 * 1024;
const REPARSE_RUNS = 7;
/** No publishDiagnostics for this long after `storylint/stats` answered: the scan and its pass are over. */
const QUIET_MS = 2000;
/** An edit whose diagnostics do not come within this long fails the run instead of hanging it. */
const PUBLISH_TIMEOUT_MS = 120_000;
/** What VS Code returns for these sections with no user settings (package.json defaults, files.exclude defaults). */
const STORYLINT_SETTINGS = { enable: true, run: 'onType', configFile: '', codeLens: true, trace: { server: 'off' } };
const FILES_EXCLUDE = { '**/.git': true, '**/.svn': true, '**/.hg': true, '**/CVS': true, '**/.DS_Store': true, '**/Thumbs.db': true };

/** Client capabilities as VS Code's language client (vscode-languageclient 9–11) declares them, trimmed to what matters here. */
const CLIENT_CAPABILITIES = {
  workspace: {
    applyEdit: true,
    workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'], failureHandling: 'textOnlyTransactional', normalizesLineEndings: true, changeAnnotationSupport: { groupsOnLabel: true } },
    configuration: true,
    workspaceFolders: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
    symbol: { dynamicRegistration: true },
    executeCommand: { dynamicRegistration: true },
    codeLens: { refreshSupport: true },
    diagnostics: { refreshSupport: true },
    semanticTokens: { refreshSupport: true },
    inlayHint: { refreshSupport: true },
    inlineValue: { refreshSupport: true },
    fileOperations: { dynamicRegistration: true, didCreate: true, didRename: true, didDelete: true, willCreate: true, willRename: true, willDelete: true },
  },
  textDocument: {
    synchronization: { dynamicRegistration: true, willSave: true, willSaveWaitUntil: true, didSave: true },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, tagSupport: { valueSet: [1, 2] }, codeDescriptionSupport: true, dataSupport: true },
    completion: { dynamicRegistration: false, contextSupport: true, completionItem: { snippetSupport: true, commitCharactersSupport: true, documentationFormat: ['markdown', 'plaintext'], deprecatedSupport: true, preselectSupport: true, insertReplaceSupport: true, labelDetailsSupport: true } },
    hover: { dynamicRegistration: false, contentFormat: ['markdown', 'plaintext'] },
    codeAction: {
      dynamicRegistration: false,
      isPreferredSupport: true,
      disabledSupport: true,
      dataSupport: true,
      resolveSupport: { properties: ['edit'] },
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'refactor.extract', 'refactor.inline', 'refactor.rewrite', 'source', 'source.organizeImports', 'source.fixAll'] } },
      honorsChangeAnnotations: true,
    },
    codeLens: { dynamicRegistration: false },
    documentSymbol: { dynamicRegistration: false, hierarchicalDocumentSymbolSupport: true, symbolKind: { valueSet: Array.from({ length: 26 }, (_, i) => i + 1) }, tagSupport: { valueSet: [1] }, labelSupport: true },
    diagnostic: { dynamicRegistration: true, relatedDocumentSupport: false },
  },
  window: { workDoneProgress: true, showMessage: { messageActionItem: { additionalPropertiesSupport: true } }, showDocument: { support: true } },
  general: { staleRequestSupport: { cancel: true, retryOnContentModified: [] }, regularExpressions: { engine: 'ECMAScript', version: 'ES2020' }, markdown: { parser: 'marked', version: '1.1.0' }, positionEncodings: ['utf-16'] },
};

const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const i = argv.indexOf(name);
  return i === -1 ? fallback : argv[i + 1];
};
const EDITS = Number(option('--edits', QUICK ? 25 : 50));
const LARGE_EDITS = Number(option('--large-edits', EDITS));
const SIZES = option('--sizes', '0,100,1000').split(',').map(Number);
/** Pause after each edit's diagnostics before the next edit (0: back to back, as a fast typist). */
const GAP_MS = Number(option('--gap-ms', 0));

function storyFile() {
  const given = argv.find((arg, i) => !arg.startsWith('--') && !(i > 0 && argv[i - 1].startsWith('--')));
  if (given) return readFileSync(given, 'utf8');
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

/** A 10-line story file: one story with a vague outcome, so it always has diagnostics to publish. */
const SMALL_STORY = [
  '## PAY-9001 Refund an order to the card',
  '',
  "As a support agent, I want to refund an order to the buyer's card so that the buyer is paid back the same day.",
  '',
  '### Outcome',
  '',
  'Improve refunds.',
  '',
  '### Acceptance criteria',
  '- [ ] Given a paid order, when I refund it, then the buyer sees the refund on the card within 1 day',
].join('\n') + '\n';

/** The medium corpus's story files, relative to it, in sorted order (generated when missing). */
async function mediumFiles() {
  const dir = join(ROOT, 'bench', 'corpus', 'medium');
  if (!existsSync(dir)) {
    const { ensureCorpus } = await import(pathToFileURL(join(ROOT, 'bench', 'generate.mjs')).href);
    ensureCorpus({ log: console.error });
  }
  const files = [];
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.md')) files.push(relative(dir, path).split(sep).join('/'));
    }
  };
  walk(dir);
  return { dir, files: files.sort() };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
};
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const round = (value) => (value === null || value === undefined ? null : Math.round(value * 100) / 100);

/** VmRSS and VmHWM of a process, in MB (Linux only; null elsewhere). */
function memoryOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field) => Number(status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))?.[1] ?? NaN);
    return { rssMB: round(kb('VmRSS') / 1024), peakRssMB: round(kb('VmHWM') / 1024) };
  } catch {
    return { rssMB: null, peakRssMB: null };
  }
}

// What the server said and asked that a real editor would show or answer: reported at the end.
const serverLog = { errors: [], warnings: 0, messages: 0 };
const requestsSeen = new Map();

const workspaceIndex = argv.indexOf('--workspace');
if (workspaceIndex !== -1) {
  await workspaceBench(Number(argv[workspaceIndex + 1] ?? 20_000));
  process.exit(0);
}

const text = storyFile();
const medium = await mediumFiles();
/** Median of REPARSE_RUNS full parses of the 200 KB file in this process, after one warm-up parse (not counted). */
const reparse = () => {
  unified().use(remarkParse).parse(text);
  const times = [];
  for (let i = 0; i < REPARSE_RUNS; i++) {
    const start = performance.now();
    unified().use(remarkParse).parse(text);
    times.push(performance.now() - start);
  }
  return median(times);
};

const rows = [];
for (const size of SIZES) {
  if (size > medium.files.length) throw new Error(`--sizes ${size}: the medium corpus has only ${medium.files.length} files`);
  const edits = size >= 1000 ? LARGE_EDITS : EDITS;
  const row = await editSession({ others: medium.files.slice(0, size), name: 'checkout-backlog.md', text, edits, label: `200 KB file, ${size} other files` });
  row.fullReparseMedianMs = round(reparse());
  row.speedup = round(row.fullReparseMedianMs / row.medianMs);
  row.p95Speedup = round(row.fullReparseMedianMs / row.p95Ms);
  rows.push(row);
  console.log(
    `${String(size).padStart(5)} other files: edit→diagnostics median ${row.medianMs} ms, p95 ${row.p95Ms} ms; full re-parse median ${row.fullReparseMedianMs} ms ` +
      `(${row.speedup}× the median, ${row.p95Speedup}× the p95); edit→backlog findings median ${row.backlogMedianMs} ms, p95 ${row.backlogP95Ms} ms; ` +
      `server RSS after the scan ${row.rssAfterScanMB} MB (scan ${row.scanMs} ms)`,
  );
}

const smallSizes = [0, Math.max(...SIZES)];
const small = [];
for (const size of smallSizes) {
  const row = await editSession({ others: medium.files.slice(0, size), name: 'refund-story.md', text: SMALL_STORY, edits: EDITS, label: `10-line file, ${size} other files` });
  small.push(row);
  console.log(
    `10-line file, ${String(size).padStart(5)} other files: edit→diagnostics median ${row.medianMs} ms, p95 ${row.p95Ms} ms; ` +
      `edit→backlog findings median ${row.backlogMedianMs} ms, p95 ${row.backlogP95Ms} ms; server RSS after the scan ${row.rssAfterScanMB} MB`,
  );
}
const smallFile = {
  lines: SMALL_STORY.trimEnd().split('\n').length,
  bytes: Buffer.byteLength(SMALL_STORY),
  oneFile: small[0],
  workspace: small[1],
  workspaceFiles: smallSizes[1],
  medianRatio: round(small[1].medianMs / small[0].medianMs),
  p95Ratio: round(small[1].p95Ms / small[0].p95Ms),
};
console.log(`10-line file in the ${smallSizes[1]}-file workspace: ${smallFile.medianRatio}× the one-file median, ${smallFile.p95Ratio}× its p95`);

const unhandled = [...requestsSeen.entries()].filter(([, seen]) => !seen.handled).map(([method]) => method);
if (serverLog.errors.length) console.log(`server logged ${serverLog.errors.length} error(s): ${serverLog.errors.slice(0, 3).join(' | ')}`);
if (unhandled.length) console.log(`server→client requests answered with null (no specific handler): ${unhandled.join(', ')}`);

const one = rows.find((row) => row.otherFiles === 0) ?? rows[0];
const result = {
  name: 'server edit→diagnostics (200 KB)',
  fileBytes: Buffer.byteLength(text),
  edits: one.edits,
  medianMs: one.medianMs,
  p95Ms: one.p95Ms,
  fullReparseMedianMs: one.fullReparseMedianMs,
  speedup: one.speedup,
  workspaces: rows,
  smallFile,
  scanFinished: `storylint/stats answered, then ${QUIET_MS} ms without publishDiagnostics`,
  debounceMs: 0,
  loadAvg: loadavg().map((x) => round(x)),
  serverRequests: Object.fromEntries([...requestsSeen.entries()].map(([method, seen]) => [method, seen.count])),
  unhandledRequests: unhandled,
  serverErrors: serverLog.errors.slice(0, 10),
};
console.log(JSON.stringify(result));

/**
 * One server in a fresh workspace folder holding `others` (paths in the medium corpus) and the
 * edited file at its root: scan, then `edits` one-character edits of the file, each timed from the
 * didChange to the publishDiagnostics of its version.
 */
async function editSession({ others, name, text, edits, label }) {
  const workspace = mkdtempSync(join(tmpdir(), 'storylint-latency-'));
  for (const file of others) {
    mkdirSync(dirname(join(workspace, file)), { recursive: true });
    copyFileSync(join(medium.dir, file), join(workspace, file));
  }
  const filePath = join(workspace, name);
  writeFileSync(filePath, text);
  const uri = pathToFileURL(filePath).href;
  console.error(`${label}: workspace ${workspace}`);

  const { child, connection } = await startServer(workspace, {
    debounceMs: 0,
    nodeArgs: process.env.STORYLINT_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.STORYLINT_PROFILE] : [],
  });
  const waiting = new Map();
  const publishedUris = new Set();
  let lastPublish = performance.now();
  connection.onNotification(rpc.PublishDiagnosticsNotification.type, (params) => {
    lastPublish = performance.now();
    publishedUris.add(params.uri);
    if (params.uri === uri) waiting.get(params.version)?.(performance.now());
  });
  const published = (version) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${label}: no diagnostics for version ${version} within ${PUBLISH_TIMEOUT_MS} ms`)), PUBLISH_TIMEOUT_MS);
      waiting.set(version, (at) => {
        clearTimeout(timer);
        waiting.delete(version);
        resolve(at);
      });
    });

  // As an editor starts: initialized, then the open editor's didOpen; then wait for the scan.
  const started = performance.now();
  await connection.sendNotification(rpc.InitializedNotification.type, {});
  let document = TextDocument.create(uri, 'markdown', 1, text);
  const opened = published(1);
  await connection.sendNotification(rpc.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  const firstPublishMs = (await opened) - started;
  const stats = await connection.sendRequest('storylint/stats').catch(() => null);
  const statsMs = performance.now() - started;
  while (performance.now() - lastPublish < QUIET_MS) await new Promise((resolve) => setTimeout(resolve, 100));
  const scanMs = lastPublish - started > statsMs ? lastPublish - started : statsMs;
  const memory = memoryOf(child.pid);
  if (stats && stats.files !== others.length + 1) console.error(`${label}: the server holds ${stats.files} files, expected ${others.length + 1}`);
  console.error(`${label}: scan done after ${round(scanMs)} ms (${publishedUris.size} files published, server holds ${stats?.files ?? '?'}), RSS ${memory.rssMB} MB`);

  // Edits alternate between typing a character into a statement near the middle and deleting it.
  const anchor = text.indexOf('I want to', Math.floor(text.length / 2));
  const fallback = text.indexOf('I want to');
  const at = (anchor !== -1 ? anchor : fallback !== -1 ? fallback : Math.floor(text.length / 2)) + (anchor !== -1 || fallback !== -1 ? 'I want to'.length : 0);
  /** Types `char` at the anchor (even `i`) or deletes it again (odd `i`); resolves with the send time and the diagnostics' arrival. */
  const editAt = async (i, char) => {
    const position = document.positionAt(at);
    const change = i % 2 === 0
      ? { range: { start: position, end: position }, text: char }
      : { range: { start: position, end: document.positionAt(at + 1) }, text: '' };
    const version = document.version + 1;
    document = TextDocument.update(document, [change], version);
    const done = published(version);
    const start = performance.now();
    await connection.sendNotification(rpc.DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [change] });
    return { start, publishedAt: await done };
  };
  const samples = [];
  for (let i = 0; i < edits; i++) {
    const { start, publishedAt } = await editAt(i, 'x');
    samples.push(publishedAt - start);
    if (GAP_MS > 0) await new Promise((resolve) => setTimeout(resolve, GAP_MS));
  }
  // Then the backlog pass: after each edit's diagnostics, storylint/stats runs the pending backlog
  // pass at once (the server would wait for a pause in typing) and answers when it is done.
  const backlogSamples = [];
  for (let i = 0; i < Math.ceil(edits / 3); i++) {
    const { start } = await editAt(i, 'y');
    await connection.sendRequest('storylint/stats');
    backlogSamples.push(performance.now() - start);
  }
  const afterEdits = memoryOf(child.pid);
  await stopServer(child, connection, workspace);
  return {
    otherFiles: others.length,
    fileBytes: Buffer.byteLength(text),
    edits,
    medianMs: round(median(samples)),
    p95Ms: round(percentile(samples, 95)),
    maxMs: round(Math.max(...samples)),
    backlogMedianMs: round(median(backlogSamples)),
    backlogP95Ms: round(percentile(backlogSamples, 95)),
    firstPublishMs: round(firstPublishMs),
    scanMs: round(scanMs),
    serverFiles: stats?.files ?? null,
    publishedFiles: publishedUris.size,
    backlogLintsAtScan: stats?.backlogLints ?? null,
    rssAfterScanMB: memory.rssMB,
    rssAfterEditsMB: afterEdits.rssMB,
    peakRssMB: afterEdits.peakRssMB,
  };
}

/** Starts the server over stdio as VS Code would, initialized for `workspace` (not yet `initialized`); every server→client request gets an answer. */
async function startServer(workspace, { debounceMs, nodeArgs = [] }) {
  const child = spawn(process.execPath, [...nodeArgs, SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = rpc.createProtocolConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const folder = { uri: pathToFileURL(workspace).href, name: 'bench' };
  const seen = (method, handled = true) => {
    const entry = requestsSeen.get(method) ?? { count: 0, handled };
    entry.count++;
    requestsSeen.set(method, entry);
  };
  connection.onRequest(rpc.ConfigurationRequest.type, ({ items }) => {
    seen(rpc.ConfigurationRequest.method);
    return items.map((item) => (item.section === 'storylint' ? STORYLINT_SETTINGS : item.section === 'files.exclude' ? FILES_EXCLUDE : item.section?.startsWith('storylint.') ? STORYLINT_SETTINGS[item.section.slice(10)] ?? null : null));
  });
  connection.onRequest(rpc.RegistrationRequest.type, ({ registrations }) => {
    seen(rpc.RegistrationRequest.method);
    // vscode-languageclient pushes the section's settings as soon as the server registers for them.
    const settings = registrations.find((registration) => registration.method === rpc.DidChangeConfigurationNotification.method && registration.registerOptions?.section);
    if (settings) setImmediate(() => void connection.sendNotification(rpc.DidChangeConfigurationNotification.type, { settings: { storylint: STORYLINT_SETTINGS } }));
    return null;
  });
  connection.onRequest(rpc.UnregistrationRequest.type, () => (seen(rpc.UnregistrationRequest.method), null));
  connection.onRequest(rpc.WorkDoneProgressCreateRequest.type, () => (seen(rpc.WorkDoneProgressCreateRequest.method), null));
  connection.onRequest(rpc.WorkspaceFoldersRequest.type, () => (seen(rpc.WorkspaceFoldersRequest.method), [folder]));
  connection.onRequest(rpc.ShowMessageRequest.type, () => (seen(rpc.ShowMessageRequest.method), null));
  connection.onRequest(rpc.ShowDocumentRequest.type, () => (seen(rpc.ShowDocumentRequest.method), { success: false }));
  connection.onRequest(rpc.ApplyWorkspaceEditRequest.type, () => (seen(rpc.ApplyWorkspaceEditRequest.method), { applied: false, failureReason: 'benchmark client' }));
  // Refresh requests and anything else: an empty answer, noted in the report.
  connection.onRequest((method) => (seen(method, /\/refresh$/.test(method)), null));
  connection.onNotification(rpc.LogMessageNotification.type, ({ type, message }) => {
    if (type === rpc.MessageType.Error) serverLog.errors.push(message.split('\n')[0]);
    if (type === rpc.MessageType.Warning) serverLog.warnings++;
    if (process.env.STORYLINT_BENCH_VERBOSE) console.error(`server: ${message}`);
  });
  connection.onNotification(rpc.ShowMessageNotification.type, ({ message }) => {
    serverLog.messages++;
    console.error(`server message: ${message}`);
  });
  connection.listen();
  await connection.sendRequest(rpc.InitializeRequest.type, {
    processId: process.pid,
    clientInfo: { name: 'storylint-bench (VS Code-like)', version: '1.0.0' },
    locale: 'en',
    rootPath: workspace,
    rootUri: folder.uri,
    workspaceFolders: [folder],
    initializationOptions: { debounceMs },
    capabilities: CLIENT_CAPABILITIES,
    trace: 'off',
  });
  return { child, connection };
}

/** Shuts the server down as an editor does, then removes its workspace. */
async function stopServer(child, connection, workspace) {
  await connection.sendRequest(rpc.ShutdownRequest.type);
  await connection.sendNotification(rpc.ExitNotification.type);
  await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.on('exit', resolve)));
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
  const { child, connection } = await startServer(workspace, { debounceMs: 250, nodeArgs: process.env.STORYLINT_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.STORYLINT_PROFILE] : [] });
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
  // A probe: a hover every 50 ms from start-up to the end, as a user moving the mouse would send;
  // its slowest answer per phase is how long the server blocked a request.
  const probes = [];
  let phase = 'scan and first backlog pass';
  let probing = true;
  // The client's own event loop, checked every 10 ms: an answer also waits while the client reads
  // the notifications that came before it (the server's part is the probe's time less this).
  const clientLags = [];
  let lastTick = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    clientLags.push({ at: now - start, ms: Math.max(0, now - lastTick - 10) });
    lastTick = now;
  }, 10);
  const clientLagDuring = (probe) => Math.max(0, ...clientLags.filter((lag) => lag.at >= probe.at && lag.at - lag.ms <= probe.at + probe.ms).map((lag) => lag.ms));
  const probeLoop = (async () => {
    while (probing) {
      const sent = performance.now();
      await connection.sendRequest(rpc.HoverRequest.type, hoverAt);
      probes.push({ phase, ms: performance.now() - sent, at: sent - start });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  await connection.sendRequest(rpc.HoverRequest.type, hoverAt);
  const firstAnswerMs = performance.now() - start;
  const scanMs = (await scanned) - start;
  console.error(`first request answered after ${round(firstAnswerMs)} ms, every file published after ${round(scanMs)} ms`);

  // The backlog pass after the scan: storylint/stats waits for it.
  await connection.sendRequest('storylint/stats');
  phase = 'burst of edits';
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

  // Typing pauses: the backlog pass runs by itself (after the server's backlog delay).
  phase = 'pause after the edits';
  await new Promise((resolve) => setTimeout(resolve, 3000));
  await connection.sendRequest('storylint/stats');
  probing = false;
  await probeLoop;
  clearInterval(ticker);

  await stopServer(child, connection, workspace);
  const phases = [...new Set(probes.map((probe) => probe.phase))].map((name) => {
    const times = probes.filter((probe) => probe.phase === name).map((probe) => probe.ms);
    const slowAt = probes.filter((probe) => probe.phase === name && probe.ms > 100).map((probe) => `${round(probe.at / 1000)} s: ${round(probe.ms)} ms (client busy ${round(clientLagDuring(probe))} ms of it)`);
    return { phase: name, probes: times.length, medianMs: round(median(times)), maxMs: round(Math.max(...times)), over100Ms: slowAt.length, slowAt };
  });
  const result = {
    name: `server responsiveness (${files} files)`,
    files,
    firstAnswerMs: round(firstAnswerMs),
    scanMs: round(scanMs),
    burstHoverMedianMs: round(median(hovers)),
    burstHoverMaxMs: round(Math.max(...hovers)),
    probeMaxMs: round(Math.max(...probes.map((probe) => probe.ms))),
    phases,
  };
  console.log(`${files} files: first request answered after ${result.firstAnswerMs} ms, every file published after ${result.scanMs} ms; hover during a burst of 40 structural edits: median ${result.burstHoverMedianMs} ms, max ${result.burstHoverMaxMs} ms`);
  for (const row of phases) console.log(`  hover every 50 ms, ${row.phase}: ${row.probes} answered, median ${row.medianMs} ms, max ${row.maxMs} ms, ${row.over100Ms} over 100 ms`);
  console.log(JSON.stringify(result));
}
