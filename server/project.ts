import { TextDocument } from 'vscode-languageserver-textdocument';
import { type FileResult, type Finding, lintBacklogWithConfig, lintFile, lintOptionsFor, type ParseCache, type ResolvedConfig, StoryFindingsMemo } from '../core';
import { rules } from '../rules';
import type { WorkspaceConfig } from './config';

/** Files above this size are skipped: linting them on every keystroke would stall the editor. */
export const MAX_FILE_LENGTH = 2_000_000;

export type SkipReason = 'binary' | 'too-large' | 'ignored';

export interface ProjectFile {
  filePath: string;
  /** The URI the client knows the file by (its own spelling when the file is open). */
  uri: string;
  document: TextDocument;
  open: boolean;
  skipped?: SkipReason;
  /** Story rules' result for the current text; undefined when it must be linted again. */
  storyResult?: FileResult;
  /** The story result plus the backlog rules' findings. */
  result?: FileResult;
  /** Identity of the findings last published, to publish only what changed. */
  findingsKey?: string;
}

export function skipReason(text: string): SkipReason | undefined {
  if (text.length > MAX_FILE_LENGTH) return 'too-large';
  if (text.includes('\u0000')) return 'binary';
  return undefined;
}

/**
 * The workspace's story files and their lint results. Story rules run per file and are cached until
 * the file's text changes (parse trees per heading chunk are cached too, so an edit re-parses one
 * chunk); backlog rules run across the cached results of every file after each change.
 */
export class Project {
  private readonly files = new Map<string, ProjectFile>();
  private readonly loggedFailures = new Set<string>();
  /** Story findings of unchanged stories, one memo per resolved config (the memo ignores settings). */
  private readonly memos = new WeakMap<ResolvedConfig, StoryFindingsMemo>();

  constructor(
    /** One parse cache per server: it outlives config changes, parse trees do not depend on config. */
    readonly cache: ParseCache,
    private readonly config: WorkspaceConfig,
    private readonly log: (message: string) => void,
  ) {}

  get(filePath: string): ProjectFile | undefined {
    return this.files.get(filePath);
  }

  all(): ProjectFile[] {
    return [...this.files.values()];
  }

  /** Records a file's text; `version` is the editor's version for open files. */
  set(filePath: string, uri: string, text: string, version: number, open: boolean): ProjectFile {
    const previous = this.files.get(filePath);
    if (previous && previous.document.getText() === text && previous.open === open && previous.document.version === version) return previous;
    const file: ProjectFile = {
      filePath,
      uri,
      document: TextDocument.create(uri, 'markdown', version, text),
      open,
      skipped: skipReason(text) ?? (this.config.ignores(filePath) ? 'ignored' : undefined),
      findingsKey: previous?.findingsKey ?? '',
    };
    // Same text (e.g. a file opened as it is on disk): keep the story result, the lint is done.
    if (previous && previous.document.getText() === text && previous.skipped === file.skipped) file.storyResult = previous.storyResult;
    this.files.set(filePath, file);
    return file;
  }

  delete(filePath: string): ProjectFile | undefined {
    const file = this.files.get(filePath);
    this.files.delete(filePath);
    return file;
  }

  /** Lints what changed and runs the backlog rules; returns the files whose findings changed. */
  refresh(): ProjectFile[] {
    for (const file of this.files.values()) {
      if (!file.storyResult && !file.skipped) file.storyResult = this.lintStories(file.filePath, file.document.getText());
    }
    const withStories = this.all().filter((file) => file.storyResult && file.storyResult.stories.length > 0);
    const results = withStories.map((file) => copyResult(file.storyResult!));
    this.lintBacklog(results);
    const next = new Map(withStories.map((file, index) => [file, results[index]!]));

    const changed: ProjectFile[] = [];
    for (const file of this.files.values()) {
      file.result = next.get(file) ?? file.storyResult;
      const key = findingsKey(file.result?.findings ?? []);
      if (key !== file.findingsKey) changed.push(file);
      file.findingsKey = key;
      for (const finding of file.result?.findings ?? []) if (finding.messageId === 'rule-failed') this.logFailure(file, finding);
    }
    return changed;
  }

  /** Lints a text as if it were `filePath` in this workspace (story and backlog rules): for fixes. */
  lintInContext(filePath: string, text: string): FileResult {
    const result = this.lintStories(filePath, text);
    const others = this.all()
      .filter((file) => file.filePath !== filePath && file.storyResult && file.storyResult.stories.length > 0)
      .map((file) => copyResult(file.storyResult!));
    this.lintBacklog([result, ...others]);
    return result;
  }

  private lintStories(filePath: string, text: string): FileResult {
    const config = this.config.forFile(filePath);
    let memo = this.memos.get(config);
    if (!memo) this.memos.set(config, (memo = new StoryFindingsMemo()));
    return lintFile(filePath, text, lintOptionsFor(config, { rules, cache: this.cache, memo }));
  }

  /** Backlog rules across files with the same backlog settings, as the CLI groups them. */
  private lintBacklog(results: FileResult[]): void {
    lintBacklogWithConfig(results.map((result) => ({ result, config: this.config.forFile(result.filePath) })), { rules });
  }

  private logFailure(file: ProjectFile, finding: Finding): void {
    const key = `${finding.ruleId}\u0000${finding.message}`;
    if (this.loggedFailures.has(key)) return;
    this.loggedFailures.add(key);
    this.log(`Rule ${finding.ruleId} threw in ${file.filePath}:${finding.line}: ${finding.message}`);
  }
}

/** lintBacklog adds findings to the results it gets: give it copies, keep the cached story results clean. */
function copyResult(result: FileResult): FileResult {
  return { ...result, findings: [...result.findings], suppressed: [...result.suppressed], scores: [...result.scores] };
}

function findingsKey(findings: readonly Finding[]): string {
  return findings
    .map((f) => `${f.ruleId}|${f.severity}|${f.span[0]}:${f.span[1]}|${f.message}|${(f.related ?? []).map((r) => `${r.filePath}:${r.span[0]}`).join(',')}`)
    .join('\n');
}
