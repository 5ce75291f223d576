import { join, relative, sep } from 'node:path';
import picomatch from 'picomatch';
import { type FileEvent, FileChangeType } from 'vscode-languageserver';
import type { WorkspaceConfig } from './config';
import { NOT_REGULAR, type ServerHost, TOO_LARGE } from './host';
import { MAX_FILE_LENGTH, type Project, type ProjectFile } from './project';
import { SKIPPED_FOLDERS } from '../protocol';

const MARKDOWN_EXTENSIONS = ['.md', '.markdown'];
export const MARKDOWN_GLOBS = MARKDOWN_EXTENSIONS.map((extension) => `**/*${extension}`);
/** Files the scan reads at once. */
const READ_CONCURRENCY = 16;

export const isMarkdownPath = (filePath: string) => MARKDOWN_EXTENSIONS.some((extension) => filePath.toLowerCase().endsWith(extension));
/** A document never saved ("New story from template"): VS Code names it untitled:Untitled-1. */
export const isUntitled = (uri: string): boolean => uri.startsWith('untitled:');

/**
 * The workspace folders (on disk, or the editor's file system in the browser): which files belong to the backlog (Markdown, not in the client's
 * files.exclude, selected by their config), the URI the client knows each by, and reading them,
 * one at a time or as a scan of every folder.
 */
export class Workspace {
  roots: string[] = [];
  private filesExclude: picomatch.Matcher[] = [];
  /** The URI spelling the client uses for a path it opened. */
  private readonly clientUris = new Map<string, string>();
  private reads = 0;
  /** The file changes being applied, in the order they came. */
  private changing: Promise<void> = Promise.resolve();

  constructor(
    private readonly host: ServerHost,
    private readonly log: (message: string) => void,
  ) {}

  /** The path a URI is linted as; undefined for one the host cannot read. */
  readonly pathOf = (uri: string): string | undefined => this.host.pathOf(uri);

  /** The paths of workspace folders the host can read. */
  folderPaths(folders: readonly { uri: string }[]): string[] {
    return folders.map((folder) => this.pathOf(folder.uri)).filter((path): path is string => path !== undefined);
  }

  setExcludes(globs: readonly string[]): void {
    this.filesExclude = globs.map((glob) => picomatch(glob, { dot: true }));
  }

  isExcluded(filePath: string): boolean {
    const root = this.roots.find((candidate) => filePath.startsWith(candidate + sep));
    if (!root) return false;
    const path = relative(root, filePath).split(sep).join('/');
    return this.filesExclude.some((matches) => matches(path));
  }

  /**
   * Whether the scan lints a file: Markdown, not in files.exclude, and selected by its config (its
   * `files`, or the default minus the well-known non-backlogs; never its `ignores`).
   */
  scans(filePath: string, config: WorkspaceConfig): boolean {
    return isMarkdownPath(filePath) && !this.isExcluded(filePath) && config.selects(filePath);
  }

  /** Files the scan has read so far (storylint/stats: tests count work, not time). */
  get scanReads(): number {
    return this.reads;
  }

