// The two lint passes and the edits waiting for them. The story pass lints the documents edited
// since it last ran and publishes them at once; the backlog pass follows once typing pauses. Each
// is a Scheduler: an edit supersedes a pass in progress, which stops at its next slice.
import type { Project, ProjectFile } from './project';
import type { Publisher } from './publisher';
import { type Run, Scheduler } from './scheduler';
import type { ServerSettings } from './settings';

/**
 * Stories the backlog rules take in at once before the pass yields to the event loop: the first pass
 * after a scan of 20,000 files would otherwise hold every request for seconds. A request can wait
 * for about two batches (the one running and the one queued before it); at 200 stories a batch
 * took up to 62 ms there, at 100 up to 31 ms (bench/server-latency.mjs --workspace 20000).
 */
const BACKLOG_BATCH_STORIES = 100;

/** Files published between two waits for the client to have been sent them. */
const PUBLISH_BATCH = 50;

/** What the passes take from the server. */
export interface PassHost {
  /** Settings and config of the latest reload are in place. */
  configured(): Promise<void>;
  /** The latest reload's project, and whether linting is on. */
  session(): { readonly project: Project; readonly settings: ServerSettings };
  /** An open document as a project file with its latest text; undefined once closed or outside the workspace. */
  openFile(uri: string): ProjectFile | undefined;
  /** Quiet time after the story pass before the backlog pass. */
  backlogDelayMs(): number;
  logFailure(doing: string, error: unknown): void;
}

/** The story pass and the backlog pass, and the open documents edited since the last story pass. */
export class Passes {
  private readonly edited = new Set<string>();
  private readonly storyPass = new Scheduler((run) => this.guarded('linting the edited files', () => this.lintEdited(run)));
  private readonly backlogPass = new Scheduler((run) => this.guarded('linting the backlog', () => this.lintBacklog(run)));
  private backlogRuns = 0;

  constructor(
    private readonly host: PassHost,
    private readonly publisher: Publisher,
  ) {}

  /** Backlog passes run so far (storylint/stats: tests count work, not time). */
  get backlogLints(): number {
    return this.backlogRuns;
  }

  /** A document just opened: its story pass at once. */
  opened(uri: string): void {
    this.edited.add(uri);
    this.storyPass.schedule(0);
  }

  /** A document to lint again: its story pass after `delay`, and no backlog pass before that. */
  changed(uri: string, delay: number): void {
    this.edited.add(uri);
    this.backlogPass.cancel();
    this.storyPass.schedule(delay);
  }

  closed(uri: string): void {
    this.edited.delete(uri);
  }

  /** After a reload: no backlog pass until the scan schedules one, and the open documents linted again at once. */
  restart(openUris: readonly string[]): void {
    this.backlogPass.cancel();
    for (const uri of openUris) this.edited.add(uri);
    if (this.edited.size > 0) this.storyPass.schedule(0);
  }

  scheduleBacklog(delay: number): void {
    this.backlogPass.schedule(delay);
  }

  /** Runs the story pass now if the document has an edit waiting for it. */
  async lintIfEdited(uri: string): Promise<void> {
    if (this.edited.has(uri)) await this.storyPass.flush();
  }

  /** Once both passes are done, those they scheduled included. */
  async settled(): Promise<void> {
    while (this.storyPass.busy || this.backlogPass.busy) {
      await this.storyPass.flush();
      await this.backlogPass.flush();
    }
  }

  /** Runs one pass's work, logging a failure instead of leaving it unhandled. */
  private async guarded(doing: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.host.logFailure(doing, error);
    }
  }

  /**
   * At start-up and after a reload, before the workspace scan reads a file: the open documents'
   * story rules and the backlog rules over what is known so far (the open documents), published at
   * once. The backlog pass after the scan publishes what the rest of the workspace changes.
   */
  lintOpenFirst(): void {
    const { project, settings } = this.host.session();
    if (!settings.enable) return;
    for (const file of this.takeEdited()) project.lintEdited(file);
    project.lintBacklog();
    for (const file of project.unpublished()) this.publish(file);
  }

  /** The story rules of the documents edited since the last story pass, published at once. */
  private async lintEdited(run: Run): Promise<void> {
    await this.host.configured();
    if (run.superseded()) return;
    const { project, settings } = this.host.session();
    const files = this.takeEdited();
    if (!settings.enable || files.length === 0) return;
    for (const file of files) {
      project.lintEdited(file);
      this.publish(file);
    }
    this.backlogPass.schedule(this.host.backlogDelayMs());
  }

  /** The documents edited since the last story pass, with their latest text; none is waiting after this. */
  private takeEdited(): ProjectFile[] {
    const files = [...this.edited].flatMap((uri) => this.host.openFile(uri) ?? []);
    this.edited.clear();
    return files;
  }

  /**
   * Story rules of the files not linted yet (open ones first), the backlog rules over what changed,
   * then publishing every result that changed; stops at a slice when a newer edit supersedes it.
   */
  private async lintBacklog(run: Run): Promise<void> {
    await this.host.configured();
    if (run.superseded()) return;
    const { project, settings } = this.host.session();
    if (!settings.enable) return this.publisher.clearAllBut(() => false);
    const unlinted = project.unlinted().sort((a, b) => Number(b.open) - Number(a.open));
    if (!(await run.slices(unlinted, (file) => project.lintStoriesOf(file)))) return;
    this.backlogRuns++;
    while (project.lintBacklog(BACKLOG_BATCH_STORIES)) if (!(await run.pause())) return;
    let published = 0;
    for (const file of project.unpublished()) {
      this.publish(file);
      if (++published % PUBLISH_BATCH !== 0) continue;
      await this.publisher.written();
      if (run.superseded()) return;
    }
  }

  private publish(file: ProjectFile): void {
    this.host.session().project.published(file);
    this.publisher.publish(file);
  }
}
