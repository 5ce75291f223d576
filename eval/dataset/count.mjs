// Validates the judgement dataset and prints per-rule positive/negative counts.
// Parts: corpus.jsonl (statement rules only), written.md and written-frontmatter/*.md (all rules): the
// development set; heldout.md (all rules): the held-out set, written after tuning and never tuned on.
// Usage: node eval/dataset/count.mjs [--markdown]
// Exits non-zero if any case is malformed or does not label every required rule.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

const STATEMENT_RULES = ['story-format', 'require-benefit', 'specific-role', 'atomic-story',
  'minimal-statement', 'problem-oriented', 'outcome-not-output', 'user-perspective'];
const SECTION_RULES = ['require-outcome', 'measurable-outcome', 'require-problem', 'require-evidence',
  'unvalidated-assumption', 'require-acceptance-criteria', 'testable-criteria', 'gherkin-complete', 'story-size'];
const CORPUS_RULES = [...STATEMENT_RULES, 'unique-story'];
const WRITTEN_RULES = [...STATEMENT_RULES, ...SECTION_RULES];
const ALL_RULES = [...STATEMENT_RULES, 'unique-story', ...SECTION_RULES];

const errors = [];
const fail = (where, msg) => errors.push(`${where}: ${msg}`);

function check(where, labels, reasons, required) {
  if (!labels || typeof labels !== 'object') return fail(where, 'labels missing');
  if (!reasons || typeof reasons !== 'object') return fail(where, 'reasons missing');
  for (const r of required) {
    if (!(r in labels)) fail(where, `rule not labelled: ${r}`);
    else if (typeof labels[r] !== 'boolean') fail(where, `label for ${r} is not a boolean`);
    else if (labels[r] && !(typeof reasons[r] === 'string' && reasons[r].trim())) fail(where, `true label without reason: ${r}`);
  }
  for (const r of Object.keys(labels)) if (!required.includes(r)) fail(where, `unexpected rule in labels: ${r}`);
  for (const r of Object.keys(reasons)) if (!required.includes(r)) fail(where, `reason for unknown rule: ${r}`);
}

function parseJsonComment(where, line, key) {
  const m = line?.match(new RegExp(`^<!-- ${key}: (.*) -->$`));
  if (!m) { fail(where, `expected a '<!-- ${key}: {...} -->' line, got: ${line}`); return null; }
  try { return JSON.parse(m[1]); } catch (e) { fail(where, `${key} is not valid JSON: ${e.message}`); return null; }
}

// --- corpus.jsonl
const corpus = [];
const corpusLines = fs.readFileSync(path.join(here, 'corpus.jsonl'), 'utf8').split('\n').filter(l => l.trim());
corpusLines.forEach((line, i) => {
  const where = `corpus.jsonl:${i + 1}`;
  let o;
  try { o = JSON.parse(line); } catch (e) { return fail(where, `invalid JSON: ${e.message}`); }
  if (!o.id || typeof o.text !== 'string' || !o.source?.backlog || !Number.isInteger(o.source?.line)) fail(where, 'missing id/text/source');
  check(`${where} (${o.id})`, o.labels, o.reasons, CORPUS_RULES);
  corpus.push(o);
});

