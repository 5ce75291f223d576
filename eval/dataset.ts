// Reads the hand-labelled judgement dataset of eval/dataset (format: eval/README.md).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** eval/dataset, found the same way from eval/ (tests) and from dist/ (the bundle): both sit one level below the root. */
export const DATASET_DIR = join(__dirname, '..', 'eval', 'dataset');

/**
 * `corpus`, `written` and `front-matter` are the development set the rules were tuned on; `heldout`
 * (heldout.md) was written and labelled after tuning and is never tuned on: it is reported on its own.
 * `independent` (independent.jsonl) holds statements collected from public sources outside the
 * project and labelled before the rules ran on them; never tuned on, reported on its own too.
 * `independent2` and `independent3` are further such sets, each collected by another helper after
 * the previous set's disagreements had been read and the rules changed: only the newest is blind.
 */
export type CasePart = 'corpus' | 'written' | 'front-matter' | 'heldout' | IndependentPart;

/** The independent sets, each reported in a table of its own, oldest first. */
export const INDEPENDENT_SETS = [
  { part: 'independent', file: 'independent.jsonl', title: 'Independent set 1', note: 'its disagreements were read before the rules changed on 2026-12-07: no longer blind' },
  { part: 'independent2', file: 'independent2.jsonl', title: 'Independent set 2', note: 'other sources; measured blind once, then its disagreements were read' },
  { part: 'independent3', file: 'independent3.jsonl', title: 'Independent set 3', note: 'other sources again; measured blind once after the last rule change' },
] as const;
export type IndependentPart = (typeof INDEPENDENT_SETS)[number]['part'];
export const isIndependent = (part: CasePart): part is IndependentPart => INDEPENDENT_SETS.some((set) => set.part === part);

/** The parts the rules were tuned on, as opposed to the held-out part. */
export const DEVELOPMENT_PARTS: readonly CasePart[] = ['corpus', 'written', 'front-matter'];

export interface Case {
  /** e.g. "g02-17", "w001", "w201", "h001". */
  id: string;
  part: CasePart;
  /** Expected verdict per labelled rule: true = the rule should fire on this story. */
  labels: Record<string, boolean>;
  /** The labeller's one-line reason, for every true label and for hard negatives. */
  reasons: Record<string, string>;
  /** Where the case is written: "g02-federalspending.txt:17", "written.md:12", "written-frontmatter/w201.md:1", "heldout.md:3". */
  source: string;
  /** Corpus cases: the backlog file and 1-based line the story comes from. */
  corpus?: { backlog: string; line: number; text: string };
  /** Written cases: the Markdown to lint on its own, and the line of the dataset file its first line is. */
  markdown?: { text: string; firstLine: number };
}

/** The dataset cannot be evaluated as it stands; `problems` says where. */
export class DatasetError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`malformed judgement dataset:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
  }
}

const CASE_LINE = /^<!-- case: (\S+) -->$/;
const COMMENT_LINE = /^<!-- (labels|reasons): (.*) -->$/;

/** Loads every case of the dataset; throws DatasetError if any part is malformed. */
export function loadDataset(dir = DATASET_DIR): Case[] {
  const problems: string[] = [];
  const cases = [
    ...corpusCases(dir, problems),
    ...writtenCases(dir, 'written.md', 'written', problems),
    ...frontMatterCases(dir, problems),
    ...writtenCases(dir, 'heldout.md', 'heldout', problems),
    ...INDEPENDENT_SETS.flatMap(({ part, file }) => independentCases(dir, file, part, problems)),
  ];
  const seen = new Set<string>();
  for (const { id } of cases) {
    if (seen.has(id)) problems.push(`${id}: duplicate case id`);
    seen.add(id);
  }
  if (problems.length > 0) throw new DatasetError(problems);
  return cases;
}

/** A JSONL file's records with their place ("corpus.jsonl:3"); blank lines are skipped, malformed ones reported. */
function jsonlRecords(dir: string, name: string, problems: string[]): { where: string; record: Record<string, unknown> }[] | undefined {
  const file = join(dir, name);
  if (!existsSync(file)) {
    missing(file, problems);
    return undefined;
  }
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line, index) => {
      if (!line.trim()) return [];
      const where = `${name}:${index + 1}`;
      const record = parseJson(where, line, problems);
      if (isRecord(record)) return [{ where, record }];
      if (record !== null) problems.push(`${where}: expected a JSON object`);
      return [];
    });
}

function corpusCases(dir: string, problems: string[]): Case[] {
  return (jsonlRecords(dir, 'corpus.jsonl', problems) ?? []).flatMap(({ where, record }) => {
    const { id, text } = record;
    const source = record.source as { backlog?: unknown; line?: unknown } | undefined;
    if (typeof id !== 'string' || typeof text !== 'string' || typeof source?.backlog !== 'string' || !Number.isInteger(source.line)) {
      problems.push(`${where}: needs a string id and text and a source {backlog, line}`);
      return [];
    }
    const verdicts = labelsAndReasons(`${where} (${id})`, record.labels, record.reasons, problems);
    if (!verdicts) return [];
    const backlog = { backlog: source.backlog, line: source.line as number, text };
    return [{ id, part: 'corpus' as const, ...verdicts, source: `${backlog.backlog}:${backlog.line}`, corpus: backlog }];
  });
}

/** independent*.jsonl: one statement per line, linted as a heading story of its own. */
function independentCases(dir: string, file: string, part: IndependentPart, problems: string[]): Case[] {
  return (jsonlRecords(dir, file, problems) ?? []).flatMap(({ where, record }) => {
    const { id, text } = record;
    if (typeof id !== 'string' || typeof text !== 'string' || text.includes('\n')) {
      problems.push(`${where}: needs a string id and a one-line text`);
      return [];
    }
    const verdicts = labelsAndReasons(`${where} (${id})`, record.labels, record.reasons, problems);
    if (!verdicts) return [];
    // The statement on line 3, as in a written case: "## I001" on line 1, a blank line between.
    return [{ id, part, ...verdicts, source: where, markdown: { text: `## ${id.toUpperCase()}\n\n${text}\n`, firstLine: 1 } }];
  });
}

