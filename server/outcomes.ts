// The outcome map of a backlog, for the editor: which outcomes its outcomes files declare and which
// stories serve each. Definition, references, hover, completion and the outline read it.
import { relative, sep } from 'node:path';
import type { Location, Position } from 'vscode-languageserver';
import type { BacklogStory, FileResult, OutcomeMetric, Span } from '../core';
import { rangeOf } from './diagnostics';
import type { Project, ProjectFile } from './project';


/** An outcome a backlog declares: a heading with an outcome id in one of its outcomes files. */
export interface DeclaredOutcome {
  id: string;
  /** Where the id is written in the heading: where go-to-definition lands. */
  idSpan: Span;
  title: string;
  metric?: OutcomeMetric;
  file: ProjectFile;
  /** 1-based line of the heading. */
  line: number;
}

/** A story's reference to the outcome it serves (front matter, a **Serves:** lead-in or a link). */
export interface OutcomeLink {
  /** The id as written. */
  id: string;
  span: Span;
  file: ProjectFile;
  storyIndex: number;
}

/** What one file's stories declare and reference, kept per result: a request reads every file of the backlog. */
interface FileOutcomes {
  outcomes: { id: string; idSpan: Span; title: string; metric?: OutcomeMetric; storyIndex: number }[];
  references: { id: string; span: Span; storyIndex: number }[];
}

const extracted = new WeakMap<FileResult, FileOutcomes>();

function outcomesOf(result: FileResult): FileOutcomes {
  let found = extracted.get(result);
  if (found) return found;
  found = { outcomes: [], references: [] };
  const stories: readonly BacklogStory[] = result.stories;
  stories.forEach((story, storyIndex) => {
    if (story.kind === 'outcome' && story.id) {
      const { metric } = story;
      found!.outcomes.push({ id: story.id.text, idSpan: story.id.span, title: story.title, ...(metric ? { metric } : {}), storyIndex });
    }
    for (const reference of story.serves ?? []) found!.references.push({ id: reference.id, span: reference.span, storyIndex });
  });
  extracted.set(result, found);
  return found;
}

/** Outcome ids compare as the outcome rules compare them: case aside. */
const keyOf = (id: string): string => id.toLowerCase();

const contains = (span: Span, offset: number): boolean => span[0] <= offset && offset <= span[1];

export interface OutcomeMapOptions {
  displayPath: (filePath: string) => string;
  scanned: boolean;
  complete: boolean;
}

/**
 * The outcomes one backlog declares (the files checked with the same backlog settings as a file,
 * as the backlog rules see them) and every story's references to them.
 */
export class OutcomeMap {
  private readonly outcomes = new Map<string, DeclaredOutcome>();
  private readonly references = new Map<string, OutcomeLink[]>();

  private constructor(
    readonly displayPath: (filePath: string) => string,
    /** Every file of the workspace has been read (else an id not found may be in a file not read yet). */
    readonly scanned: boolean,
  ) {}

  /**
   * The map of `file`'s backlog from the files linted so far, and the outcomes files read but not
   * yet linted (linted now: work the backlog pass does next anyway). With `complete` every file
   * read is linted first, for definition and references; hover, completion and the outline do not
   * hold the server up for that, so their serving counts may lag the background scan.
   */
  static of(project: Project, file: ProjectFile, { displayPath, scanned, complete }: OutcomeMapOptions): OutcomeMap {
    for (const unlinted of project.unlinted()) if (complete || project.declaresOutcomes(unlinted)) project.lintStoriesOf(unlinted);
    const map = new OutcomeMap(displayPath, scanned);
    for (const candidate of project.all()) {
      if (!candidate.storyResult || candidate.backlog !== file.backlog) continue;
      const { outcomes, references } = outcomesOf(candidate.storyResult);
      for (const outcome of outcomes) {
        const key = keyOf(outcome.id);
        // The first declaration wins, as unique-id reports the second.
        if (!map.outcomes.has(key)) map.outcomes.set(key, { ...outcome, file: candidate, line: candidate.document.positionAt(outcome.idSpan[0]).line + 1 });
      }
      for (const reference of references) {
        const key = keyOf(reference.id);
        const list = map.references.get(key) ?? [];
        if (list.length === 0) map.references.set(key, list);
        list.push({ ...reference, file: candidate });
      }
    }
    return map;
  }

  /** The backlog declares outcomes: stories are traced to them (else the outcome features stay silent). */
  get declares(): boolean {
    return this.outcomes.size > 0;
  }

  /** The declared outcomes, in backlog order. */
  all(): DeclaredOutcome[] {
    return [...this.outcomes.values()];
  }

