// SARIF reportingDescriptors: what GitHub code scanning shows about a rule beside each alert.
import { type AnyRule, docsUrl, type FindingSeverity } from '../../core/engine/rule';

export type SarifLevel = 'error' | 'warning' | 'note';
export const LEVEL: Record<FindingSeverity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

/** Findings that come from the engine itself rather than from a rule (see core/engine/directives.ts). */
const ENGINE_RULES: Record<string, { description: string; why: string }> = {
  'unused-disable-directive': {
    description: 'A storylint-disable comment that silences nothing',
    why: 'A directive that silences nothing hides nothing today but will silence a real finding later: remove it, or name the rule it was meant for.',
  },
  'unknown-rule-in-directive': {
    description: 'A storylint directive names a rule that does not exist',
    why: 'A misspelt rule name in a directive silences nothing, so the finding it was meant for is still reported: correct the name (see the README).',
  },
};

export interface SarifRule {
  id: string;
  name?: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri?: string;
  defaultConfiguration: { level: SarifLevel };
  properties?: { tags: string[] };
}

/** The friendly name SARIF asks for beside the id: a Pascal-case identifier (`story-format` is StoryFormat). */
const friendlyName = (id: string): string => id.replace(/(?:^|[^A-Za-z0-9]+)([A-Za-z0-9])/g, (_whole, first: string) => first.toUpperCase());

/** The page without its generated header (title, severity, options: SARIF says those elsewhere). */
const pageBody = (page: string): string => {
  const end = page.indexOf('<!-- end of generated header -->');
  return (end === -1 ? page : page.slice(end + '<!-- end of generated header -->'.length)).trim();
};

/** The paragraphs of the page's `## <heading>` section, each on one line (Markdown line breaks are soft). */
export function sectionParagraphs(page: string, heading: string): string[] {
  const paragraphs: string[] = [];
  let inside = false;
  let current: string[] = [];
  const flush = () => {
    if (current.length > 0) paragraphs.push(current.join(' '));
    current = [];
  };
  for (const line of page.split(/\r?\n/)) {
    if (line.startsWith('## ')) {
      if (inside) break;
      inside = line.slice(3).trim() === heading;
    } else if (inside && line.trim() === '') flush();
    else if (inside) current.push(line.trim());
  }
  flush();
  return paragraphs;
}

/** A rule's descriptor: the Why of its page as the full description, Why and Fix as plain help, the whole page as Markdown help. */
export function describeRule(rule: Pick<AnyRule, 'name' | 'description' | 'severity' | 'tags'>, page: string | undefined): SarifRule {
  const url = docsUrl(rule.name);
  const why = page === undefined ? [] : sectionParagraphs(page, 'Why');
  const fix = page === undefined ? [] : sectionParagraphs(page, 'Fix');
  const text = [rule.description, ...why, ...(fix.length > 0 ? [`Fix: ${fix.join(' ')}`] : []), `Documentation: ${url}`].join('\n\n');
  const markdown = [rule.description, ...(page === undefined ? [] : [pageBody(page)]), `[Documentation](${url})`].join('\n\n');
  return {
    id: rule.name,
    name: friendlyName(rule.name),
    shortDescription: { text: rule.description },
    fullDescription: { text: why[0] ?? rule.description },
    help: { text, markdown },
    helpUri: url,
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: { tags: [...rule.tags] },
  };
}

/** The descriptor of a rule id the run's rules do not hold: an engine finding, or a rule of another version. */
export function describeOtherRule(ruleId: string, severity: FindingSeverity): SarifRule {
  const engine = ENGINE_RULES[ruleId];
  const description = engine?.description ?? `Findings of ${ruleId}`;
  const why = engine?.why ?? description;
  return {
    id: ruleId,
    name: friendlyName(ruleId),
    shortDescription: { text: description },
    fullDescription: { text: why },
    help: { text: `${description}\n\n${why}`, markdown: `${description}\n\n${why}` },
    defaultConfiguration: { level: LEVEL[severity] },
  };
}