/** written.md and heldout.md: the same format, a sequence of `<!-- case: ID -->` cases. */
function writtenCases(dir: string, name: 'written.md' | 'heldout.md', part: 'written' | 'heldout', problems: string[]): Case[] {
  const file = join(dir, name);
  if (!existsSync(file)) return missing(file, problems);
  const lines = readFileSync(file, 'utf8').split('\n');
  const starts = lines.flatMap((line, index) => (line.startsWith('<!-- case: ') ? [index] : []));
  return starts.flatMap((start, n) => {
    const end = starts[n + 1] ?? lines.length;
    const id = CASE_LINE.exec(lines[start]!)?.[1];
    const where = `${name}:${start + 1}`;
    if (!id) {
      problems.push(`${where}: expected '<!-- case: ID -->', got ${lines[start]}`);
      return [];
    }
    const verdicts = commentVerdicts(`${where} (${id})`, lines[start + 1], lines[start + 2], problems);
    if (!verdicts) return [];
    // The case, label and reasons lines stay as blank lines, so line numbers still match the file.
    const text = ['', '', '', ...lines.slice(start + 3, end)].join('\n');
    return [{ id, part, ...verdicts, source: where, markdown: { text, firstLine: start + 1 } }];
  });
}

function frontMatterCases(dir: string, problems: string[]): Case[] {
  const folder = join(dir, 'written-frontmatter');
  if (!existsSync(folder)) return missing(folder, problems);
  return readdirSync(folder)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .flatMap((name) => {
      const where = `written-frontmatter/${name}`;
      const lines = readFileSync(join(folder, name), 'utf8').split('\n');
      const close = lines[0] === '---' ? lines.indexOf('---', 1) : -1;
      if (close < 0) {
        problems.push(`${where}: expected a front-matter block followed by the labels and reasons lines`);
        return [];
      }
      const verdicts = commentVerdicts(where, lines[close + 1], lines[close + 2], problems);
      if (!verdicts) return [];
      // The label lines are blanked so their words (rule names, reasons) can never reach a rule.
      const text = [...lines.slice(0, close + 1), '', '', ...lines.slice(close + 3)].join('\n');
      return [{ id: name.replace(/\.md$/, ''), part: 'front-matter' as const, ...verdicts, source: `${where}:1`, markdown: { text, firstLine: 1 } }];
    });
}

function commentVerdicts(where: string, labelsLine: string | undefined, reasonsLine: string | undefined, problems: string[]) {
  const labels = commentJson(where, 'labels', labelsLine, problems);
  const reasons = commentJson(where, 'reasons', reasonsLine, problems);
  return labels === undefined || reasons === undefined ? null : labelsAndReasons(where, labels, reasons, problems);
}

function commentJson(where: string, key: 'labels' | 'reasons', line: string | undefined, problems: string[]): unknown {
  const match = COMMENT_LINE.exec(line ?? '');
  if (match?.[1] !== key) {
    problems.push(`${where}: expected a '<!-- ${key}: {...} -->' line, got ${line === undefined ? 'the end of the file' : JSON.stringify(line)}`);
    return undefined;
  }
  return parseJson(`${where} ${key}`, match[2]!, problems) ?? undefined;
}

function labelsAndReasons(where: string, labels: unknown, reasons: unknown, problems: string[]): Pick<Case, 'labels' | 'reasons'> | null {
  if (!isRecord(labels) || !isRecord(reasons)) {
    problems.push(`${where}: labels and reasons must be JSON objects`);
    return null;
  }
  const bad = [
    ...Object.entries(labels).filter(([, value]) => typeof value !== 'boolean').map(([rule]) => `label of ${rule} is not true/false`),
    ...Object.entries(reasons).filter(([, value]) => typeof value !== 'string').map(([rule]) => `reason of ${rule} is not a string`),
  ];
  if (Object.keys(labels).length === 0) bad.push('no rule is labelled');
  for (const problem of bad) problems.push(`${where}: ${problem}`);
  return bad.length > 0 ? null : { labels: labels as Record<string, boolean>, reasons: reasons as Record<string, string> };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function parseJson(where: string, text: string, problems: string[]): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    problems.push(`${where}: invalid JSON (${error instanceof Error ? error.message : String(error)})`);
    return null;
  }
}

function missing(path: string, problems: string[]): Case[] {
  problems.push(`${path}: not found`);
  return [];
}
