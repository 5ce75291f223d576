#!/usr/bin/env node
// storylint benchmark suite. See bench/README.md.
//
//   node bench/run.mjs [--quick] [--only small,medium,large,huge,siblings,server]
//                      [--reps small=5,medium=3,large=3,large-peers=1,huge=1] [--timeout S] [--large-parse-timeout S]
//                      [--seed S] [--out FILE] [--no-peers]
//
// Informational only: the exit code is 0 unless the harness itself breaks; goals print ✓/✗.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SEED, ensureCorpus } from './generate.mjs';
import { backend, measure } from './measure.mjs';

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(BENCH);
const CORPUS = join(BENCH, 'corpus');
const NODE = process.execPath;
// STORYLINT_BENCH_CLI=/path/to/other/dist/cli.js compares another build (e.g. a baseline worktree).
const CLI = process.env.STORYLINT_BENCH_CLI ? resolve(process.env.STORYLINT_BENCH_CLI) : join(ROOT, 'dist', 'cli.js');
const MDL_BIN = join(ROOT, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');
const SERVER_SCRIPT = process.env.STORYLINT_BENCH_SERVER_SCRIPT ? resolve(process.env.STORYLINT_BENCH_SERVER_SCRIPT) : join(BENCH, 'server-latency.mjs');

// ------------------------------------------------------------------------------------------ options

const argv = process.argv.slice(2);
const flag = (n) => argv.includes(n);
const opt = (n, d) => {
  const i = argv.indexOf(n);
  if (i < 0) return d;
  const v = argv[i + 1];
  if (v === undefined || v.startsWith('--')) {
    console.error(`missing value for ${n}`);
    process.exit(2);
  }
  return v;
};
if (flag('--help') || flag('-h')) {
  console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 8).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
  process.exit(0);
}
const QUICK = flag('--quick');
// 'large-peers': markdownlint-cli2 on the 5 MB file takes about a minute per run and no goal depends on
// it (it is context for the cliff factor), so by default it runs once. The large parse floor always runs once.
// 'huge' (10 MB) is about scaling, not precision: one run of each row.
const REPS = QUICK ? { small: 3, medium: 1, large: 1, 'large-peers': 1, huge: 1 } : { small: 5, medium: 3, large: 3, 'large-peers': 1, huge: 1 };
for (const kv of opt('--reps', '').split(',').filter(Boolean)) {
  const [k, v] = kv.split('=');
  if (!(k in REPS) || !(Number(v) >= 1)) {
    console.error(`bad --reps entry: ${kv}`);
    process.exit(2);
  }
  REPS[k] = Math.floor(Number(v));
}
const ALL = ['small', 'medium', 'large', 'huge', 'siblings', 'server'];
const ONLY = opt('--only', ALL.join(',')).split(',').filter(Boolean);
for (const o of ONLY) {
  if (!ALL.includes(o)) {
    console.error(`unknown --only entry "${o}" (expected ${ALL.join(', ')})`);
    process.exit(2);
  }
}
const TIMEOUT_S = Number(opt('--timeout', 600));
const LARGE_PARSE_TIMEOUT_S = Number(opt('--large-parse-timeout', QUICK ? 120 : 300));
const SEED = opt('--seed', DEFAULT_SEED);
const OUT = opt('--out', join(BENCH, 'results', 'latest.json'));
const PEERS = !flag('--no-peers');

const log = (...a) => console.error(...a);

// ------------------------------------------------------------------------------------------ helpers

