import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  backlogKey,
  BacklogState,
  carriedBacklogFindings,
  type FileResult,
  type Finding,
  leanResult,
  lintFile,
  isOutcomesFile,
  lintOptionsFor,
  type ParseCache,
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
  /**
   * The story result plus the backlog rules' findings: after an edit, those carried over from the
   * result before it until the backlog rules have run (see Project.lintEdited).
   */
  result?: FileResult;
  /** The result of the text this one replaced, until the new text is linted. */
  replaced?: FileResult;
  /** The group of files with the same backlog rules and settings this file is checked with. */
  backlog?: string;
}

export function skipReason(text: string): SkipReason | undefined {
  if (text.length > MAX_FILE_LENGTH) return 'too-large';
  if (text.includes('\u0000')) return 'binary';
  return undefined;
}

/**
 * The workspace's story files and their lint results, in two steps an edit goes through: story
 * rules per file (cached until the file's text changes; parse trees per heading chunk and findings
 * per unchanged story are cached too, so an edit re-parses one chunk), then backlog rules per
 * group of files (BacklogState), which re-check only the stories linked to the files that changed.
 * Each step costs what changed, not the workspace: the project keeps the files waiting for each
 * step, and the results not yet published.
 */
export class Project {
  private readonly files = new Map<string, ProjectFile>();
  /** Each file's place in the backlog: the order the files were first seen, as `all()` lists them. */
  private readonly ranks = new Map<string, number>();
  private nextRank = 0;
  /** Files whose story rules have not run on their current text. */
  private readonly unlintedFiles = new Set<ProjectFile>();
  /** Files linted or removed since the backlog rules last ran, by group. */
  private readonly backlogChanges = new Map<string, { changed: Set<ProjectFile>; removed: Set<string> }>();
  /** Files whose result changed since it was last taken for publishing. */
  private readonly unpublishedFiles = new Set<ProjectFile>();
  /** The backlog findings per group of files with the same backlog rules and settings. */
  private readonly backlogs = new Map<string, BacklogState>();
  private readonly loggedFailures = new Set<string>();

