import { type CodeLens, type DocumentSymbol, SymbolKind } from 'vscode-languageserver';
import type { FindingSeverity, Span } from '../core';
import { SERVER_COMMANDS } from '../protocol';
import { rangeOf } from './diagnostics';
import { storyName } from './hover';
import type { ProjectFile } from './project';

/** Stories (with id and score) and their sections, for the Outline view and breadcrumbs. */
export function documentSymbols(file: ProjectFile): DocumentSymbol[] {
  const result = file.result;
  if (!result) return [];
  return result.stories.map((story, index) => {
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
    return {
      name: storyName(story.id?.text, story.title) || '(untitled story)',
      detail: `quality ${result.scores[index]}`,
      kind: SymbolKind.Class,
      range: rangeOf(file.document, span),
      selectionRange: rangeOf(file.document, story.titleSpan),
      children,
    };
  });
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