const median = (xs) => {
  const s = xs.filter((x) => x !== null && Number.isFinite(x)).sort((p, q) => p - q);
  if (!s.length) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const max = (xs) => {
  const s = xs.filter((x) => x !== null && Number.isFinite(x));
  return s.length ? Math.max(...s) : null;
};
const min = (xs) => {
  const s = xs.filter((x) => x !== null && Number.isFinite(x));
  return s.length ? Math.min(...s) : null;
};
const round = (x, d = 1) => (x === null || x === undefined ? null : Math.round(x * 10 ** d) / 10 ** d);

function fmtMs(ms) {
  if (ms === null || ms === undefined) return '–';
  if (ms < 100) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10000 ? 2 : 1)} s`;
}
const fmtKB = (bytes) => (bytes >= 10_000 ? `${Math.round(bytes / 1024)} KB` : `${bytes} B`);
const fmtMB = (mb) => (mb === null || mb === undefined ? '–' : `${Math.round(mb)} MB`);
const fmtX = (r) => (r === null || r === undefined ? '–' : r >= 10 ? `${r.toFixed(1)}×` : r >= 0.1 ? `${r.toFixed(2)}×` : `${r.toPrecision(2)}×`);

function sh(cmd, args, opts = {}) {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], ...opts }).trim();
  } catch {
    return null;
  }
}

function machine() {
  const cpus = os.cpus();
  let mdlVersion = null;
  try {
    mdlVersion = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'markdownlint-cli2', 'package.json'), 'utf8')).version;
  } catch {
    /* not installed */
  }
  let pkg = {};
  try {
    pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  } catch {
    /* ignore */
  }
  const commit = sh('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT });
  const dirty = sh('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT });
  return {
    cpuModel: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length,
    availableParallelism: os.availableParallelism?.() ?? cpus.length,
    totalMemGB: round(os.totalmem() / 2 ** 30, 1),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    loadAvgAtStart: os.loadavg().map((x) => round(x, 2)),
    measurement: backend(),
    storylintVersion: pkg.version ?? null,
    gitCommit: commit ? commit + (dirty ? ' (dirty)' : '') : null,
    distCli: existsSync(CLI) ? { bytes: statSync(CLI).size, mtime: statSync(CLI).mtime.toISOString() } : null,
    markdownlintCli2: mdlVersion,
  };
}

// ------------------------------------------------------------------------------------------ cases

/** One row of the table: a command measured `reps` times; the summary keeps medians. */
async function runCase({ id, label, corpus, tool, cmd, args, cwd = ROOT, reps, timeoutS = TIMEOUT_S, okCodes = [0], warmup = false }) {
  const runs = [];
  log(`  ${label} … `);
  if (warmup) await measure(cmd, args, { cwd, timeoutS, okCodes });
  for (let i = 0; i < reps; i++) {
    const r = await measure(cmd, args, { cwd, timeoutS, okCodes });
    runs.push(r);
    log(`    run ${i + 1}/${reps}: ${r.timedOut ? `timed out after ${timeoutS} s` : `${fmtMs(r.wallMs)} wall, ${fmtMs(r.cpuMs)} cpu, ${fmtMB(r.maxRssMB)}`}${!r.ok && !r.timedOut ? ` FAILED (exit ${r.code ?? r.signal})` : ''}`);
    if (!r.ok) break; // a failing or timed-out command is not repeated
  }
  const good = runs.filter((r) => r.ok);
  const failed = runs.find((r) => !r.ok);
  return {
    id,
    label,
    corpus,
    tool,
    command: [relative(ROOT, cmd) || cmd, ...args].join(' ').replace(NODE, 'node'),
    cwd: relative(ROOT, cwd) || '.',
    reps: runs.length,
    ok: good.length > 0 && !failed,
    timedOut: runs.some((r) => r.timedOut),
    timeoutS,
    error: failed && !failed.timedOut ? `exit ${failed.code ?? failed.signal}: ${failed.stderrTail.trim().split('\n').slice(-5).join('\n')}` : null,
    wallMs: round(median(good.map((r) => r.wallMs))),
    wallMinMs: round(min(good.map((r) => r.wallMs))),
    wallMaxMs: round(max(good.map((r) => r.wallMs))),
    cpuMs: round(median(good.map((r) => r.cpuMs))),
    maxRssMB: round(median(good.map((r) => r.maxRssMB))),
    peakRssMB: round(max(good.map((r) => r.maxRssMB))),
    runs: runs.map((r) => ({ wallMs: round(r.wallMs), cpuMs: round(r.cpuMs), maxRssMB: round(r.maxRssMB), code: r.code, timedOut: r.timedOut })),
  };
}

/** Is storylint really linting the corpus (and not, e.g., skipping it because bench/corpus is git-ignored)? */
function sanityCheckStorylint(dir) {
  const outFile = join(BENCH, 'results', 'storylint-small.json');
  let code = 0;
  try {
    execFileSync(NODE, [CLI, relative(ROOT, dir), '--format', 'json'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
  } catch (e) {
    code = e.status;
    if (e.stdout) writeFileSync(outFile, e.stdout);
    if (code !== 1) return { ok: false, note: `storylint exited ${code} on the small corpus: ${String(e.stderr ?? '').trim().split('\n').slice(-3).join(' | ')}` };
    const text = String(e.stdout);
    const files = new Set(text.match(/[\w./-]+\.md/g) ?? []);
    return { ok: true, note: `storylint reported findings in ${files.size} distinct files of the small corpus (output kept in ${relative(ROOT, outFile)})` };
  }
  return { ok: true, note: 'storylint exited 0 (no findings) on the small corpus — that is suspicious for a corpus full of defects: check that it does not skip bench/corpus (it is git-ignored)' };
}

async function serverLatency(editFile) {
  if (!existsSync(SERVER_SCRIPT)) return { skipped: `${relative(ROOT, SERVER_SCRIPT)} not present` };
  const outFile = join(BENCH, 'results', 'server-latency.stdout');
  log(`  server edit→diagnostics (node ${relative(ROOT, SERVER_SCRIPT)} ${relative(ROOT, editFile)}) …`);
  const r = await measure(NODE, [SERVER_SCRIPT, editFile], {
    cwd: ROOT,
    timeoutS: TIMEOUT_S,
    stdoutFile: outFile,
    env: { STORYLINT_BENCH_EDIT_FILE: editFile, STORYLINT_BENCH_QUICK: QUICK ? '1' : '' },
  });
  if (!r.ok) return { error: r.timedOut ? `timed out after ${TIMEOUT_S} s` : `exit ${r.code ?? r.signal}: ${r.stderrTail.trim().split('\n').slice(-5).join('\n')}` };
  const last = readFileSync(outFile, 'utf8').trim().split('\n').filter(Boolean).pop() ?? '';
  try {
    const obj = JSON.parse(last);
    if (typeof obj.medianMs !== 'number') throw new Error('medianMs missing');
    return { ...obj, processWallMs: round(r.wallMs), processMaxRssMB: round(r.maxRssMB) };
  } catch (e) {
    return { error: `could not parse the last stdout line as the contract's JSON (${e.message}): ${last.slice(0, 200)}` };
  }
}