// --- written.md and heldout.md (same format)
function markdownCases(file) {
  const cases = [];
  const md = fs.readFileSync(path.join(here, file), 'utf8');
  const chunks = md.split(/^(?=<!-- case: )/m).slice(1);
  for (const chunk of chunks) {
    const lines = chunk.split('\n');
    const id = lines[0].match(/^<!-- case: (\S+) -->$/)?.[1];
    const where = `${file} ${id ?? lines[0]}`;
    if (!id) { fail(where, 'bad case line'); continue; }
    const labels = parseJsonComment(where, lines[1], 'labels');
    const reasons = parseJsonComment(where, lines[2], 'reasons');
    const body = lines.slice(3).join('\n');
    if (!/^## \S/m.test(body)) fail(where, 'story has no level-2 heading');
    if (/^# \S/m.test(body.replace(/```[\s\S]*?```/g, ''))) fail(where, 'story has a level-1 heading (cases would nest)');
    if (labels && reasons) check(where, labels, reasons, WRITTEN_RULES);
    cases.push({ id, labels, reasons, body, file });
  }
  return cases;
}
const written = markdownCases('written.md');

// --- written-frontmatter/*.md
const fmDir = path.join(here, 'written-frontmatter');
const fmFiles = fs.existsSync(fmDir) ? fs.readdirSync(fmDir).filter(f => f.endsWith('.md')).sort() : [];
for (const f of fmFiles) {
  const where = `written-frontmatter/${f}`;
  const text = fs.readFileSync(path.join(fmDir, f), 'utf8');
  const m = text.match(/^---\n([\s\S]*?)\n---\n([^\n]*)\n([^\n]*)\n([\s\S]*)$/);
  if (!m) { fail(where, 'expected front matter followed by the labels and reasons lines'); continue; }
  if (!/^type:\s*story\s*$/m.test(m[1])) fail(where, "front matter lacks 'type: story'");
  const labels = parseJsonComment(where, m[2], 'labels');
  const reasons = parseJsonComment(where, m[3], 'reasons');
  if (labels && reasons) check(where, labels, reasons, WRITTEN_RULES);
  written.push({ id: f.replace(/\.md$/, ''), labels, reasons, body: m[4], file: where });
}

// --- heldout.md
const heldout = fs.existsSync(path.join(here, 'heldout.md')) ? markdownCases('heldout.md') : (fail('heldout.md', 'not found'), []);

// --- ids unique
const seen = new Set();
for (const c of [...corpus, ...written, ...heldout]) {
  if (seen.has(c.id)) fail(c.id, 'duplicate id');
  seen.add(c.id);
}

if (errors.length) {
  console.error(`${errors.length} problem(s):\n` + errors.map(e => '  ' + e).join('\n'));
  process.exit(1);
}

// --- counts
const count = (cases, rule) => {
  let pos = 0, neg = 0;
  for (const c of cases) if (c.labels && rule in c.labels) (c.labels[rule] ? pos++ : neg++);
  return [pos, neg];
};
const fmCount = written.filter(c => c.file !== 'written.md').length;
const isClean = c => !Object.values(c.labels).some(Boolean);
const clean = written.filter(isClean).length;
const heldoutClean = heldout.filter(isClean).length;
const rows = ALL_RULES.map(rule => {
  const c = count(corpus, rule), w = count(written, rule), h = count(heldout, rule);
  return { rule, c, w, h, t: [c[0] + w[0], c[1] + w[1]], corpusOnly: !WRITTEN_RULES.includes(rule), writtenOnly: !CORPUS_RULES.includes(rule) };
});
const cell = ([p, n], na) => (na ? '—' : `${p} / ${n}`);

if (process.argv.includes('--markdown')) {
  console.log(`Cases: ${corpus.length} corpus, ${written.length} written (${written.length - fmCount} in written.md, ${fmCount} front-matter files; ${clean} fully clean); held-out ${heldout.length} (${heldoutClean} fully clean). Cells are positives / negatives; "development" = corpus + written.\n`);
  console.log('| rule | corpus | written | development | held-out |');
  console.log('|---|---:|---:|---:|---:|');
  for (const r of rows) console.log(`| \`${r.rule}\` | ${cell(r.c, r.writtenOnly)} | ${cell(r.w, r.corpusOnly)} | ${cell(r.t)} | ${cell(r.h, r.corpusOnly)} |`);
} else {
  console.log(`cases: corpus ${corpus.length}, written ${written.length} (written.md ${written.length - fmCount}, front matter ${fmCount}), fully clean written ${clean}; held-out ${heldout.length} (fully clean ${heldoutClean})`);
  console.log('all cases valid; counts are positives/negatives; development = corpus + written\n');
  console.log('rule'.padEnd(30) + 'corpus'.padStart(10) + 'written'.padStart(10) + 'dev'.padStart(10) + 'held-out'.padStart(10));
  for (const r of rows) {
    console.log(r.rule.padEnd(30) + cell(r.c, r.writtenOnly).padStart(10) + cell(r.w, r.corpusOnly).padStart(10) + cell(r.t).padStart(10) + cell(r.h, r.corpusOnly).padStart(10));
  }
}
