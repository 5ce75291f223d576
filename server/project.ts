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
}

export function skipReason(text: string): SkipReason | undefined {
  if (text.length > MAX_FILE_LENGTH) return 'too-large';
  if (text.includes('\u0000')) return 'binary';
  return undefined;
}

/**
 * The workspace's story files and their lint results. Story rules run per file and are cached until
 * the file's text changes (parse trees per heading chunk are cached too, so an edit re-parses one
 * chunk); backlog rules run across the cached results of every file in a pass the server debounces.
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

  /** Files whose story rules have not run on their current text. */
  unlinted(): ProjectFile[] {
    return this.all().filter((file) => !file.storyResult && !file.skipped);
  }

  /** Runs the story rules of one file on its current text (cached until the text changes). */
  lintStoriesOf(file: ProjectFile): void {
    if (!file.storyResult && !file.skipped) file.storyResult = this.lintStories(file.filePath, file.document.getText());
  }

  /**
   * The file with a result for its current text, for a request about it: its story findings now,
   * and the backlog findings once the next backlog pass has run (it does not wait for that pass).
   */
  lintAlone(file: ProjectFile): ProjectFile {
    this.lintStoriesOf(file);
    file.result ??= file.storyResult;
    return file;
  }

  /**
   * Runs the backlog rules across every linted file, which gives each its full result. They run
   * across files with the same backlog settings, as the CLI groups them.
   */
  lintBacklog(): void {
    const linted = this.all().filter((file) => file.storyResult);
    const withStories = linted.filter((file) => file.storyResult!.stories.length > 0);
    const results = withStories.map((file) => copyResult(file.storyResult!));
    lintBacklogWithConfig(results.map((result) => ({ result, config: this.config.forFile(result.filePath) })), { rules });
    const next = new Map(withStories.map((file, index) => [file, results[index]!]));
    for (const file of linted) {
      file.result = next.get(file) ?? file.storyResult;
      for (const finding of file.result!.findings) if (finding.messageId === 'rule-failed') this.logFailure(file, finding);
    }
  }

  /**
   * Lints a text as if it were `filePath`, for fixes: story rules only. No backlog rule has a fix
   * (tests/lsp.test.ts checks this), so the fix loop need not run them across every file.
   */
  lintForFixes(filePath: string, text: string): FileResult {
    return this.lintStories(filePath, text);
  }

  private lintStories(filePath: string, text: string): FileResult {
    const config = this.config.forFile(filePath);
    let memo = this.memos.get(config);
    if (!memo) this.memos.set(config, (memo = new StoryFindingsMemo()));
    return lintFile(filePath, text, lintOptionsFor(config, { rules, cache: this.cache, memo }));
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