/** bench/server-latency.mjs --workspace N: how long a request waits while the server scans and lints N files. */
async function serverResponsiveness(files) {
  if (!existsSync(SERVER_SCRIPT)) return { skipped: `${relative(ROOT, SERVER_SCRIPT)} not present` };
  const outFile = join(BENCH, 'results', 'server-responsiveness.stdout');
  log(`  server responsiveness (node ${relative(ROOT, SERVER_SCRIPT)} --workspace ${files}) …`);
  const r = await measure(NODE, [SERVER_SCRIPT, '--workspace', String(files)], { cwd: ROOT, timeoutS: TIMEOUT_S, stdoutFile: outFile });
  if (!r.ok) return { error: r.timedOut ? `timed out after ${TIMEOUT_S} s` : `exit ${r.code ?? r.signal}: ${r.stderrTail.trim().split('\n').slice(-5).join('\n')}` };
  const last = readFileSync(outFile, 'utf8').trim().split('\n').filter(Boolean).pop() ?? '';
  try {
    const obj = JSON.parse(last);
    if (typeof obj.probeMaxMs !== 'number') throw new Error('probeMaxMs missing');
    return obj;
  } catch (e) {
    return { error: `could not parse the last stdout line (${e.message}): ${last.slice(0, 200)}` };
  }
}

/** bench/web-server.ts: the web extension's server (a worker, reading through the client) against the Node server (disk) on the medium corpus. */
async function webServerCost() {
  const script = join(ROOT, 'dist', 'bench', 'web-server.js');
  // Bundled two folders below the root, where the test helpers it uses expect to sit.
  sh(join(ROOT, 'node_modules', '.bin', 'esbuild'), ['bench/web-server.ts', '--bundle', '--platform=node', '--format=cjs', `--outfile=${script}`, '--log-level=warning'], { cwd: ROOT });
  const outFile = join(BENCH, 'results', 'web-server.stdout');
  log(`  web extension server vs Node server (node ${relative(ROOT, script)}) …`);
  const r = await measure(NODE, [script, '--corpus', corpusPath('medium'), '--reps', QUICK ? '1' : '3'], { cwd: ROOT, timeoutS: TIMEOUT_S, stdoutFile: outFile });
  if (!r.ok) return { error: r.timedOut ? `timed out after ${TIMEOUT_S} s` : `exit ${r.code ?? r.signal}: ${r.stderrTail.trim().split('\n').slice(-5).join('\n')}` };
  try {
    return JSON.parse(readFileSync(outFile, 'utf8').trim().split('\n').filter(Boolean).pop() ?? '');
  } catch (e) {
    return { error: `could not parse the last stdout line (${e.message})` };
  }
}

// ------------------------------------------------------------------------------------------ main

const started = new Date();
const t0 = performance.now();
mkdirSync(dirname(OUT), { recursive: true });
mkdirSync(join(BENCH, 'results'), { recursive: true });

const manifest = ensureCorpus({ seed: SEED, outDir: CORPUS, log });
const mach = machine();
const haveCli = existsSync(CLI);
const haveMdl = existsSync(MDL_BIN);
const notes = [];
if (!haveCli) notes.push(`${relative(ROOT, CLI)} is missing (run \`npm run build\`): measuring the floors and peers only`);
if (PEERS && !haveMdl) notes.push('markdownlint-cli2 is not installed: skipping the peer');
if (mach.loadAvgAtStart[0] > mach.cores * 0.5) notes.push(`load average at start is ${mach.loadAvgAtStart[0]} on ${mach.cores} cores: other work is running, expect noise`);

