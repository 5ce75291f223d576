// The baseline (--baseline-file, --write-baseline): today's findings recorded so that only new ones
// are reported. A finding is known by its file, its story (id, or title without one), its rule and
// its message with the numbers taken out, counted: moving a story or adding lines above it keeps it
// known, and a rule's new finding in another story is reported.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { ConfigError, type ConfigSource, type KeyPath, parseConfigText } from '../core/config/load';
import type { FileResult, Finding } from '../core/engine/lint';
import type { CliOptions } from './args';
import { describeFsError } from './files';
import { writeFileAtomic } from './io';

/** Where --write-baseline writes without --baseline-file (in the current folder). */
export const DEFAULT_BASELINE_FILE = '.storylint-baseline.json';

const FORMAT_VERSION = 1;
/** The key of findings that belong to no story (a directive problem, a file-level finding). */
const NO_STORY = '(no story)';
const HOW_TO_FIX = 'fix it, or write a new one with --write-baseline';

/** Recorded findings: file (relative to the baseline's folder, `/`) → story → rule → message → count. */
type Recorded = Record<string, Record<string, Record<string, Record<string, number>>>>;

export interface Baseline {
  path: string;
  files: Recorded;
}

/**
 * --write-baseline records the findings (then none is reported); --baseline-file drops the ones it
 * records and says when some no longer occur.
 */
export function baselined(
  results: FileResult[],
  options: Pick<CliOptions, 'baselineFile' | 'writeBaseline'>,
  cwd: string,
  log: { warn(message: string): void; fail(message: string): void },
  recorded = baselineToApply(options, cwd),
): FileResult[] {
  if (!options.writeBaseline && options.baselineFile === undefined) return results;
  const path = resolve(cwd, options.baselineFile ?? DEFAULT_BASELINE_FILE);
  const shown = relative(cwd, path) || path;
  if (options.writeBaseline) {
    try {
      const { baseline, findings } = writeBaseline(path, results);
      log.warn(`recorded ${findings} finding${findings === 1 ? '' : 's'} of ${results.length} file${results.length === 1 ? '' : 's'} in the baseline '${shown}'`);
      return applyBaseline(baseline, results).results;
    } catch (error) {
      log.fail(`cannot write the baseline '${shown}': ${describeFsError(error)}`);
      return results;
    }
  }
  const outcome = applyBaseline(recorded!, results);
  if (outcome.unused > 0) {
    log.warn(`${outcome.unused} finding${outcome.unused === 1 ? '' : 's'} recorded in the baseline '${shown}' no longer occur${outcome.unused === 1 ? 's' : ''}; run with --write-baseline to prune ${outcome.unused === 1 ? 'it' : 'them'}`);
  }
  return outcome.results;
}

/** The baseline --baseline-file names (read before linting, so a bad one costs no lint run); none with --write-baseline. */
export function baselineToApply(options: Pick<CliOptions, 'baselineFile' | 'writeBaseline'>, cwd: string): Baseline | undefined {
  return options.baselineFile === undefined || options.writeBaseline ? undefined : readBaseline(resolve(cwd, options.baselineFile));
}

/** The baseline's file; a missing, unreadable or malformed one is a ConfigError naming it (exit 2). */
export function readBaseline(path: string): Baseline {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const hint = (error as NodeJS.ErrnoException).code === 'ENOENT' ? '; create it with --write-baseline' : '';
    throw new ConfigError(path, `cannot read the baseline: ${describeFsError(error)}${hint}`);
  }
  let source: ConfigSource;
  try {
    source = parseConfigText(path, text);
  } catch (error) {
    const problem = error as ConfigError;
    throw new ConfigError(path, `${problem.detail}; ${HOW_TO_FIX}`, problem.place);
  }
  const fail = (keyPath: KeyPath, message: string): never => {
    const key = keyPath.length > 0 ? `"${keyPath.join('.')}": ` : '';
    throw new ConfigError(path, `not a storylint baseline: ${key}${message}; ${HOW_TO_FIX}`, source.locate(keyPath));
  };
  const data = source.data as { version?: unknown; files?: unknown };
  if (!isRecord(data)) fail([], 'expected an object');
  if (data.version !== FORMAT_VERSION) fail(['version'], `expected version ${FORMAT_VERSION}, got ${JSON.stringify(data.version)}`);
  checkLevels(data.files, ['files'], ['file', 'story', 'rule', 'message'], fail);
  return { path, files: data.files as Recorded };
}