  /**
   * The path a document is linted as: a file's own, or for an untitled document one in the first
   * workspace folder's root (its config and its backlog, where "Save" offers to put it), named as
   * the editor names it. That name never ends in a Markdown extension, so no file the scan reads
   * has its path.
   */
  filePathOf(uri: string): string | undefined {
    if (!isUntitled(uri)) return this.pathOf(uri);
    const name = decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1).replace(/^untitled:/, '')) || 'Untitled';
    return join(this.roots[0] ?? this.host.homeDir, isMarkdownPath(name) ? `${name} (untitled)` : name);
  }

  /** Remembers how the client spells an open document's URI; the path, or undefined outside the workspace's reach. */
  opened(uri: string): string | undefined {
    const filePath = this.filePathOf(uri);
    if (!filePath || (!isUntitled(uri) && this.isExcluded(filePath))) return undefined;
    this.clientUris.set(filePath, uri);
    return filePath;
  }

  readonly uriOf = (filePath: string): string => this.clientUris.get(filePath) ?? this.host.uriOf(filePath);

  /** Reads every file the scan lints into `project`, folder by folder; false when `stopped` said so. */
  async scan(project: Project, config: WorkspaceConfig, stopped: () => boolean): Promise<boolean> {
    const visit = async (folder: string): Promise<void> => {
      let entries;
      try {
        entries = await this.host.readDirectory(folder);
      } catch {
        return;
      }
      const files: string[] = [];
      for (const entry of entries) {
        if (stopped()) return;
        if (entry.directory) {
          const path = join(folder, entry.name);
          if (!SKIPPED_FOLDERS.includes(entry.name) && !this.isExcluded(path)) await visit(path);
        } else if (isMarkdownPath(entry.name)) files.push(join(folder, entry.name));
      }
      // Asking the config about a file is the costly part: a few at a time, between reads, so that
      // a folder of 20,000 files does not hold requests up.
      for (let i = 0; i < files.length && !stopped(); i += READ_CONCURRENCY) {
        const selected = files.slice(i, i + READ_CONCURRENCY).filter((path) => this.scans(path, config));
        this.reads += selected.length;
        await Promise.all(selected.map((path) => this.load(path, project)));
      }
    };
    for (const root of this.roots) await visit(root);
    return !stopped();
  }

  /**
   * A closed document's file stays part of the backlog as it is on disk if the scan lints it (a file
   * the config does not select, say CHANGELOG.md, or one never saved, leaves it): false when it left.
   */
  async closed(filePath: string, project: Project, config: WorkspaceConfig): Promise<boolean> {
    const file = project.get(filePath);
    if (file) file.open = false;
    if (file && isUntitled(file.uri)) this.clientUris.delete(filePath);
    if (this.scans(filePath, config) && (await this.load(filePath, project))) return true;
    project.delete(filePath);
    return false;
  }

  /** Markdown files changed on disk (open documents aside) read again, or removed: `removed` hears of each file removed. */
  changed(changes: readonly FileEvent[], project: Project, config: WorkspaceConfig, removed: (uri: string) => void): Promise<void> {
    // One batch after the other: a file's deletion must not overtake the read of its creation (in the
    // browser a read is a round trip to the client).
    const applied = this.changing.then(() => this.apply(changes, project, config, removed));
    this.changing = applied.catch(() => undefined);
    return applied;
  }

  private async apply(changes: readonly FileEvent[], project: Project, config: WorkspaceConfig, removed: (uri: string) => void): Promise<void> {
    for (const change of changes) {
      const filePath = this.pathOf(change.uri);
      if (!filePath || !isMarkdownPath(filePath) || this.isExcluded(filePath) || project.get(filePath)?.open) continue;
      const known = project.get(filePath);
      if (change.type !== FileChangeType.Deleted && config.selects(filePath) && (await this.load(filePath, project))) continue;
      // Deleted, left the selection, or gone by the time it was read (a change event of a file deleted
      // meanwhile: the web host's reads take long enough for that): what was published for it goes too.
      project.delete(filePath);
      if (known) removed(known.uri);
    }
  }

  /** A file as it is on disk, into `project` (regular files only; an open document wins). */
  async load(filePath: string, project: Project): Promise<ProjectFile | undefined> {
    if (project.get(filePath)?.open) return project.get(filePath);
    let content;
    try {
      // UTF-8 takes at most 3 bytes per UTF-16 unit: a file larger than this is too long to lint.
      content = await this.host.readStoryFile(filePath, 3 * MAX_FILE_LENGTH);
    } catch {
      content = undefined;
    }
    if (project.get(filePath)?.open) return project.get(filePath); // opened while it was read
    if (content === NOT_REGULAR) this.log(`storylint: skipped ${filePath}: not a regular file (a device, FIFO or socket)`);
    if (content === undefined || content === NOT_REGULAR) {
      project.delete(filePath);
      return undefined;
    }
    if (content === TOO_LARGE) return project.set(filePath, this.uriOf(filePath), '', 0, false, 'too-large');
    return project.set(filePath, this.uriOf(filePath), content, 0, false);
  }
}