log(`\nstorylint benchmarks — ${mach.cpuModel}, ${mach.cores} cores, node ${mach.node}, ${mach.measurement}`);
log(`corpus ${manifest.regenerated ? 'regenerated' : 'up to date'} (seed ${JSON.stringify(manifest.seed)}, hash ${manifest.hash.slice(0, 12)})`);
for (const n of notes) log(`note: ${n}`);

const sanity = haveCli && ONLY.includes('small') ? sanityCheckStorylint(join(CORPUS, 'small')) : null;
if (sanity) log(`sanity: ${sanity.note}`);

const results = [];
const corpusPath = (c) => join(CORPUS, manifest.corpora[c].dir);

// Start-up floor.
if (ONLY.some((o) => o !== 'server')) {
  log('\nstart-up floor');
  results.push(await runCase({ id: 'startup', label: 'node -e 0', corpus: null, tool: 'node -e 0', cmd: NODE, args: ['-e', '0'], reps: Math.max(REPS.small, 5), warmup: true }));
}

/**
 * A config that turns every rule off: storylint then only reads, parses and builds the story model,
 * its own floor. On the 10 MB file it stands in for the remark parse floor (superlinear: about 90 s
 * on the 5 MB file) and the peer.
 */
function rulesOffConfig() {
  const printed = JSON.parse(execFileSync(NODE, [CLI, '--no-config', '--print-config', relative(ROOT, join(CORPUS, 'small'))], { cwd: ROOT, encoding: 'utf8' }));
  const path = join(BENCH, 'results', 'rules-off.json');
  writeFileSync(path, JSON.stringify({ rules: Object.fromEntries(Object.keys(printed.config.rules).map((name) => [name, 'off'])) }, null, 2) + '\n');
  return path;
}

for (const c of ['small', 'medium', 'large', 'huge']) {
  if (!ONLY.includes(c)) continue;
  const dir = corpusPath(c);
  const rel = relative(ROOT, dir);
  const info = manifest.corpora[c];
  log(`\n${c}: ${info.files} files, ${info.stories} stories, ${info.mb} MB (${rel})`);
  const reps = REPS[c];
  const warmup = c === 'small';
  results.push(await runCase({ id: `read-floor/${c}`, label: 'read all files', corpus: c, tool: 'read floor', cmd: NODE, args: [join(BENCH, 'read-floor.mjs'), rel], reps, warmup: true }));
  if (c === 'huge') {
    if (!haveCli) continue;
    const config = relative(ROOT, rulesOffConfig());
    results.push(await runCase({ id: `rules-off/${c}`, label: 'storylint, every rule off', corpus: c, tool: 'rules-off floor', cmd: NODE, args: [CLI, rel, '--format', 'json', '-c', config], reps, okCodes: [0, 1] }));
    results.push(await runCase({ id: `storylint/${c}`, label: 'storylint --format json', corpus: c, tool: 'storylint', cmd: NODE, args: [CLI, rel, '--format', 'json'], reps, okCodes: [0, 1] }));
    continue;
  }
  const parseOne = c === 'large';
  results.push(
    await runCase({
      id: `parse-floor/${c}`,
      label: `remark parse${parseOne ? ' (once)' : ''}`,
      corpus: c,
      tool: 'parse floor',
      cmd: NODE,
      args: [join(BENCH, 'parse-floor.mjs'), rel],
      reps: parseOne ? 1 : reps,
      timeoutS: parseOne ? LARGE_PARSE_TIMEOUT_S : TIMEOUT_S,
      warmup,
    }),
  );
  if (haveCli) {
    results.push(await runCase({ id: `storylint/${c}`, label: 'storylint --format json', corpus: c, tool: 'storylint', cmd: NODE, args: [CLI, rel, '--format', 'json'], reps, okCodes: [0, 1], warmup }));
  }
  if (PEERS && haveMdl) {
    // cwd in the corpus folder + a glob: default rules, no configuration from the repository.
    const glob = info.files === 1 ? '*.md' : '**/*.md';
    const peerReps = c === 'large' ? REPS['large-peers'] : reps;
    results.push(await runCase({ id: `markdownlint-cli2/${c}`, label: `markdownlint-cli2 "${glob}"${peerReps === 1 && reps > 1 ? ' (once)' : ''}`, corpus: c, tool: 'markdownlint-cli2', cmd: NODE, args: [MDL_BIN, glob], cwd: dir, reps: peerReps, okCodes: [0, 1], warmup }));
  }
}

/**
 * Template siblings: statements that differ in one word ("... for store 1042 ..."), the worst case
 * of unique-story's near-duplicate search. Its cost is storylint minus storylint with the rule off,
 * at 1,000 and 10,000 statements: linear when 10 times the statements cost about 10 times as much.
 */
