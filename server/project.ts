import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  backlogKey,
  BacklogState,
  type FileResult,
  type Finding,
  leanResult,
  lintFile,
  lintOptionsFor,
  type ParseCache,
  type ResolvedConfig,
  StoryFindingsMemo,
  withBacklogFindings,
} from '../core';
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
 * chunk); backlog rules keep their findings per backlog (BacklogState) and, in a pass the server
 * debounces, re-check only the stories linked to the files that changed.
 */
export class Project {
  private readonly files = new Map<string, ProjectFile>();
  /** Each file's place in the backlog: the order the files were first seen, as `all()` lists them. */
  private readonly ranks = new Map<string, number>();
  private nextRank = 0;
  /** The backlog findings per group of files with the same backlog rules and settings. */
  private readonly backlogs = new Map<string, BacklogState>();
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
    if (!this.ranks.has(filePath)) this.ranks.set(filePath, this.nextRank++);
    // Same text (e.g. a file opened as it is on disk): keep the story result, the lint is done;
    // unless the file is opened and its result is lean (a scanned file's, see lintStories).
    if (previous && previous.document.getText() === text && previous.skipped === file.skipped && !(open && previous.storyResult?.lean)) file.storyResult = previous.storyResult;
    this.files.set(filePath, file);
    return file;
  }

  delete(filePath: string): ProjectFile | undefined {
    const file = this.files.get(filePath);
    this.files.delete(filePath);
    this.ranks.delete(filePath);
    return file;
  }

  /** Files whose story rules have not run on their current text. */
  unlinted(): ProjectFile[] {
    return this.all().filter((file) => !file.storyResult && !file.skipped);
  }

  /** Runs the story rules of one file on its current text (cached until the text changes). */
  lintStoriesOf(file: ProjectFile): void {
    if (!file.storyResult && !file.skipped) file.storyResult = this.lintStories(file.filePath, file.document.getText(), file.open);
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
   * Brings the backlog findings up to date with the linted files, which gives each its full result.
   * Per backlog (files with the same backlog settings, as the CLI groups them) only the files that
   * changed and the stories linked to them are re-checked; a file whose findings did not change
   * keeps its result.
   */
  lintBacklog(): void {
    const groups = new Map<string, { config: ResolvedConfig; files: ProjectFile[] }>();
    for (const file of this.all()) {
      if (!file.storyResult) continue;
      const config = this.config.forFile(file.filePath);
      const key = backlogKey(config, rules);
      const group = groups.get(key) ?? { config, files: [] };
      group.files.push(file);
      groups.set(key, group);
    }
    for (const key of this.backlogs.keys()) if (!groups.has(key)) this.backlogs.delete(key);
    for (const [key, { config, files }] of groups) {
      let state = this.backlogs.get(key);
      if (!state) this.backlogs.set(key, (state = new BacklogState(lintOptionsFor(config, { rules }))));
      const present = new Set(files.map((file) => file.filePath));
      const removed = [...state.paths()].filter((filePath) => !present.has(filePath));
      const changed = files.filter((file) => state.resultOf(file.filePath) !== file.storyResult);
      const touched = state.update(
        changed.map((file) => ({ result: file.storyResult!, rank: this.ranks.get(file.filePath)! })),
        removed,
      );
      for (const file of files) {
        if (file.result && file.result !== file.storyResult && !touched.has(file.filePath)) continue;
        file.result = withBacklogFindings(file.storyResult!, state.findingsOf(file.filePath), rules);
        for (const finding of file.result.findings) if (finding.messageId === 'rule-failed') this.logFailure(file, finding);
      }
    }
  }

  /** Stories a backlog rule has re-checked so far, over every backlog (storylint/stats: tests count work). */
  backlogExamined(ruleName: string): number {
    return [...this.backlogs.values()].reduce((sum, state) => sum + state.examined(ruleName), 0);
  }

  /**
   * Lints a text as if it were `filePath`, for fixes: story rules only. No backlog rule has a fix
   * (tests/lsp.test.ts checks this), so the fix loop need not run them across every file.
   */
  lintForFixes(filePath: string, text: string): FileResult {
    return this.lintStories(filePath, text, true);
  }

  private lintStories(filePath: string, text: string, open: boolean): FileResult {
    const config = this.config.forFile(filePath);
    let memo = this.memos.get(config);
    if (!memo) this.memos.set(config, (memo = new StoryFindingsMemo()));
    // Only open files are edited: a scanned file's parse trees would sit in the cache unused, and
    // of its stories only the backlog rules and the report read anything after this lint.
    const result = lintFile(filePath, text, lintOptionsFor(config, { rules, cache: open ? this.cache : undefined, memo: open ? memo : undefined }));
    return open ? result : leanResult(result);
  }

  private logFailure(file: ProjectFile, finding: Finding): void {
    const key = `${finding.ruleId}\u0000${finding.message}`;
    if (this.loggedFailures.has(key)) return;
    this.loggedFailures.add(key);
    this.log(`Rule ${finding.ruleId} threw in ${file.filePath}:${finding.line}: ${finding.message}`);
  }
}