  constructor(
    /**
     * The server's one cache, outliving config changes: parse trees and the stories built from them
     * by chunk text, story findings by story text per resolved config. Its one rule: a value is
     * keyed by the text and the settings or config it came from, so nothing is ever invalidated
     * (a new text or config is a new key) and the least recently used go beyond its capacity.
     */
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

  /** Every file by path: for lists a person reads (the report, the fix plan), the same whichever read finished first. */
  allByPath(): ProjectFile[] {
    return this.all().sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));
  }

  /** Records a file's text; `version` is the editor's version for open files. */
  set(filePath: string, uri: string, text: string, version: number, open: boolean, skipped?: SkipReason): ProjectFile {
    const previous = this.files.get(filePath);
    if (previous && previous.document.getText() === text && previous.open === open && previous.document.version === version && (!skipped || previous.skipped === skipped)) return previous;
    const file: ProjectFile = {
      filePath,
      uri,
      document: TextDocument.create(uri, 'markdown', version, text),
      open,
      skipped: skipped ?? skipReason(text) ?? (this.config.ignores(filePath) ? 'ignored' : undefined),
    };
    if (!this.ranks.has(filePath)) this.ranks.set(filePath, this.nextRank++);
    // Same text (a file opened as it is on disk): the results stand, only open and version changed;
    // unless the file is opened and its result is lean (a scanned file's, see lintStories).
    if (previous?.storyResult && previous.document.getText() === text && previous.skipped === file.skipped && !(open && previous.storyResult.lean)) {
      Object.assign(file, { storyResult: previous.storyResult, result: previous.result, backlog: previous.backlog });
      const changes = this.backlogChangesOf(file.backlog!);
      if (changes.changed.delete(previous)) changes.changed.add(file);
      this.unpublishedFiles.delete(previous);
      if (file.result) this.unpublishedFiles.add(file);
    } else {
      if (previous) this.forget(previous);
      if (!file.skipped) {
        file.replaced = previous?.result ?? previous?.replaced;
        this.unlintedFiles.add(file);
      }
      // A skipped file is published as such (nothing, or why it was skipped).
      else this.unpublishedFiles.add(file);
    }
    this.files.set(filePath, file);
    return file;
  }

  delete(filePath: string): ProjectFile | undefined {
    const file = this.files.get(filePath);
    if (!file) return undefined;
    this.forget(file);
    this.files.delete(filePath);
    this.ranks.delete(filePath);
    return file;
  }

  /** Files whose story rules have not run on their current text. */
  unlinted(): ProjectFile[] {
    return [...this.unlintedFiles];
  }

  /** Files whose result changed since they were last published. */
  unpublished(): ProjectFile[] {
    return [...this.unpublishedFiles];
  }

  published(file: ProjectFile): void {
    this.unpublishedFiles.delete(file);
  }

  /** Whether a file declares product outcomes: its config's `outcomes` globs select it, or its front matter says `type: outcomes`. */
  declaresOutcomes(file: ProjectFile): boolean {
    if (isOutcomesFile(this.config.forFile(file.filePath).settings, file.filePath)) return true;
    // The front matter's first lines only: a cheap look, not a parse (the lint decides).
    const head = file.document.getText().slice(0, 2000);
    return head.startsWith('---') && head.split(/\r?\n/, 40).some((line) => /^type\s*:\s*["']?outcomes["']?\s*$/i.test(line));
  }

  /** Runs the story rules of one file on its current text (cached until the text changes). */
  lintStoriesOf(file: ProjectFile): void {
    if (file.storyResult || file.skipped) return;
    file.storyResult = this.lintStories(file.filePath, file.document.getText(), file.open);
    file.backlog = backlogKey(this.config.forFile(file.filePath), rules);
    this.unlintedFiles.delete(file);
    this.backlogChangesOf(file.backlog).changed.add(file);
  }

  /**
   * The story rules of an edited file, with the backlog findings its stories had before the edit
   * moved to where they are now: what the editor shows at once, until the backlog rules have run.
   */
  lintEdited(file: ProjectFile): void {
    this.lintStoriesOf(file);
    if (file.result || !file.storyResult) return;
    const before = file.replaced;
    file.replaced = undefined;
    file.result = before ? withBacklogFindings(file.storyResult, carriedBacklogFindings(before, file.storyResult, rules), rules) : file.storyResult;
    this.unpublishedFiles.add(file);
  }

  /**
   * Brings the backlog findings up to date with the files linted since the last call, which gives
   * each file touched its full result. Per backlog (files with the same backlog settings, as the
   * CLI groups them) only the files that changed and the stories linked to them are re-checked.
   * At most about `maxStories` stories are taken in per call, so that the caller can yield between
   * calls; true when files are left for the next call.
   */
  lintBacklog(maxStories = Infinity): boolean {
    for (const [key, changes] of this.backlogChanges) {
      const batch = new Set<ProjectFile>();
      let stories = 0;
      for (const file of changes.changed) {
        if (stories >= maxStories) break;
        batch.add(file);
        stories += file.storyResult!.stories.length;
      }
      for (const file of batch) changes.changed.delete(file);
      // A file replaced by a newer text still waiting is replaced when that text goes in.
      const waiting = (filePath: string) => {
        const file = this.files.get(filePath);
        return file !== undefined && file.backlog === key && (batch.has(file) || changes.changed.has(file));
      };
      const removed = [...changes.removed].filter((filePath) => !waiting(filePath));
      changes.removed.clear();
      if (changes.changed.size === 0) this.backlogChanges.delete(key);
      const first = [...batch][0];
      let state = this.backlogs.get(key);
      if (!state && !first) continue;
      if (!state) this.backlogs.set(key, (state = new BacklogState(lintOptionsFor(this.config.forFile(first!.filePath), { rules }))));
      const touched = state.update(
        [...batch].map((file) => ({ result: file.storyResult!, rank: this.ranks.get(file.filePath)! })),
        removed,
      );
      for (const filePath of touched) {
        const file = this.files.get(filePath);
        if (!file?.storyResult || file.backlog !== key) continue;
        file.result = withBacklogFindings(file.storyResult, state.findingsOf(filePath), rules);
        this.unpublishedFiles.add(file);
        for (const finding of file.result.findings) if (finding.messageId === 'rule-failed') this.logFailure(file, finding);
      }
      if (stories >= maxStories) break;
    }
    return this.backlogChanges.size > 0;
  }

  /** Stories each backlog rule has re-checked so far, over every backlog (storylint/stats: tests count work). */
  backlogExamined(): Record<string, number> {
    const examined = (ruleName: string) => [...this.backlogs.values()].reduce((sum, state) => sum + state.examined(ruleName), 0);
    return Object.fromEntries(rules.filter((rule) => rule.scope === 'backlog').map((rule) => [rule.name, examined(rule.name)]));
  }

  /**
   * Lints a text as if it were `filePath`, for fixes: story rules only. No backlog rule has a fix
   * (tests/lsp.test.ts checks this), so the fix loop need not run them across every file.
   */
  lintForFixes(filePath: string, text: string): FileResult {
    return this.lintStories(filePath, text, true);
  }

  /** Takes a file that is replaced or deleted out of every step it was waiting for. */
  private forget(file: ProjectFile): void {
    this.unlintedFiles.delete(file);
    this.unpublishedFiles.delete(file);
    if (!file.backlog) return;
    const changes = this.backlogChangesOf(file.backlog);
    changes.changed.delete(file);
    if (this.backlogs.get(file.backlog)?.resultOf(file.filePath)) changes.removed.add(file.filePath);
  }

  private backlogChangesOf(key: string): { changed: Set<ProjectFile>; removed: Set<string> } {
    let changes = this.backlogChanges.get(key);
    if (!changes) this.backlogChanges.set(key, (changes = { changed: new Set(), removed: new Set() }));
    return changes;
  }

  private lintStories(filePath: string, text: string, open: boolean): FileResult {
    const config = this.config.forFile(filePath);
    // Only open files are edited: a scanned file's parse trees would sit in the cache unused, and
    // of its stories only the backlog rules and the report read anything after this lint.
    if (!open) return leanResult(lintFile(filePath, text, lintOptionsFor(config, { rules })));
    return lintFile(filePath, text, lintOptionsFor(config, { rules, cache: this.cache, memo: new StoryFindingsMemo(this.cache.derived(config)) }));
  }

  private logFailure(file: ProjectFile, finding: Finding): void {
    const key = `${finding.ruleId}\u0000${finding.message}`;
    if (this.loggedFailures.has(key)) return;
    this.loggedFailures.add(key);
    this.log(`Rule ${finding.ruleId} threw in ${file.filePath}:${finding.line}: ${finding.message}`);
  }
}
