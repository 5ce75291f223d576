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
  /** The document's findings, all of them (the code lens, hover and report count these). */
  findings: number;
  /** Findings left out of the diagnostics: an editor shows at most 1,000 per file, so only the most important are sent. */
  omitted: number;
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
  /** Files the workspace scans have read from disk so far. */
  scanReads: number;
  /** Files the scan had read when diagnostics were first sent for an open document; absent until then. */
  scanReadsAtFirstDiagnostics?: number;
}

/** Text put into an HTML page: the report and the client's one-sentence pages escape it alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