const SIBLING_COUNTS = [1000, 10000];
function siblingsFile(count) {
  const path = join(BENCH, 'results', `siblings-${count}.md`);
  const stories = Array.from({ length: count }, (_, i) => `## S${i}\n\nAs a store manager, I want to request the weekly stock report from my phone for store ${1000 + i} so that I do not have to email the warehouse team.\n`);
  writeFileSync(path, `# Store reports\n\n${stories.join('\n')}`);
  return path;
}
if (ONLY.includes('siblings') && haveCli) {
  log('\nsiblings: statements that differ in one word');
  for (const count of SIBLING_COUNTS) {
    const rel = relative(ROOT, siblingsFile(count));
    const corpus = `siblings ${count}`;
    results.push(await runCase({ id: `siblings-off/${count}`, label: 'storylint, unique-story off', corpus, tool: 'rule-off floor', cmd: NODE, args: [CLI, rel, '--no-config', '--format', 'json', '--rule', 'unique-story:off'], reps: REPS.medium, okCodes: [0, 1] }));
    results.push(await runCase({ id: `siblings/${count}`, label: 'storylint --format json', corpus, tool: 'storylint', cmd: NODE, args: [CLI, rel, '--no-config', '--format', 'json'], reps: REPS.medium, okCodes: [0, 1] }));
  }
}

let server = null;
if (ONLY.includes('server')) {
  log('\nserver');
  server = await serverLatency(join(corpusPath('edit'), 'checkout-backlog.md'));
  if (server.skipped) log(`  skipped: ${server.skipped}`);
  if (server.error) log(`  error: ${server.error}`);
  server.responsiveness = await serverResponsiveness(QUICK ? 5000 : 20000);
  if (server.responsiveness.error) log(`  error: ${server.responsiveness.error}`);
  server.web = await webServerCost();
  if (server.web.error) log(`  error: ${server.web.error}`);
}

// ------------------------------------------------------------------------------------------ ratios & goals

const byId = Object.fromEntries(results.map((r) => [r.id, r]));
const val = (id, field = 'wallMs') => (byId[id]?.ok ? byId[id][field] : null);
const ratio = (p, q) => (p === null || q === null || q === 0 ? null : p / q);

const ratios = {};
for (const c of ['small', 'medium', 'large']) {
  if (!byId[`storylint/${c}`]) continue;
  const parse = byId[`parse-floor/${c}`];
  ratios[c] = {
    vsParseFloorWall: round(ratio(val(`storylint/${c}`), val(`parse-floor/${c}`)), 4),
    vsParseFloorCpu: round(ratio(val(`storylint/${c}`, 'cpuMs'), val(`parse-floor/${c}`, 'cpuMs')), 3),
    // If the parse floor timed out we still know an upper bound for the ratio.
    vsParseFloorWallAtMost: parse?.timedOut ? round(ratio(val(`storylint/${c}`), parse.timeoutS * 1000), 4) : undefined,
    vsMarkdownlintWall: round(ratio(val(`storylint/${c}`), val(`markdownlint-cli2/${c}`)), 4),
    vsMarkdownlintCpu: round(ratio(val(`storylint/${c}`, 'cpuMs'), val(`markdownlint-cli2/${c}`, 'cpuMs')), 3),
    vsNodeStartupWall: round(ratio(val(`storylint/${c}`), val('startup')), 2),
    msPerMB: round(ratio(val(`storylint/${c}`), manifest.corpora[c].mb), 1),
  };
}
// Cliff factor: time per MB on one 5 MB (or 10 MB) file relative to time per MB across the 1,000-file corpus.
const cliff = (tool, big = 'large') => {
  const m = ratio(val(`${tool}/medium`), manifest.corpora.medium.mb);
  const l = ratio(val(`${tool}/${big}`), manifest.corpora[big].mb);
  return round(ratio(l, m), 2);
};
const cliffFactors = { storylint: cliff('storylint'), 'parse floor': cliff('parse-floor'), 'markdownlint-cli2': cliff('markdownlint-cli2') };
// The 10 MB file against storylint's own floor (every rule off) in the same run: what the rules add.
const huge = byId['storylint/huge']
  ? {
      vsRulesOffWall: round(ratio(val('storylint/huge'), val('rules-off/huge')), 3),
      vsRulesOffCpu: round(ratio(val('storylint/huge', 'cpuMs'), val('rules-off/huge', 'cpuMs')), 3),
      msPerMB: round(ratio(val('storylint/huge'), manifest.corpora.huge.mb), 1),
      cliffFactor: cliff('storylint', 'huge'),
    }
  : null;

