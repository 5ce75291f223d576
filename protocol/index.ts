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

/**
 * The configuration's current state, sent when it changes: the one problem to show (with where to
 * open it), or none once the configuration is valid again. Sent only to a client that asks for it
 * with `initializationOptions.configStatus: true`; other clients get plain LSP messages.
 */
export const CONFIG_STATUS_NOTIFICATION = 'storylint/configStatus';
export interface ConfigProblem {
  /** The sentence to show: where, what, and which configuration is used meanwhile. */
  message: string;
  /** The config file, when the problem is in one (not, say, in the storylint.configFile setting). */
  uri?: string;
  /** 1-based, when known. */
  line?: number;
  column?: number;
}
/** Said once when a configuration problem that was shown is gone. */
export const CONFIG_VALID_AGAIN = 'Storylint configuration is valid again.';
export interface ConfigStatus {
  /** Absent: the configuration is valid (again). */
  problem?: ConfigProblem;
}

/** What "Fix all problems in the workspace" would change, for the client to confirm before anything is written. */
export const FIX_PLAN_REQUEST = 'storylint/fixPlan';
export interface FixPlanFile {
  uri: string;
  /** The path relative to its workspace folder. */
  name: string;
  /** Fixes applied to the file (a fix that makes another possible counts both). */
  fixes: number;
}
export interface FixPlan {
  /** Backlog files (files with stories) that the fixes change, in path order. */
  files: FixPlanFile[];
  fixes: number;
}

/** "Apply 14 fixes in 3 files?": the question asked before the workspace fix writes anything (the client's modal, a server's message). */
export function fixPlanQuestion(plan: FixPlan): string {
  const fixes = plan.fixes === 1 ? '1 fix' : `${plan.fixes} fixes`;
  const files = plan.files.length === 1 ? '1 file' : `${plan.files.length} files`;
  return `Apply ${fixes} in ${files}?`;
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

/** The commands the server runs (workspace/executeCommand), for the client's palette commands and the server's actions and lenses. */
export const SERVER_COMMANDS = {
  showDocumentation: 'storylint.server.showDocumentation',
  fixStory: 'storylint.server.fixStory',
  fixFile: 'storylint.server.fixFile',
  /** Arguments: the URIs of the files the user confirmed (see FIX_PLAN_REQUEST); none makes the server ask. */
  fixWorkspace: 'storylint.server.fixWorkspace',
  showFindings: 'storylint.server.showFindings',
} as const;

/** Folders never walked or searched for stories and config files: the server's scan and the web client's search skip them alike. */
export const SKIPPED_FOLDERS: readonly string[] = ['node_modules', '.git', '.hg', '.svn'];

/**
 * The web extension's server runs in a Web Worker, without a disk: it reads the workspace through
 * the client (`vscode.workspace.fs`) with these requests, which the browser client serves. A server
 * on Node reads its disk and never sends them.
 */
export const READ_DIRECTORY_REQUEST = 'storylint/readDirectory';
export interface ReadDirectoryParams {
  uri: string;
}
/** The folder's entries; `directory` is false for a link to one (the scan does not follow links); null when it cannot be read. */
export type ReadDirectoryResponse = { name: string; directory: boolean }[] | null;

/** A file's text, read only when it is a file of at most `limit` bytes. */
export const READ_FILE_REQUEST = 'storylint/readFile';
export interface ReadFileParams {
  uri: string;
  limit: number;
}
/** Its text; 'not-a-file' or 'too-large' when it was not read; null when it does not exist or cannot be read. */
export type ReadFileResponse = { text: string } | 'not-a-file' | 'too-large' | null;

/**
 * Every file of the workspace folders with one of these names (config files), with its text: null
 * for one that is not read (larger than `limit`, not a file, unreadable). `node_modules` and version
 * control folders are not searched.
 */
export const FIND_FILES_REQUEST = 'storylint/findFiles';
export interface FindFilesParams {
  names: string[];
  limit: number;
}
export type FindFilesResponse = { uri: string; text: string | null }[];
