import whyTexts from 'storylint:rule-docs';
import { ErrorCodes, type Hover, MarkupKind, type Position, ResponseError } from 'vscode-languageserver';
import type { Finding, FindingSeverity } from '../core';
import type { RuleDocumentResponse } from '../protocol';
import { rules } from '../rules';
import { rangeOf, ruleDocsLink } from './diagnostics';
import { type OutcomeMap, outcomeHoverText, servedBy } from './outcomes';
import type { ProjectFile } from './project';

const SEVERITY_LABEL: Record<FindingSeverity, string> = { error: 'Error', warning: 'Warning', info: 'Info' };

/**
 * A story's heading shows its score and findings; a finding's range shows why its rule matters; a
 * reference to an outcome shows the outcome (`outcomes`: the map of the file's backlog).
 */
export function hover(file: ProjectFile, position: Position, outcomes?: OutcomeMap): Hover | null {
  const result = file.result;
  if (!result) return null;
  const offset = file.document.offsetAt(position);
  const reference = outcomes?.idAt(file, offset);
  if (reference && !reference.declaration) {
    return { contents: { kind: MarkupKind.Markdown, value: outcomeHoverText(outcomes!, reference.id) }, range: rangeOf(file.document, reference.span) };
  }
  const storyIndex = result.stories.findIndex((story) => story.titleSpan[0] <= offset && offset <= story.titleSpan[1]);
  if (storyIndex !== -1) {
    const story = result.stories[storyIndex]!;
    const findings = result.findings.filter((finding) => finding.storyIndex === storyIndex);
    const served = story.kind === 'outcome' && story.id && outcomes ? ` · ${servedBy(outcomes.servingCount(story.id.text))}` : '';
    const lines = [`**${storyName(story.id?.text, story.title)}**: quality ${result.scores[storyIndex]}/100${served}`, ''];
    if (findings.length === 0) lines.push('No problems found.');
    for (const finding of findings) lines.push(`- ${SEVERITY_LABEL[finding.severity]}: ${finding.message} ([${finding.ruleId}](${ruleDocsLink(finding.ruleId)}))`);
    return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n') }, range: rangeOf(file.document, story.titleSpan) };
  }
  const here = result.findings.filter((finding) => finding.span[0] <= offset && offset <= finding.span[1]);
  if (here.length === 0) return null;
  const rulesHere = [...new Map(here.map((finding) => [finding.ruleId, finding])).values()];
  return {
    contents: { kind: MarkupKind.Markdown, value: rulesHere.map(explain).join('\n\n---\n\n') },
    range: rangeOf(file.document, here[0]!.span),
  };
}

function explain(finding: Finding): string {
  const why = whyTexts[finding.ruleId];
  return [`**${finding.ruleId}**`, why ? `\n\n${why}` : '', `\n\n[Documentation](${ruleDocsLink(finding.ruleId)})`].join('');
}

export const storyName = (id: string | undefined, title: string): string => (id && !title.includes(id) ? `${id} ${title}`.trimEnd() : title);

/** A rule's whole documentation page, as installed with this server (`readPage` reads it where the server runs). */
export async function ruleDocument(rule: unknown, readPage: (rule: string) => Promise<string>): Promise<RuleDocumentResponse> {
  if (typeof rule !== 'string' || !rules.some((known) => known.name === rule)) {
    throw new ResponseError(ErrorCodes.InvalidParams, `Storylint has no rule named ${JSON.stringify(rule)}.`);
  }
  try {
    return { markdown: await readPage(rule) };
  } catch (error) {
    throw new ResponseError(ErrorCodes.InternalError, `The documentation of ${rule} is not installed (${error instanceof Error ? error.message : String(error)}).`);
  }
}