// unique-story's own time on template siblings, and how it grows with 10 times the statements.
const uniqueStoryMs = (count) => {
  const on = val(`siblings/${count}`);
  const off = val(`siblings-off/${count}`);
  return on === null || off === null ? null : Math.max(on - off, 1);
};
const siblings = byId[`siblings/${SIBLING_COUNTS[1]}`]
  ? {
      uniqueStoryMs: Object.fromEntries(SIBLING_COUNTS.map((count) => [count, round(uniqueStoryMs(count))])),
      growth: round(ratio(uniqueStoryMs(SIBLING_COUNTS[1]), uniqueStoryMs(SIBLING_COUNTS[0])), 2),
      vsRuleOffWall: round(ratio(val(`siblings/${SIBLING_COUNTS[1]}`), val(`siblings-off/${SIBLING_COUNTS[1]}`)), 3),
    }
  : null;

// The largest workspace the server benchmark measured (1,000 other files by default).
const serverRows = Array.isArray(server?.workspaces) ? server.workspaces : [];
const serverScale = (() => {
  const row = serverRows.reduce((best, r) => (best === null || r.otherFiles > best.otherFiles ? r : best), null);
  return { row, label: `${(row?.otherFiles ?? 1000).toLocaleString('en')}-file workspace` };
})();
const goal = (name, value, target, pass, detail) => ({ name, value, target, pass: value === null || value === undefined ? null : pass, detail });
const goals = [
  goal('medium: storylint ≤ 0.5× parse floor (wall)', ratios.medium?.vsParseFloorWall ?? null, '≤ 0.5×', (ratios.medium?.vsParseFloorWall ?? 1) <= 0.5),
  goal('medium: storylint ≤ 0.5× markdownlint-cli2 (wall)', ratios.medium?.vsMarkdownlintWall ?? null, '≤ 0.5×', (ratios.medium?.vsMarkdownlintWall ?? 1) <= 0.5),
  goal('medium: storylint peak memory < 300 MB', val('storylint/medium', 'peakRssMB'), '< 300 MB', (val('storylint/medium', 'peakRssMB') ?? 1e9) < 300),
  goal('small: storylint ≤ 0.5× markdownlint-cli2 (wall)', ratios.small?.vsMarkdownlintWall ?? null, '≤ 0.5×', (ratios.small?.vsMarkdownlintWall ?? 1) <= 0.5),
  goal('large: per-MB time ≤ 10× medium per-MB (cliff factor)', cliffFactors.storylint, '≤ 10×', (cliffFactors.storylint ?? 1e9) <= 10),
  goal('large: storylint peak memory < 1 GB', val('storylint/large', 'peakRssMB'), '< 1024 MB', (val('storylint/large', 'peakRssMB') ?? 1e9) < 1024),
  goal('huge: storylint ≤ 2× every rule off (wall)', huge?.vsRulesOffWall ?? null, '≤ 2×', (huge?.vsRulesOffWall ?? 1e9) <= 2),
  goal('huge: per-MB time ≤ 10× medium per-MB (cliff factor)', huge?.cliffFactor ?? null, '≤ 10×', (huge?.cliffFactor ?? 1e9) <= 10),
  goal('siblings: unique-story time for 10× the statements ≤ 15×', siblings?.growth ?? null, '≤ 15×', (siblings?.growth ?? 1e9) <= 15),
  goal(
    'server: edit→diagnostics median ≥ 10× below full re-parse',
    server && typeof server.medianMs === 'number' && typeof server.fullReparseMedianMs === 'number' && server.medianMs > 0 ? round(server.fullReparseMedianMs / server.medianMs, 1) : null,
    '≥ 10×',
    server && server.fullReparseMedianMs / server.medianMs >= 10,
  ),
  // At workspace scale (bench/server-latency.mjs puts the edited file among the medium corpus's files).
  goal(`server, ${serverScale.label}: edit→diagnostics median ≥ 10× below full re-parse`, round(serverScale.row?.speedup ?? null, 2), '≥ 10×', (serverScale.row?.speedup ?? 0) >= 10),
  goal(`server, ${serverScale.label}: edit→diagnostics p95 ≥ 5× below full re-parse`, round(serverScale.row?.p95Speedup ?? null, 2), '≥ 5×', (serverScale.row?.p95Speedup ?? 0) >= 5),
  goal(`server, ${serverScale.label}: a 10-line file's median within 2× of its one-file-workspace median`, round(server?.smallFile?.medianRatio ?? null, 1), '≤ 2×', (server?.smallFile?.medianRatio ?? 1e9) <= 2),
  goal(`server, ${serverScale.label}: server RSS after the scan ≤ 300 MB`, serverScale.row?.rssAfterScanMB ?? null, '≤ 300 MB', (serverScale.row?.rssAfterScanMB ?? 1e9) <= 300),
  goal(
    `server, ${server?.responsiveness?.files?.toLocaleString('en') ?? '?'}-file workspace: slowest hover (one every 50 ms, start-up to the end)`,
    server?.responsiveness?.probeMaxMs ?? null,
    '≤ 100 ms',
    (server?.responsiveness?.probeMaxMs ?? 1e9) <= 100,
  ),
];

// ------------------------------------------------------------------------------------------ output

