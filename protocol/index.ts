/**
 * What the storylint language server and its VS Code client say to each other beyond LSP: the
 * names of the extra requests and notifications and their payloads. The client imports nothing
 * else of the project, so its bundle carries no engine code.
 */

/** The backlog report of the workspace as one self-contained HTML page (scripts inline, no resources). */
export const REPORT_REQUEST = 'storylint/report';
export interface ReportResponse {
  html: string;
}

/** Sent with a document's diagnostics: how many stories it has and their average score, for the status item. */
export const FILE_SUMMARY_NOTIFICATION = 'storylint/fileSummary';
export interface FileSummary {
  uri: string;
  stories: number;
  /** Absent for a document without stories. */
  averageScore?: number;
}

/** Test and benchmark hook: work done so far, answered once pending work is done (tests count work, not time). */
export const STATS_REQUEST = 'storylint/stats';
export interface ServerStats {
  /** Chunks parsed so far (parse-cache misses). */
  parses: number;
  /** Backlog passes run so far. */
  backlogLints: number;
  /** Per backlog rule, the stories it has re-checked so far. */
  backlogExamined: Record<string, number>;
  /** Files the server holds. */
  files: number;
}

/**
 * A rule's page inside the extension, read-only and as installed: `storylint-docs:/rules/<rule>.md`.
 * Diagnostics and hovers link here unless `storylint.docsBaseUrl` names the team's published docs;
 * a client shows it with the text that RULE_DOCUMENT_REQUEST answers.
 */
export const RULE_DOCS_SCHEME = 'storylint-docs';
export const ruleDocsUri = (rule: string): string => `${RULE_DOCS_SCHEME}:/rules/${encodeURIComponent(rule)}.md`;

/** The rule a `storylint-docs:` address names, undefined for any other address. */
export function ruleOfDocsUri(uri: string): string | undefined {
  const prefix = `${RULE_DOCS_SCHEME}:/rules/`;
  if (!uri.startsWith(prefix) || !uri.endsWith('.md')) return undefined;
  let rule: string;
  try {
    rule = decodeURIComponent(uri.slice(prefix.length, -'.md'.length));
  } catch {
    return undefined; // a malformed escape
  }
  return rule && !rule.includes('/') ? rule : undefined;
}

/** A rule's documentation page as Markdown (rules/<rule>.md of the installed version); an error for an unknown rule. */
export const RULE_DOCUMENT_REQUEST = 'storylint/ruleDocument';
export interface RuleDocumentParams {
  rule: string;
}
export interface RuleDocumentResponse {
  markdown: string;
}

/** Text put into an HTML page: the report and the client's one-sentence pages escape it alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