/** Each level an object keyed by the next; the last one's values whole counts of at least 1. */
function checkLevels(value: unknown, path: KeyPath, levels: readonly string[], fail: (keyPath: KeyPath, message: string) => never): void {
  if (levels.length === 0) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) fail(path, `expected a count (a whole number of at least 1), got ${JSON.stringify(value)}`);
    return;
  }
  if (!isRecord(value)) fail(path, `expected an object of findings by ${levels[0]}`);
  for (const [key, item] of Object.entries(value)) checkLevels(item, [...path, key], levels.slice(1), fail);
}

/** What applying a baseline left: the results without the recorded findings, and how many recorded ones no longer occur. */
export interface BaselineOutcome {
  results: FileResult[];
  unused: number;
}

/** Drops the findings the baseline records, up to its count per file, story, rule and message (in text order). */
export function applyBaseline(baseline: Baseline, results: readonly FileResult[]): BaselineOutcome {
  const dir = dirname(baseline.path);
  let unused = 0;
  const kept = results.map((result) => {
    const file = fileKey(dir, result.filePath);
    const stories = Object.hasOwn(baseline.files, file) ? baseline.files[file] : undefined;
    if (!stories) return result;
    const remaining = new Map<string, number>();
    for (const [story, byRule] of Object.entries(stories)) {
      for (const [rule, messages] of Object.entries(byRule)) {
        for (const [message, count] of Object.entries(messages)) {
          const key = matchKey(story, rule, message);
          remaining.set(key, (remaining.get(key) ?? 0) + count);
        }
      }
    }
    const findings = result.findings.filter((finding) => {
      const key = matchKey(storyKey(result, finding), finding.ruleId, finding.message);
      const left = remaining.get(key) ?? 0;
      if (left > 0) remaining.set(key, left - 1);
      return left === 0;
    });
    for (const left of remaining.values()) unused += left;
    return findings.length === result.findings.length ? result : { ...result, findings };
  });
  // A recorded file that is gone has nothing left to suppress; one merely not linted this run still may.
  const linted = new Set(results.map((result) => fileKey(dir, result.filePath)));
  for (const [file, stories] of Object.entries(baseline.files)) {
    if (!linted.has(file) && !existsSync(resolve(dir, file))) unused += countOf(stories);
  }
  return { results: kept, unused };
}

/**
 * Writes the findings of these results as the baseline, atomically, keys sorted. Files of an
 * earlier baseline that this run did not lint keep their entries while they exist, so linting part
 * of the backlog does not forget the rest. Returns the baseline written and its finding count.
 */
export function writeBaseline(path: string, results: readonly FileResult[]): { baseline: Baseline; findings: number } {
  const dir = dirname(path);
  // No prototype: a file or story named like an Object property is just a key.
  const files: Recorded = Object.create(null);
  for (const [file, stories] of Object.entries(previousEntries(path))) {
    if (existsSync(resolve(dir, file))) files[file] = stories;
  }
  let findings = 0;
  for (const result of results) {
    const key = fileKey(dir, result.filePath);
    delete files[key];
    for (const finding of result.findings) {
      const messages = ((files[key] ??= Object.create(null))[storyKey(result, finding)] ??= Object.create(null))[finding.ruleId] ??= Object.create(null);
      messages[finding.message] = (messages[finding.message] ?? 0) + 1;
      findings++;
    }
  }
  const baseline = { path, files };
  writeFileAtomic(path, `${JSON.stringify(sortedKeys({ version: FORMAT_VERSION, files }), null, 2)}\n`);
  return { baseline, findings };
}

/** The entries of the baseline being replaced; none when it is missing or malformed (it is being rewritten). */
function previousEntries(path: string): Recorded {
  try {
    return readBaseline(path).files;
  } catch {
    return {};
  }
}

/** The findings an entry records, at any level. */
const countOf = (entry: unknown): number => (typeof entry === 'number' ? entry : Object.values(entry as object).reduce((sum: number, item) => sum + countOf(item), 0));

const fileKey = (dir: string, filePath: string): string => relative(dir, filePath).split(sep).join('/');

/** A story is known by its id, or by its title when it has none. */
function storyKey(result: FileResult, finding: Finding): string {
  const story = finding.storyIndex === undefined ? undefined : result.stories[finding.storyIndex];
  return story ? (story.id?.text ?? story.title) || NO_STORY : NO_STORY;
}

/** Numbers in messages are lines, counts and shares that change with unrelated edits: they do not tell findings apart. */
const matchKey = (story: string, rule: string, message: string): string => `${story}\u0000${rule}\u0000${message.replace(/\d+/g, '#')}`;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A copy with every object's keys in sorted order: the file diffs well. */
function sortedKeys(value: unknown): unknown {
  if (!isRecord(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortedKeys(value[key])]),
  );
}
