// Measures the rules' judgement against the hand-labelled dataset: `npm run eval [-- --rule NAME --json PATH --quiet]`.
// See docs/judgement.md. Exits 0 whatever the figures are; 2 when the dataset or the corpus cannot be read.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { rules } from '../rules';
import { CORPUS_DIR, corpusAvailable, readCorpus } from '../scripts/corpus';
import { type Case, DatasetError, DEVELOPMENT_PARTS, INDEPENDENT_SETS, isIndependent, loadDataset } from './dataset';
import { type Counts, evaluate, type Evaluation, GOALS, type RuleScore, type Verdict } from './evaluate';

const USAGE = 'usage: npm run eval -- [--rule NAME] [--json PATH] [--quiet]';

function main(): number {
  let args;
  try {
    args = parseArgs({ options: { rule: { type: 'string' }, json: { type: 'string' }, quiet: { type: 'boolean' } } }).values;
  } catch (error) {
    return fail(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  if (args.rule !== undefined && !rules.some((rule) => rule.name === args.rule)) return fail(`unknown rule "${args.rule}"\n${USAGE}`);
  if (!corpusAvailable()) return fail(`the corpus is not at ${CORPUS_DIR}; the corpus cases are linted inside their backlogs.`);
  let cases: Case[];
  try {
    cases = loadDataset();
  } catch (error) {
    if (error instanceof DatasetError) return fail(error.message);
    throw error;
  }

  const evaluation = only(evaluate(cases, rules, readCorpus()), args.rule);
  printTable(cases, evaluation);
  if (!args.quiet) {
    printProblems(evaluation);
    printDisagreements(evaluation);
    printCorpusFiring(evaluation);
  }
  if (args.json) {
    writeFileSync(args.json, `${JSON.stringify(evaluation, null, 2)}\n`);
    console.log(`\nResults written to ${args.json}`);
  }
  return 0;
}

function fail(message: string): number {
  console.error(`storylint eval: ${message}`);
  return 2;
}

/** The evaluation restricted to one rule (--rule). */
function only(evaluation: Evaluation, rule: string | undefined): Evaluation {
  if (rule === undefined) return evaluation;
  return {
    ...evaluation,
    verdicts: evaluation.verdicts.filter((verdict) => verdict.rule === rule),
    scores: evaluation.scores.filter((score) => score.rule === rule),
    heldout: evaluation.heldout.filter((score) => score.rule === rule),
    independent: evaluation.independent.map((set) => ({ ...set, scores: set.scores.filter((score) => score.rule === rule) })),
    problems: evaluation.problems.filter((problem) => problem.rules.includes(rule)),
    corpus: { ...evaluation.corpus, firing: evaluation.corpus.firing.filter((firing) => firing.rule === rule) },
  };
}

function printTable(cases: readonly Case[], { scores, heldout, independent, verdicts }: Evaluation): void {
  const parts = (part: Case['part']) => cases.filter((item) => item.part === part).length;
  console.log(
    `storylint judgement: ${cases.length} cases (${parts('corpus')} corpus, ${parts('written')} written, ${parts('front-matter')} front matter, ${parts('heldout')} held-out, ${INDEPENDENT_SETS.map(({ part }) => parts(part)).join(' + ')} independent), ${verdicts.length} labelled verdicts`,
  );
  console.log(
    `Development set (the cases the rules were tuned on). Goals for rules with ≥${GOALS.minimumPositives} positive labels: precision ≥ ${GOALS.precision}, recall ≥ ${GOALS.recall}. P/R per part: corpus | written (incl. front matter).\n`,
  );
  printRows(
    ['rule', 'pos', 'TP', 'FP', 'FN', 'TN', 'precision', 'recall', 'F1', 'goal', 'corpus P/R', 'written P/R'],
    scores.map((score) => [
      ...scoreCells(score),
      score.meetsGoals === undefined ? '' : score.meetsGoals ? '✓' : '✗',
      partFigures(score.byPart.corpus),
      partFigures(sum(score.byPart.written, score.byPart['front-matter'])),
    ]),
  );
  const printBeside = (title: string, part: readonly RuleScore[]) => {
    if (part.length === 0) return;
    console.log(`\n${title}\n`);
    printRows(['rule', 'pos', 'TP', 'FP', 'FN', 'TN', 'precision', 'recall', 'F1', 'dev P/R'], part.map((score) => {
      const dev = scores.find((candidate) => candidate.rule === score.rule);
      return [...scoreCells(score), dev ? partFigures(dev) : ''];
    }));
  };
  printBeside(
    `Held-out (${parts('heldout')} cases in heldout.md, written and labelled after tuning, never tuned on). Too few positives per rule for the goal column: read these as a check on the development figures.`,
    heldout,
  );
  for (const { part, scores: setScores } of independent) {
    const set = INDEPENDENT_SETS.find((candidate) => candidate.part === part)!;
    printBeside(
      `${set.title} (${parts(part)} statements in ${set.file}, from public sources outside the project, labelled before the rules ran on them; ${set.note}; see eval/dataset and docs/judgement.md).`,
      setScores,
    );
  }
}

function scoreCells(score: RuleScore): string[] {
  return [
    score.rule,
    String(score.positives),
    String(score.tp),
    String(score.fp),
    String(score.fn),
    String(score.tn),
    figure(score.precision),
    figure(score.recall),
    figure(score.f1),
  ];
}

function printRows(header: string[], rows: string[][]): void {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  for (const row of [header, ...rows]) console.log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  '));
}

const figure = (value: number | undefined): string => (value === undefined ? '—' : value.toFixed(2));

function partFigures(counts: Counts | undefined): string {
  if (!counts) return '';
  const precision = counts.tp + counts.fp === 0 ? undefined : counts.tp / (counts.tp + counts.fp);
  const recall = counts.tp + counts.fn === 0 ? undefined : counts.tp / (counts.tp + counts.fn);
  return `${figure(precision)}/${figure(recall)}`;
}

function sum(...parts: (Counts | undefined)[]): Counts | undefined {
  const present = parts.filter((counts): counts is Counts => counts !== undefined);
  if (present.length === 0) return undefined;
  return present.reduce((total, counts) => ({ tp: total.tp + counts.tp, fp: total.fp + counts.fp, fn: total.fn + counts.fn, tn: total.tn + counts.tn }));
}

function printProblems({ problems }: Evaluation): void {
  if (problems.length === 0) return;
  console.log(`\nHarness problems (${problems.length}): these cases or rules were not judged as labelled`);
  for (const { caseId, source, problem } of problems) console.log(`  ${caseId} (${source}): ${problem}`);
}

function printDisagreements({ scores, heldout, independent, verdicts }: Evaluation): void {
  console.log('\nDisagreements: FN = labelled to fire, the rule stayed silent; FP = the rule fired, labelled silent.');
  printDisagreementsOf(scores, verdicts.filter((verdict) => DEVELOPMENT_PARTS.includes(verdict.part)), '');
  if (heldout.length > 0) {
    console.log('\nHeld-out disagreements (heldout.md): report them, do not tune the rules on them.');
    printDisagreementsOf(heldout, verdicts.filter((verdict) => verdict.part === 'heldout'), ' (held-out)');
  }
  for (const { part, scores: setScores } of independent) {
    const set = INDEPENDENT_SETS.find((candidate) => candidate.part === part)!;
    console.log(`\n${set.title} disagreements (${set.file}): report them, do not tune the rules on them.`);
    printDisagreementsOf(setScores, verdicts.filter((verdict) => verdict.part === part), ` (${part})`);
  }
}

function printDisagreementsOf(scores: readonly RuleScore[], verdicts: readonly Verdict[], mark: string): void {
  for (const score of scores) {
    const wrong = verdicts.filter((verdict) => verdict.rule === score.rule && verdict.expected !== verdict.predicted);
    if (wrong.length === 0) continue;
    console.log(`\n== ${score.rule}${mark}: ${score.fn} FN, ${score.fp} FP`);
    for (const verdict of [...wrong.filter((v) => v.expected), ...wrong.filter((v) => !v.expected)]) printVerdict(verdict);
  }
}

function printVerdict(verdict: Verdict): void {
  const kind = verdict.expected ? 'FN' : 'FP';
  const mark = verdict.part === 'heldout' ? ' [held-out]' : isIndependent(verdict.part) ? ` [${verdict.part}]` : '';
  console.log(`  ${kind} ${verdict.caseId}${mark} (${verdict.source})`);
  console.log(`     story:  ${oneLine(verdict.statement, 200)}`);
  console.log(`     label:  ${verdict.expected ? 'fire' : 'silent'}${verdict.reason ? ` (${verdict.reason})` : ''}`);
  for (const { at, excerpt, message } of verdict.findings) {
    console.log(`     fired:  ${oneLine(message, 300)}`);
    if (verdict.part !== 'corpus') console.log(`       at ${at}: ${oneLine(excerpt, 200)}`);
  }
}

const oneLine = (text: string, max: number): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

function printCorpusFiring({ corpus }: Evaluation): void {
  if (corpus.firing.length === 0) return;
  console.log(`\nFull corpus: ${corpus.stories} stories in ${corpus.backlogs} backlogs (each linted as its own backlog)`);
  for (const { rule, stories } of corpus.firing) {
    console.log(`  ${rule.padEnd(20)} fires on ${String(stories).padStart(4)} stories (${((100 * stories) / corpus.stories).toFixed(1)}%)`);
  }
}

process.exitCode = main();