  outcome(id: string): DeclaredOutcome | undefined {
    return this.outcomes.get(keyOf(id));
  }

  /** Every reference to an outcome id, in backlog order. */
  referencesTo(id: string): OutcomeLink[] {
    return this.references.get(keyOf(id)) ?? [];
  }

  /** How many stories serve an outcome (a story naming it twice counts once). */
  servingCount(id: string): number {
    return new Set(this.referencesTo(id).map((reference) => `${reference.file.filePath}\u0000${reference.storyIndex}`)).size;
  }

  /** The outcome id under an offset of a file: a story's reference to it, or an outcome's own heading. */
  idAt(file: ProjectFile, offset: number): { id: string; span: Span; declaration: boolean } | undefined {
    if (!file.storyResult) return undefined;
    const { outcomes, references } = outcomesOf(file.storyResult);
    const reference = references.find((candidate) => contains(candidate.span, offset));
    if (reference) return { id: reference.id, span: reference.span, declaration: false };
    const stories = file.storyResult.stories;
    const outcome = outcomes.find((candidate) => contains(candidate.idSpan, offset) || contains(stories[candidate.storyIndex]!.titleSpan, offset));
    return outcome && { id: outcome.id, span: outcome.idSpan, declaration: true };
  }

  /** The references of one story of a file, in the order it names them. */
  referencesOf(file: ProjectFile, storyIndex: number): { id: string; span: Span }[] {
    return file.storyResult ? outcomesOf(file.storyResult).references.filter((reference) => reference.storyIndex === storyIndex) : [];
  }
}

const locationOf = (file: ProjectFile, span: Span): Location => ({ uri: file.uri, range: rangeOf(file.document, span) });

/** Go to definition: from a reference (or an outcome's own heading) to the outcome's id in its heading. */
export function outcomeDefinition(map: OutcomeMap, file: ProjectFile, position: Position): Location[] | null {
  const here = map.idAt(file, file.document.offsetAt(position));
  const outcome = here && map.outcome(here.id);
  return outcome ? [locationOf(outcome.file, outcome.idSpan)] : null;
}

/** Find all references: every story's reference to the outcome under the position, the declaration first when asked for. */
export function outcomeReferences(map: OutcomeMap, file: ProjectFile, position: Position, includeDeclaration: boolean): Location[] | null {
  const here = map.idAt(file, file.document.offsetAt(position));
  if (!here) return null;
  const outcome = map.outcome(here.id);
  // By file and place: the same list whichever file the scan read first.
  const references = map
    .referencesTo(here.id)
    .map((reference) => locationOf(reference.file, reference.span))
    .sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character));
  return includeDeclaration && outcome ? [locationOf(outcome.file, outcome.idSpan), ...references] : references;
}

/** "Activation rate: 20% → 35%", or what of it the outcome states. */
export function metricLine(metric: OutcomeMetric | undefined): string | undefined {
  if (!metric) return undefined;
  const change = metric.baseline || metric.target ? `${metric.baseline ?? '?'} → ${metric.target ?? '?'}` : '';
  if (metric.metric && change) return `${metric.metric}: ${change}`;
  return metric.metric || change || undefined;
}

export const servedBy = (count: number): string => (count === 0 ? 'served by no story' : `served by ${count} ${count === 1 ? 'story' : 'stories'}`);

/** A path as the user reads it: relative to the workspace folder it is in. */
export function workspacePath(roots: readonly string[], filePath: string): string {
  const root = roots.find((candidate) => filePath.startsWith(candidate + sep));
  return root ? relative(root, filePath).split(sep).join('/') : filePath;
}

/** The hover of an outcome reference: the outcome's title, metric, where it is declared and how many stories serve it. */
export function outcomeHoverText(map: OutcomeMap, id: string): string {
  const outcome = map.outcome(id);
  if (!outcome) {
    if (!map.scanned) return `**${id}**: not found in the files read so far (the workspace is still being read).`;
    const declared = map.all().map((candidate) => candidate.id);
    return `**${id}** is not an outcome this backlog declares${declared.length > 0 ? ` (declared: ${declared.join(', ')})` : ''}.`;
  }
  const lines = [`**${[outcome.id, outcome.title].filter(Boolean).join(' ')}**`, ''];
  const metric = metricLine(outcome.metric);
  if (metric) lines.push(`Metric: ${metric}`, '');
  const where = `${map.displayPath(outcome.file.filePath)}:${outcome.line}`;
  lines.push(`[${where}](${outcome.file.uri}#L${outcome.line}) · ${servedBy(map.servingCount(outcome.id))}`);
  return lines.join('\n');
}
