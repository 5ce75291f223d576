// Builds corpus.jsonl from the hand labels in corpus-labels.txt and the story text in the corpus.
// Sample rule (fixed, documented in eval/README.md): every 8th line of each backlog (1, 9, 17, ...),
// plus every line that does not start with "As", plus both members of duplicate / near-duplicate
// pairs. The labels themselves are hand-written in corpus-labels.txt; this script only copies them.
// Usage: node eval/dataset/build-corpus.mjs [corpusDir]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = process.argv[2] ?? '/work/shared/corpus/dalpiaz2018';
const RULES = { F: 'story-format', B: 'require-benefit', R: 'specific-role', A: 'atomic-story',
  M: 'minimal-statement', P: 'problem-oriented', O: 'outcome-not-output', V: 'user-perspective', U: 'unique-story' };
const files = fs.readdirSync(dir).filter(f => f.endsWith('.txt'));
const out = [];
for (const raw of fs.readFileSync(path.join(here, 'corpus-labels.txt'), 'utf8').split('\n')) {
  if (!raw.trim() || raw.startsWith('#')) continue;
  const [id, ...entries] = raw.split('\t');
  const [, g, n] = id.match(/^(g\d\d)-(\d+)$/);
  const backlog = files.find(f => f.startsWith(g + '-'));
  const lines = fs.readFileSync(path.join(dir, backlog), 'utf8').split('\n');
  const text = lines[Number(n) - 1].replace(/^#G\d+# ?/, '');
  const labels = Object.fromEntries(Object.values(RULES).map(r => [r, false]));
  const reasons = {};
  for (const e of entries) {
    const m = e.match(/^(!?)([A-Z])=(.*)$/);
    if (!m) throw new Error(`bad entry in ${id}: ${e}`);
    const rule = RULES[m[2]];
    if (m[1] !== '!') labels[rule] = true;
    if (reasons[rule]) throw new Error(`duplicate reason ${id} ${rule}`);
    reasons[rule] = m[3];
  }
  out.push({ id, source: { backlog, line: Number(n) }, text, labels, reasons });
}
fs.writeFileSync(path.join(here, 'corpus.jsonl'), out.map(o => JSON.stringify(o)).join('\n') + '\n');
console.log(`wrote ${out.length} corpus stories from ${new Set(out.map(o => o.source.backlog)).size} backlogs`);
