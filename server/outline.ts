import { type CodeLens, type DocumentSymbol, SymbolKind } from 'vscode-languageserver';
import type { FindingSeverity, Span, Story } from '../core';
import { SERVER_COMMANDS } from '../protocol';
import { rangeOf } from './diagnostics';
import { storyName } from './hover';
import { metricLine, type OutcomeMap, servedBy } from './outcomes';
import type { ProjectFile } from './project';

/**
 * Stories (with id and score) and their sections, for the Outline view and breadcrumbs. In a backlog
 * that declares outcomes, a story file's stories are grouped under the outcomes they serve, and an
 * outcomes file's outcomes say how many stories serve them.
 */
export function documentSymbols(file: ProjectFile, outcomes?: OutcomeMap): DocumentSymbol[] {
  const result = file.result;
  if (!result) return [];
  const symbols = result.stories.map((story, index) => storySymbol(file, story, index, outcomes));
  if (!outcomes?.declares || result.stories.every((story) => story.kind === 'outcome')) return symbols.map(({ symbol }) => symbol);
  return groupedByOutcome(file, symbols, outcomes);
}

interface Placed {
  symbol: DocumentSymbol;
  span: Span;
}

function storySymbol(file: ProjectFile, story: Story, index: number, outcomes: OutcomeMap | undefined): Placed {
  const children: DocumentSymbol[] = story.sections.map((section) => ({
    name: section.name || section.kind,
    detail: section.kind,
    kind: SymbolKind.Property,
    range: rangeOf(file.document, section.span),
    selectionRange: rangeOf(file.document, section.nameSpan),
  }));
  // A parent must contain its children: front-matter sections sit above a file story's body.
  const span: Span = [
    Math.min(story.span[0], story.titleSpan[0], ...story.sections.map((section) => section.span[0])),
    Math.max(story.span[1], story.titleSpan[1], ...story.sections.map((section) => section.span[1])),
  ];
  const outcome = story.kind === 'outcome' && story.id !== undefined;
  const symbol: DocumentSymbol = {
    name: storyName(story.id?.text, story.title) || '(untitled story)',
    detail: outcome && outcomes ? servedBy(outcomes.servingCount(story.id!.text)) : `quality ${file.result!.scores[index]}`,
    kind: outcome ? SymbolKind.Namespace : SymbolKind.Class,
    range: rangeOf(file.document, span),
    selectionRange: rangeOf(file.document, story.titleSpan),
    children,
  };
  return { symbol, span };
}

const NO_OUTCOME = '\u0000none';

/** One symbol per outcome the file's stories serve (declared ones in backlog order), then "No outcome"; a story serving two is under both. */
function groupedByOutcome(file: ProjectFile, placed: Placed[], outcomes: OutcomeMap): DocumentSymbol[] {
  const groups = new Map<string, { id: string; members: Placed[] }>();
  for (const outcome of outcomes.all()) groups.set(outcome.id.toLowerCase(), { id: outcome.id, members: [] });
  const ungrouped: DocumentSymbol[] = [];
  file.result!.stories.forEach((story, index) => {
    if (story.kind === 'outcome') return void ungrouped.push(placed[index]!.symbol);
    const ids = outcomes.referencesOf(file, index).map((reference) => reference.id);
    const keys = new Set(ids.length > 0 ? ids.map((id) => id.toLowerCase()) : [NO_OUTCOME]);
    for (const key of keys) {
      if (!groups.has(key)) groups.set(key, { id: key === NO_OUTCOME ? '' : ids.find((id) => id.toLowerCase() === key)!, members: [] });
      groups.get(key)!.members.push(placed[index]!);
    }
  });
  const none = groups.get(NO_OUTCOME);
  groups.delete(NO_OUTCOME);
  if (none) groups.set(NO_OUTCOME, none);
  const symbols = [...groups.values()].filter((group) => group.members.length > 0).map(({ id, members }) => {
    const declared = id ? outcomes.outcome(id) : undefined;
    const span: Span = [Math.min(...members.map((member) => member.span[0])), Math.max(...members.map((member) => member.span[1]))];
    return {
      name: id ? storyName(declared?.id ?? id, declared?.title ?? '') : 'No outcome',
      detail: declared ? (metricLine(declared.metric) ?? servedBy(outcomes.servingCount(id))) : id ? 'not a declared outcome' : `${members.length} ${members.length === 1 ? 'story' : 'stories'}`,
      kind: SymbolKind.Namespace,
      range: rangeOf(file.document, span),
      selectionRange: members[0]!.symbol.selectionRange,
      children: members.map((member) => member.symbol),
    };
  });
  return [...ungrouped, ...symbols];
}

const PLURAL: Record<FindingSeverity, [string, string]> = { error: ['error', 'errors'], warning: ['warning', 'warnings'], info: ['info', 'infos'] };

/** "Quality 72 · 1 error, 2 warnings" above each story; a click fixes the story or shows its findings. */
export function codeLenses(file: ProjectFile): CodeLens[] {
  const result = file.result;
  if (!result) return [];
  return result.stories.map((story, index) => {
    const findings = result.findings.filter((finding) => finding.storyIndex === index);
    const counts = (['error', 'warning', 'info'] as const)
      .map((severity) => ({ severity, count: findings.filter((finding) => finding.severity === severity).length }))
      .filter(({ count }) => count > 0)
      .map(({ severity, count }) => `${count} ${PLURAL[severity][count === 1 ? 0 : 1]}`);
    const summary = counts.length > 0 ? counts.join(', ') : 'no problems';
    const fixable = findings.some((finding) => finding.fix);
    const title = `Quality ${result.scores[index]} · ${summary}${fixable ? ' · fix' : ''}`;
    const range = rangeOf(file.document, [story.titleSpan[0], story.titleSpan[0]]);
    if (fixable) return { range, command: { title, command: SERVER_COMMANDS.fixStory, arguments: [file.uri, index] } };
    if (findings.length > 0) return { range, command: { title, command: SERVER_COMMANDS.showFindings, arguments: [file.uri, index] } };
    return { range, command: { title, command: '' } };
  });
}