function table(rows, headers, align) {
  const w = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (align[i] === 'r' ? String(c).padStart(w[i]) : String(c).padEnd(w[i]))).join('  ');
  return [line(headers), w.map((x) => '─'.repeat(x)).join('  '), ...rows.map(line)].join('\n');
}

const out = [];
out.push('');
out.push(`storylint benchmarks  ${started.toISOString()}`);
out.push(`machine: ${mach.cpuModel}, ${mach.cores} cores (${mach.availableParallelism} usable), ${mach.totalMemGB} GB RAM, ${mach.os}, node ${mach.node}`);
out.push(`load avg at start: ${mach.loadAvgAtStart.join(' ')} · measurement: ${mach.measurement} · commit ${mach.gitCommit ?? '?'} · markdownlint-cli2 ${mach.markdownlintCli2 ?? '–'}`);
out.push(`reps: small ${REPS.small}, medium ${REPS.medium}, large ${REPS.large}, huge ${REPS.huge} (markdownlint-cli2 on large: ${REPS['large-peers']}; parse floor on large: once, timeout ${LARGE_PARSE_TIMEOUT_S} s)${QUICK ? ' — quick mode' : ''}`);
out.push('corpora: ' + ['small', 'medium', 'large', 'huge', 'edit'].map((c) => `${c} ${manifest.corpora[c].files} files / ${manifest.corpora[c].stories} stories / ${manifest.corpora[c].mb} MB`).join(' · '));
for (const n of notes) out.push(`note: ${n}`);
if (sanity) out.push(`sanity: ${sanity.note}`);
out.push('');
out.push(
  table(
    results.map((r) => [
      r.corpus ?? '—',
      r.label,
      r.ok ? fmtMs(r.wallMs) : r.timedOut ? `timed out after ${r.timeoutS} s` : 'FAILED',
      r.ok && r.reps > 1 ? `${fmtMs(r.wallMinMs)}–${fmtMs(r.wallMaxMs)}` : '',
      r.ok ? fmtMs(r.cpuMs) : '–',
      r.ok ? fmtMB(r.peakRssMB) : '–',
      r.reps,
    ]),
    ['corpus', 'command', 'wall (median)', 'wall range', 'cpu (median)', 'peak RSS', 'runs'],
    ['l', 'l', 'r', 'r', 'r', 'r', 'r'],
  ),
);
for (const r of results.filter((x) => x.error)) out.push(`\n${r.id} failed: ${r.error}`);
if (server) {
  out.push('');
  if (server.skipped) out.push(`server edit→diagnostics: skipped (${server.skipped})`);
  else if (server.error) out.push(`server edit→diagnostics: error: ${server.error}`);
  else out.push(`${server.name ?? 'server edit→diagnostics'}: median ${fmtMs(server.medianMs)}, p95 ${fmtMs(server.p95Ms)}, full re-parse median ${fmtMs(server.fullReparseMedianMs)}`);
  if (serverRows.length) {
    const small = server.smallFile;
    const smallRows = small ? [small.oneFile, small.workspace].filter(Boolean) : [];
    out.push('');
    out.push(
      table(
        [
          ...serverRows.map((r) => [`${fmtKB(r.fileBytes)} file`, r.otherFiles.toLocaleString('en'), r.edits, fmtMs(r.medianMs), fmtMs(r.p95Ms), fmtMs(r.fullReparseMedianMs), fmtX(r.speedup), `${fmtMs(r.backlogMedianMs)} / ${fmtMs(r.backlogP95Ms)}`, fmtMB(r.rssAfterScanMB), fmtMs(r.scanMs)]),
          ...smallRows.map((r) => [`${small.lines}-line file`, r.otherFiles.toLocaleString('en'), r.edits, fmtMs(r.medianMs), fmtMs(r.p95Ms), '–', r === small.workspace ? `${fmtX(small.medianRatio)} ⁽¹⁾` : '', `${fmtMs(r.backlogMedianMs)} / ${fmtMs(r.backlogP95Ms)}`, fmtMB(r.rssAfterScanMB), fmtMs(r.scanMs)]),
        ],
        ['server: edited', 'other files', 'edits', 'median', 'p95', 'full re-parse', 're-parse ÷ median', 'backlog median / p95', 'RSS after scan', 'scan'],
        ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
      ),
    );
    if (small?.workspace) out.push(`⁽¹⁾ for the ${small.lines}-line file: its median ÷ its median in the one-file workspace`);
    out.push('(median, p95: edit → the story pass publishes the edited file; backlog: edit → the backlog pass is done, run at once by storylint/stats)');
    if (server.scanFinished) out.push(`(edits start once the scan is over: ${server.scanFinished}; debounce ${server.debounceMs ?? '?'} ms)`);
    for (const row of server.responsiveness?.phases ?? []) {
      out.push(`${server.responsiveness.files.toLocaleString('en')} files, a hover every 50 ms, ${row.phase}: median ${fmtMs(row.medianMs)}, max ${fmtMs(row.maxMs)}, ${row.over100Ms} of ${row.probes} over 100 ms`);
    }
    const web = server.web;
    if (web && !web.error) {
      out.push(`web extension: ${web.files.toLocaleString('en')} files read and linted in ${fmtMs(web.webMedianMs)} (Web Worker, ${web.webRequests.toLocaleString('en')} requests to the client) against ${fmtMs(web.nodeMedianMs)} (Node server, disk): ${fmtX(web.webVsNode)}`);
    }
    if (server.unhandledRequests?.length) out.push(`server→client requests with no specific answer: ${server.unhandledRequests.join(', ')}`);
    if (server.serverErrors?.length) out.push(`server logged errors: ${server.serverErrors.slice(0, 3).join(' | ')}`);
  }
}
if (Object.keys(ratios).length) {
  out.push('');
  out.push(
    table(
      Object.entries(ratios).map(([c, r]) => [
        c,
        r.vsParseFloorWall !== null ? fmtX(r.vsParseFloorWall) : r.vsParseFloorWallAtMost !== undefined ? `< ${fmtX(r.vsParseFloorWallAtMost)} (floor timed out)` : '–',
        fmtX(r.vsParseFloorCpu),
        fmtX(r.vsMarkdownlintWall),
        fmtX(r.vsMarkdownlintCpu),
        fmtX(r.vsNodeStartupWall),
        r.msPerMB === null ? '–' : `${r.msPerMB} ms`,
      ]),
      ['storylint', '÷ parse floor (wall)', '(cpu)', '÷ markdownlint-cli2 (wall)', '(cpu)', '÷ node -e 0', 'per MB'],
      ['l', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
  );
}
out.push('');
out.push(`cliff factor (large per-MB ÷ medium per-MB, wall): ${Object.entries(cliffFactors).map(([k, v]) => `${k} ${v === null ? '–' : fmtX(v)}`).join(' · ')}`);
if (huge) {
  out.push(
    `huge (10 MB file): storylint ÷ every rule off ${fmtX(huge.vsRulesOffWall)} wall, ${fmtX(huge.vsRulesOffCpu)} cpu · ${huge.msPerMB} ms per MB · cliff factor vs medium ${fmtX(huge.cliffFactor)}`,
  );
}
if (siblings) {
  out.push(
    `siblings: unique-story adds ${SIBLING_COUNTS.map((count) => `${fmtMs(siblings.uniqueStoryMs[count])} on ${count.toLocaleString('en')}`).join(', ')} statements (${fmtX(siblings.growth)} for 10× the statements) · storylint ÷ unique-story off on ${SIBLING_COUNTS[1].toLocaleString('en')}: ${fmtX(siblings.vsRuleOffWall)} wall`,
  );
}
out.push('');
out.push('goals (information only, never a failing exit code):');
for (const g of goals) {
  const mark = g.pass === null ? '–' : g.pass ? '✓' : '✗';
  const v = g.value === null || g.value === undefined ? 'not measured' : typeof g.value === 'number' && g.target.includes('MB') ? fmtMB(g.value) : fmtX(g.value);
  out.push(`  ${mark} ${g.name}: ${v} (goal ${g.target})`);
}
const totalS = round((performance.now() - t0) / 1000, 1);
mach.loadAvgAtEnd = os.loadavg().map((x) => round(x, 2));
out.push('');
out.push(`load avg at end: ${mach.loadAvgAtEnd.join(' ')} — under load, trust the cpu column and cpu ratios more than wall`);
out.push(`total bench time ${totalS} s · results in ${OUT.startsWith(ROOT) ? relative(ROOT, OUT) : OUT}`);
console.log(out.join('\n'));

const report = {
  schema: 1,
  timestamp: started.toISOString(),
  totalSeconds: totalS,
  options: { quick: QUICK, only: ONLY, reps: REPS, timeoutS: TIMEOUT_S, largeParseTimeoutS: LARGE_PARSE_TIMEOUT_S, peers: PEERS },
  machine: mach,
  corpus: { seed: manifest.seed, hash: manifest.hash, corpora: manifest.corpora },
  notes,
  sanity,
  measurements: results,
  server,
  ratios,
  cliffFactors,
  huge,
  siblings,
  goals,
};
writeFileSync(OUT, JSON.stringify(report, null, 2) + '\n');
// Keep a timestamped copy so runs can be compared later (bench/compare.mjs).
if (OUT === join(BENCH, 'results', 'latest.json')) {
  writeFileSync(join(BENCH, 'results', `${started.toISOString().replace(/[:.]/g, '-')}.json`), JSON.stringify(report, null, 2) + '\n');
}
