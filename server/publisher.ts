import type { Connection } from 'vscode-languageserver';
import { diagnosticsKey, diagnosticsOf } from './diagnostics';
import type { ProjectFile } from './project';

/** File summary for the client's status item: how many stories the file has and their average score. */
export const FILE_SUMMARY_NOTIFICATION = 'storylint/fileSummary';

/** Stands for what an open document shows after a reload: never a real key, so it is published again. */
const REPUBLISH = '\u0000republish';

/**
 * What the client shows per URI, and the one place that sends diagnostics: a file is sent only
 * when what it would show differs from what was sent (see diagnosticsKey).
 */
export class Publisher {
  /** A URI not here shows nothing. */
  private readonly shown = new Map<string, string>();

  constructor(
    private readonly connection: Connection,
    private readonly uriOf: (filePath: string) => string,
    private readonly versionOf: (uri: string) => number | undefined,
  ) {}

  publish(file: ProjectFile): void {
    const key = diagnosticsKey(file);
    if ((this.shown.get(file.uri) ?? '') === key) return;
    if (key === '') this.shown.delete(file.uri);
    else this.shown.set(file.uri, key);
    this.connection.sendDiagnostics({ uri: file.uri, version: file.open ? file.document.version : undefined, diagnostics: diagnosticsOf(file, this.uriOf) });
    if (file.open) this.sendSummary(file);
  }

  clear(uri: string): void {
    this.shown.delete(uri);
    this.connection.sendDiagnostics({ uri, version: this.versionOf(uri), diagnostics: [] });
  }

  /** Clears every URI `keep` says no to (files gone, ignored, or all when linting is off). */
  clearAllBut(keep: (uri: string) => boolean): void {
    for (const uri of [...this.shown.keys()]) if (!keep(uri)) this.clear(uri);
  }

  /** After a reload, a document is published again even unchanged: the client sees it was re-checked. */
  republish(uri: string): void {
    if (this.shown.has(uri)) this.shown.set(uri, REPUBLISH);
  }

  private sendSummary(file: ProjectFile): void {
    const scores = file.result?.scores ?? [];
    const average = scores.length > 0 ? Math.round(scores.reduce((sum, score) => sum + score, 0) / scores.length) : undefined;
    void this.connection.sendNotification(FILE_SUMMARY_NOTIFICATION, { uri: file.uri, stories: scores.length, averageScore: average });
  }
}
