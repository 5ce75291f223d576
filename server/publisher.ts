import type { Connection, Diagnostic } from 'vscode-languageserver';
import { type FileResult, sameFindings } from '../core';
import { FILE_SUMMARY_NOTIFICATION, type FileSummary } from '../protocol';
import { diagnosticsOf } from './diagnostics';
import type { ProjectFile, SkipReason } from './project';

/** What the client shows for a URI: the document version (open files) and the result it came from. */
interface Shown {
  version?: number;
  result?: FileResult;
  skipped?: SkipReason;
}

/** What an open document shows after a reload: equal to nothing, so the document is published again. */
const REPUBLISH: Shown = {};

/**
 * Problems VS Code shows per file: its extension host passes on at most 1,000 of the diagnostics a
 * language server sends for a file, by severity (ExtHostDiagnostics._maxDiagnosticsPerFile in
 * extHostDiagnostics.ts), so past that squiggles stop while the code lens still counts. The server
 * sends at most this many itself, the most important first, and tells the status item how many it
 * left out.
 */
export const MAX_DIAGNOSTICS_PER_FILE = 1000;

/**
 * What the client shows per URI, and the one place that sends diagnostics: a file is sent only
 * when what it would show differs from what was sent. An edited document has a new version, so
 * it is sent without comparing findings; findings are compared only when the version is the same.
 */
export class Publisher {
  /** A URI not here shows nothing. */
  private readonly shown = new Map<string, Shown>();
  /** The last diagnostics sent, written once this settles (messages are written in order). */
  private lastSent: Promise<void> = Promise.resolve();

  constructor(
    private readonly connection: Connection,
    private readonly uriOf: (filePath: string) => string,
    private readonly versionOf: (uri: string) => number | undefined,
    /** Hears of each publish of an open document (storylint/stats). */
    private readonly sentOpen: () => void = () => undefined,
  ) {}

  publish(file: ProjectFile): void {
    const next = shownOf(file);
    if (sameShown(this.shown.get(file.uri), next)) return;
    if (next) this.shown.set(file.uri, next);
    else this.shown.delete(file.uri);
    const all = diagnosticsOf(file, this.uriOf);
    const diagnostics = mostImportant(all, MAX_DIAGNOSTICS_PER_FILE);
    this.lastSent = this.connection.sendDiagnostics({ uri: file.uri, version: file.open ? file.document.version : undefined, diagnostics });
    if (!file.open) return;
    this.sendSummary(file, all.length - diagnostics.length);
    this.sentOpen();
  }

  /**
   * Once what was sent so far is written to the client. Publishing thousands of files waits for
   * this now and then, so that a request's answer is not queued behind all of them.
   */
  async written(): Promise<void> {
    await this.lastSent.catch(() => undefined);
  }

  clear(uri: string): void {
    this.shown.delete(uri);
    this.connection.sendDiagnostics({ uri, version: this.versionOf(uri), diagnostics: [] });
  }

  /**
   * The client opened a file under another spelling of its URI than the scan published it under
   * (`%40` for `@`, say): the same file to the client, so clearing the old spelling would clear it.
   */
  forget(uri: string): void {
    this.shown.delete(uri);
  }

  /** Clears every URI `keep` says no to (files gone, ignored, or all when linting is off). */
  clearAllBut(keep: (uri: string) => boolean): void {
    for (const uri of [...this.shown.keys()]) if (!keep(uri)) this.clear(uri);
  }

  /** After a reload, a document is published again even unchanged: the client sees it was re-checked. */
  republish(uri: string): void {
    if (this.shown.has(uri)) this.shown.set(uri, REPUBLISH);
  }

  private sendSummary(file: ProjectFile, omitted: number): void {
    const scores = file.result?.scores ?? [];
    const average = scores.length > 0 ? Math.round(scores.reduce((sum, score) => sum + score, 0) / scores.length) : undefined;
    const findings = file.skipped ? 0 : (file.result?.findings.length ?? 0);
    const summary: FileSummary = { uri: file.uri, stories: scores.length, averageScore: average, findings, omitted };
    void this.connection.sendNotification(FILE_SUMMARY_NOTIFICATION, summary);
  }
}

/**
 * At most `max` diagnostics: all of them in position order when they fit, else errors, then
 * warnings, then infos, each by position, so what the editor shows is what matters most.
 */
function mostImportant(diagnostics: Diagnostic[], max: number): Diagnostic[] {
  if (diagnostics.length <= max) return diagnostics;
  const rank = (diagnostic: Diagnostic) => diagnostic.severity ?? Number.MAX_SAFE_INTEGER;
  const byPosition = (a: Diagnostic, b: Diagnostic) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
  return [...diagnostics].sort((a, b) => rank(a) - rank(b) || byPosition(a, b)).slice(0, max);
}

/** What publishing the file shows; undefined for nothing (a closed file without findings). */
function shownOf(file: ProjectFile): Shown | undefined {
  const version = file.open ? file.document.version : undefined;
  if (file.skipped) return file.skipped === 'too-large' || file.open ? { version, skipped: file.skipped } : undefined;
  if (!file.open && !file.result?.findings.length) return undefined;
  return { version, result: file.result };
}

function sameShown(a: Shown | undefined, b: Shown | undefined): boolean {
  if (a === REPUBLISH || b === REPUBLISH || !a || !b) return a === b;
  if (a.version !== b.version || a.skipped !== b.skipped) return false;
  if (a.result === b.result) return true;
  return a.result !== undefined && b.result !== undefined && sameFindings(a.result.findings, b.result.findings);
}
