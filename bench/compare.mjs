#!/usr/bin/env node
// Compare two benchmark result files (written by bench/run.mjs).
//
//   node bench/compare.mjs bench/results/<older>.json [bench/results/latest.json]
//
// Prints, per measurement, the median wall time, CPU time and peak RSS of both runs and the change.
// Only compare runs from the same machine and the same corpus hash; the script warns otherwise.

import { readFileSync } from 'node:fs';

const [aPath, bPath = new URL('./results/latest.json', import.meta.url).pathname] = process.argv.slice(2);
if (!aPath) {
  console.error('usage: node bench/compare.mjs <base.json> [<new.json>]  (default new: bench/results/latest.json)');
  process.exit(2);
}
const a = JSON.parse(readFileSync(aPath, 'utf8'));
const b = JSON.parse(readFileSync(bPath, 'utf8'));

if (a.corpus?.hash !== b.corpus?.hash) console.log('warning: the corpora differ (generator or seed changed); sizes are not comparable');
if (a.machine?.cpuModel !== b.machine?.cpuModel || a.machine?.cores !== b.machine?.cores) console.log('warning: different machines');
if (a.machine?.node !== b.machine?.node) console.log(`note: node ${a.machine?.node} → ${b.machine?.node}`);
console.log(`base: ${a.timestamp} (${a.machine?.gitCommit ?? '?'})   new: ${b.timestamp} (${b.machine?.gitCommit ?? '?'})\n`);

const fmt = (ms) => (ms === null || ms === undefined ? '–' : ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`);
const delta = (x, y) => (x && y ? `${y >= x ? '+' : ''}${(((y - x) / x) * 100).toFixed(0)}%` : '');
const rows = [];
const ids = [...new Set([...(a.measurements ?? []).map((m) => m.id), ...(b.measurements ?? []).map((m) => m.id)])];
for (const id of ids) {
  const x = a.measurements.find((m) => m.id === id);
  const y = b.measurements.find((m) => m.id === id);
  const w = (m) => (m?.ok ? m.wallMs : null);
  const c = (m) => (m?.ok ? m.cpuMs : null);
  const r = (m) => (m?.ok ? m.peakRssMB : null);
  rows.push([id, fmt(w(x)), fmt(w(y)), delta(w(x), w(y)), fmt(c(x)), fmt(c(y)), delta(c(x), c(y)), r(x) ?? '–', r(y) ?? '–']);
}
if (a.server?.medianMs !== undefined || b.server?.medianMs !== undefined) {
  rows.push(['server edit→diagnostics', fmt(a.server?.medianMs), fmt(b.server?.medianMs), delta(a.server?.medianMs, b.server?.medianMs), '', '', '', '', '']);
}
const head = ['measurement', 'wall base', 'wall new', 'Δ', 'cpu base', 'cpu new', 'Δ', 'RSS base', 'RSS new'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
const line = (r) => r.map((v, i) => (i ? String(v).padStart(widths[i]) : String(v).padEnd(widths[i]))).join('  ');
console.log(line(head));
console.log(widths.map((x) => '─'.repeat(x)).join('  '));
for (const r of rows) console.log(line(r));
console.log('\nDifferences under ~10% are usually noise on a shared machine; rerun both before concluding.');
