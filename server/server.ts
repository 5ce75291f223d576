import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import picomatch from 'picomatch';
import {
  CodeActionKind,
  type Connection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  type InitializeParams,
  type InitializeResult,
  LSPErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  type CancellationToken,
  type CodeActionParams,
  type DidChangeWatchedFilesParams,
  type DocumentSymbolParams,
  type CodeLensParams,
  type CompletionParams,
  type ExecuteCommandParams,
  type HoverParams,
  type TextDocumentChangeEvent,
  type WorkspaceFoldersChangeEvent,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { COMMANDS, codeActions, documentEdit, FIX_ALL_KIND } from './actions';
import { CONFIG_FILE_GLOBS, isConfigFile, WorkspaceConfig } from './config';
import { diagnosticsKey, diagnosticsOf, rangeOf } from './diagnostics';
import { NOT_REGULAR, readStoryFile, TOO_LARGE } from './disk';
import { type EditSupport, fixAllEdit, forClient } from './edits';
import { hover } from './hover';
import { completions } from './completion';
import { codeLenses, documentSymbols } from './outline';
import { MAX_FILE_LENGTH, Project, type ProjectFile } from './project';
import { docsUrl, ParseCache } from '../core';
import { renderReportHtml } from '../core/formatters/html';
import { REPORT_REQUEST } from '../core/report';
import { rules } from '../rules';

/** The storylint.* settings the server honours (see package.json contributes.configuration). */
export interface ServerSettings {
  enable: boolean;
  run: 'onType' | 'onSave';
  configFile: string;
  codeLens: boolean;
}

const DEFAULT_SETTINGS: ServerSettings = { enable: true, run: 'onType', configFile: '', codeLens: true };
const DEFAULT_DEBOUNCE_MS = 250;
const MARKDOWN_EXTENSIONS = ['.md', '.markdown'];
/** Folders never worth walking for stories. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn']);

/** File summary for the client's status item: how many stories the file has and their average score. */
export const FILE_SUMMARY_NOTIFICATION = 'storylint/fileSummary';
/** Test and benchmark hook: work done so far (chunks parsed, backlog passes), once pending work is done. */
export const STATS_REQUEST = 'storylint/stats';

/** Synchronous work between two yields to the event loop, so requests are answered during long passes. */
const SLICE_MS = 15;
/** Files the background scan reads at once. */
const READ_CONCURRENCY = 16;

/** Stands for what an open document shows after a reload: never a real key, so it is published again. */
const REPUBLISH = '\u0000republish';

const isMarkdownPath = (filePath: string) => MARKDOWN_EXTENSIONS.some((extension) => filePath.toLowerCase().endsWith(extension));
const pathOf = (uri: string): string | undefined => (uri.startsWith('file:') ? fileURLToPath(uri) : undefined);

export function startServer(connection: Connection): void {
  new StorylintServer(connection).listen();
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Calls `step` on each item, yielding to the event loop every SLICE_MS; false once `cancelled` says so. */
async function inSlices<T>(items: Iterable<T>, step: (item: T) => void, cancelled: () => boolean): Promise<boolean> {
  let sliceStart = performance.now();
  for (const item of items) {
    if (performance.now() - sliceStart > SLICE_MS) {
      await yieldToEventLoop();
      if (cancelled()) return false;
      sliceStart = performance.now();
    }
    step(item);
  }
  return !cancelled();
}

const cancelled = (token: CancellationToken) => (token.isCancellationRequested ? new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled') : undefined);

/**
 * The language server: one method per LSP handler. Requests are answered from the last state of
 * the backlog and the current text of their document; the story rules of changed files, the
 * backlog rules and publishing run in one debounced pass that yields to the event loop and that a
 * newer edit or reload supersedes.
 */
class StorylintServer {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly cache = new ParseCache();
  private roots: string[] = [];
  private settings = DEFAULT_SETTINGS;
  private debounceMs = DEFAULT_DEBOUNCE_MS;
  private capabilities = { pullConfiguration: false, watchDynamically: false, registerConfiguration: false, workspaceFolderEvents: false };
  private editSupport: EditSupport = { documentChanges: false, createFiles: false };
  private filesExclude: picomatch.Matcher[] = [];
  private config: WorkspaceConfig;
  private project: Project;
  /** The URI spelling the client uses for a path it opened. */
  private readonly clientUris = new Map<string, string>();
  /** What the client shows per URI (see diagnosticsKey); a URI not here shows nothing. */
  private readonly published = new Map<string, string>();

  /** Settings and config of the latest reload are in place: requests wait for this, not for the scan. */
  private configured: Promise<void>;
  private adoptFirstConfiguration: (configured: Promise<void>) => void = () => undefined;
  /** The latest reload, background scan included. */
  private loading: Promise<void> = Promise.resolve();
  /** Bumped by each reload: a scan of an older one stops. */
  private scanGeneration = 0;
  /** Whether the project holds every file of the workspace (its scan finished). */
  private scanned = false;

  /** Open documents edited since the last pass. */
  private readonly pendingDocuments = new Set<string>();
  private passTimer: NodeJS.Timeout | undefined;
  /** Bumped by every change that supersedes the pass in progress. */
  private passGeneration = 0;
  private needsPass = false;
  /** Backlog passes run so far (storylint/stats: tests count work, not time). */
  private backlogLints = 0;

  constructor(private readonly connection: Connection) {
    this.configured = new Promise((resolve) => (this.adoptFirstConfiguration = resolve));
    this.config = new WorkspaceConfig({ roots: this.roots, onError: this.onConfigError });
    this.project = this.newProject();
  }

  listen(): void {
    const { connection, documents } = this;
    connection.onInitialize((params) => this.onInitialize(params));
    connection.onInitialized(() => void this.onInitialized());
    connection.onDidChangeConfiguration((change) => void this.reload(change.settings));
    connection.onDidChangeWatchedFiles((params) => this.onDidChangeWatchedFiles(params));
    documents.onDidOpen((event) => this.onDidOpen(event));
    documents.onDidChangeContent((event) => this.onDidChangeContent(event));
    documents.onDidSave((event) => this.onDidSave(event));
    documents.onDidClose((event) => this.onDidClose(event));
    connection.onCodeAction((params, token) => this.onCodeAction(params, token));
    connection.onHover((params, token) => this.onHover(params, token));
    connection.onDocumentSymbol((params, token) => this.onDocumentSymbol(params, token));
    connection.onCodeLens((params, token) => this.onCodeLens(params, token));
    connection.onCompletion((params, token) => this.onCompletion(params, token));
    connection.onExecuteCommand((params) => this.onExecuteCommand(params));
    connection.onRequest(REPORT_REQUEST, () => this.onReport());
    connection.onRequest(STATS_REQUEST, () => this.onStats());
    documents.listen(connection);
    connection.listen();
    this.log(`storylint server started (debounce ${this.debounceMs} ms)`);
  }

  // --- Lifecycle and configuration

  onInitialize(params: InitializeParams): InitializeResult {
    const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
    this.roots = folders.map((folder) => pathOf(folder.uri)).filter((path): path is string => path !== undefined);
    const capabilities = params.capabilities ?? {};
    this.capabilities = {
      pullConfiguration: capabilities.workspace?.configuration === true,
      watchDynamically: capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
      registerConfiguration: capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true,
      workspaceFolderEvents: capabilities.workspace?.workspaceFolders === true,
    };
    const workspaceEdit = capabilities.workspace?.workspaceEdit;
    this.editSupport = { documentChanges: workspaceEdit?.documentChanges === true, createFiles: workspaceEdit?.resourceOperations?.includes('create') === true };
    const options = (params.initializationOptions ?? {}) as { debounceMs?: unknown };
    if (typeof options.debounceMs === 'number' && options.debounceMs >= 0) this.debounceMs = options.debounceMs;
    this.rebuild();
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, FIX_ALL_KIND] },
        hoverProvider: true,
        documentSymbolProvider: { label: 'Stories' },
        codeLensProvider: { resolveProvider: false },
        completionProvider: { triggerCharacters: ['#', '-', ' '] },
        executeCommandProvider: { commands: Object.values(COMMANDS) },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'storylint' },
    };
  }

  async onInitialized(): Promise<void> {
    try {
      if (this.capabilities.watchDynamically) {
        await this.connection.client.register(DidChangeWatchedFilesNotification.type, {
          watchers: [...MARKDOWN_EXTENSIONS.map((extension) => ({ globPattern: `**/*${extension}` })), ...CONFIG_FILE_GLOBS.map((globPattern) => ({ globPattern }))],
        });
      }
      if (this.capabilities.registerConfiguration) await this.connection.client.register(DidChangeConfigurationNotification.type, { section: 'storylint' });
      // Only a client that declares workspace folders sends their changes (the library throws otherwise).
      if (this.capabilities.workspaceFolderEvents) this.connection.workspace.onDidChangeWorkspaceFolders((event) => this.onDidChangeWorkspaceFolders(event));
    } finally {
      void this.reload();
      this.adoptFirstConfiguration(this.configured);
    }
  }

  onDidChangeWorkspaceFolders(event: WorkspaceFoldersChangeEvent): void {
    const removed = new Set(event.removed.map((folder) => pathOf(folder.uri)));
    const added = event.added.map((folder) => pathOf(folder.uri)).filter((path): path is string => path !== undefined);
    this.roots = [...this.roots.filter((root) => !removed.has(root)), ...added];
    void this.reload();
  }

  /** Settings, config and the background scan, from scratch (start-up, settings or config change). */
  private reload(pushed?: unknown): Promise<void> {
    const generation = ++this.scanGeneration;
    // A reload that fails is logged and leaves the previous state: requests wait on `configured`,
    // so it must never reject, or one bad reload would fail every later request.
    const configured = this.configure(pushed).catch((error: unknown) => this.logFailure('reloading the settings and config', error));
    this.configured = configured;
    this.loading = configured
      .then(async () => {
        const project = this.project;
        if (this.settings.enable && !(await this.scanWorkspace(generation, project))) return;
        if (generation !== this.scanGeneration) return;
        this.scanned = true;
        this.schedulePass(0);
      })
      .catch((error: unknown) => this.logFailure('scanning the workspace', error));
    return this.loading;
  }

  private async configure(pushed?: unknown): Promise<void> {
    this.settings = await this.readSettings(pushed);
    this.filesExclude = await this.readFilesExclude();
    this.rebuild();
  }

  /** A fresh config and project (settings or config changed); open documents carry over. */
  private rebuild(): void {
    this.config = new WorkspaceConfig({ roots: this.roots, configFile: this.settings.configFile || undefined, onError: this.onConfigError });
    this.project = this.newProject();
    this.scanned = false;
    this.passGeneration++;
    for (const document of this.documents.all()) {
      this.trackOpen(document);
      // Open documents are published again after a reload, changed or not, as confirmation.
      if (this.published.has(document.uri)) this.published.set(document.uri, REPUBLISH);
    }
  }

  private newProject(): Project {
    return new Project(this.cache, this.config, (message) => this.connection.console.error(message));
  }

  private logFailure(doing: string, error: unknown): void {
    this.connection.console.error(`storylint: failed ${doing}: ${error instanceof Error ? error.message : String(error)}`);
  }

  private readonly onConfigError = (error: Error): void => {
    this.connection.console.error(`storylint: ${error.message}`);
    void this.connection.window.showWarningMessage(`Storylint configuration problem: ${error.message}. Using the default rules until it is fixed.`);
  };

  private async readSettings(pushed?: unknown): Promise<ServerSettings> {
    let value: Partial<ServerSettings> | undefined;
    if (this.capabilities.pullConfiguration) value = (await this.connection.workspace.getConfiguration({ section: 'storylint' })) as Partial<ServerSettings> | undefined;
    else value = (pushed as { storylint?: Partial<ServerSettings> } | undefined)?.storylint;
    return { ...DEFAULT_SETTINGS, ...(value ?? {}) };
  }

  private async readFilesExclude(): Promise<picomatch.Matcher[]> {
    if (!this.capabilities.pullConfiguration) return [];
    const matchers: picomatch.Matcher[] = [];
    for (const root of this.roots) {
      const exclude = (await this.connection.workspace.getConfiguration({ scopeUri: pathToFileURL(root).href, section: 'files.exclude' })) as Record<string, unknown> | null;
      for (const [glob, on] of Object.entries(exclude ?? {})) if (on === true) matchers.push(picomatch(glob, { dot: true }));
    }
    return matchers;
  }

  private isExcluded(filePath: string): boolean {
    const root = this.roots.find((candidate) => filePath.startsWith(candidate + sep));
    if (!root) return false;
    const path = relative(root, filePath).split(sep).join('/');
    return this.filesExclude.some((matches) => matches(path));
  }

  // --- Files

  /** Reads every Markdown file of the workspace folders into `project`; false when a newer reload stopped it. */
  private async scanWorkspace(generation: number, project: Project): Promise<boolean> {
    const stopped = () => generation !== this.scanGeneration;
    const visit = async (folder: string): Promise<void> => {
      let entries;
      try {
        entries = await readdir(folder, { withFileTypes: true });
      } catch {
        return;
      }
      const files: string[] = [];
      for (const entry of entries) {
        if (stopped()) return;
        const path = join(folder, entry.name);
        if (entry.isDirectory()) {
          if (!SKIPPED_FOLDERS.has(entry.name) && !this.isExcluded(path)) await visit(path);
        } else if (this.scans(path)) files.push(path);
      }
      for (let i = 0; i < files.length && !stopped(); i += READ_CONCURRENCY) {
        await Promise.all(files.slice(i, i + READ_CONCURRENCY).map((path) => this.loadFromDisk(path, project)));
      }
    };
    for (const root of this.roots) await visit(root);
    return !stopped();
  }

  /**
   * Whether the workspace scan lints a file: Markdown, not in files.exclude, and selected by its
   * config (its `files`, or the default minus the well-known non-backlogs; never its `ignores`).
   */
  private scans(filePath: string): boolean {
    return isMarkdownPath(filePath) && !this.isExcluded(filePath) && this.config.selects(filePath);
  }

  /** A file as it is on disk, into the project (regular files only; open documents win). */
  private async loadFromDisk(filePath: string, project = this.project): Promise<ProjectFile | undefined> {
    if (project.get(filePath)?.open) return project.get(filePath);
    let content;
    try {
      // UTF-8 takes at most 3 bytes per UTF-16 unit: a file larger than this is too long to lint.
      content = await readStoryFile(filePath, 3 * MAX_FILE_LENGTH);
    } catch {
      content = undefined;
    }
    if (project.get(filePath)?.open) return project.get(filePath); // opened while it was read
    if (content === NOT_REGULAR) this.log(`storylint: skipped ${filePath}: not a regular file (a device, FIFO or socket)`);
    if (content === undefined || content === NOT_REGULAR) {
      project.delete(filePath);
      return undefined;
    }
    if (content === TOO_LARGE) {
      const file = project.set(filePath, this.uriOf(filePath), '', 0, false);
      file.skipped = 'too-large';
      return file;
    }
    return project.set(filePath, this.uriOf(filePath), content, 0, false);
  }

  private trackOpen(document: TextDocument): ProjectFile | undefined {
    const filePath = pathOf(document.uri);
    if (!filePath || this.isExcluded(filePath)) return undefined;
    this.clientUris.set(filePath, document.uri);
    return this.project.set(filePath, document.uri, document.getText(), document.version, true);
  }

  private uriOf = (filePath: string): string => this.clientUris.get(filePath) ?? pathToFileURL(filePath).href;

  // --- The lint pass

  /** Supersedes the pass in progress and runs a new one after `delay`. */
  private schedulePass(delay = this.debounceMs): void {
    this.passGeneration++;
    this.needsPass = true;
    clearTimeout(this.passTimer);
    this.passTimer = setTimeout(() => void this.runPass(), delay);
  }

  /**
   * Story rules of the changed files (open ones first), the backlog rules once, then publishing
   * what differs from what the client shows; yields to the event loop between slices and stops
   * (false) when a newer change supersedes it.
   */
  private async runPass(): Promise<boolean> {
    clearTimeout(this.passTimer);
    this.passTimer = undefined;
    this.needsPass = false;
    const generation = ++this.passGeneration;
    const superseded = () => generation !== this.passGeneration;
    await this.configured;
    if (superseded()) return false;
    for (const uri of this.pendingDocuments) {
      const document = this.documents.get(uri);
      if (document) this.trackOpen(document);
    }
    this.pendingDocuments.clear();
    const project = this.project;
    const enabled = this.settings.enable;
    if (enabled) {
      const unlinted = project.unlinted().sort((a, b) => Number(b.open) - Number(a.open));
      if (!(await inSlices(unlinted, (file) => project.lintStoriesOf(file), superseded))) return false;
      project.lintBacklog();
      this.backlogLints++;
    }
    const present = new Set<string>();
    const publish = (file: ProjectFile) => {
      present.add(file.uri);
      // Added by the scan after the lint above: the next pass lints and publishes it.
      if (project.get(file.filePath) === file && (file.result || file.skipped)) this.publishIfChanged(file);
    };
    if (!(await inSlices(enabled ? project.all() : [], publish, superseded))) return false;
    // Clear what the client shows and is gone (deleted, ignored, disabled), once the project is complete.
    if (this.scanned || !enabled) for (const uri of [...this.published.keys()]) if (!present.has(uri)) this.clearDiagnostics(uri);
    return true;
  }

  private publishIfChanged(file: ProjectFile): void {
    const key = diagnosticsKey(file);
    if ((this.published.get(file.uri) ?? '') === key) return;
    if (key === '') this.published.delete(file.uri);
    else this.published.set(file.uri, key);
    this.connection.sendDiagnostics({ uri: file.uri, version: file.open ? file.document.version : undefined, diagnostics: diagnosticsOf(file, this.uriOf) });
    if (file.open) this.sendSummary(file);
  }

  private clearDiagnostics(uri: string): void {
    this.published.delete(uri);
    this.connection.sendDiagnostics({ uri, version: this.documents.get(uri)?.version, diagnostics: [] });
  }

  private sendSummary(file: ProjectFile): void {
    const scores = file.result?.scores ?? [];
    const average = scores.length > 0 ? Math.round(scores.reduce((sum, score) => sum + score, 0) / scores.length) : undefined;
    void this.connection.sendNotification(FILE_SUMMARY_NOTIFICATION, { uri: file.uri, stories: scores.length, averageScore: average });
  }

  /** Once the latest reload (scan included) and every pending pass are done: for whole-backlog answers. */
  private async settled(): Promise<void> {
    for (let loading; loading !== this.loading; ) await (loading = this.loading);
    while (this.needsPass) await this.runPass();
  }

  /**
   * The file a request is about, with a result for the document's current text: that one file is
   * linted when it is stale; its backlog findings come with the next pass.
   */
  private async fileFor(uri: string): Promise<ProjectFile | undefined> {
    await this.configured;
    const filePath = pathOf(uri);
    if (!this.settings.enable || !filePath) return undefined;
    const document = this.documents.get(uri);
    const file = document ? this.trackOpen(document) : this.project.get(filePath);
    return file && !file.skipped ? this.project.lintAlone(file) : undefined;
  }

  // --- Documents and watched files

  onDidOpen(event: TextDocumentChangeEvent<TextDocument>): void {
    this.trackOpen(event.document);
    this.schedulePass(0);
  }

  onDidChangeContent(event: TextDocumentChangeEvent<TextDocument>): void {
    const tracked = this.project.get(pathOf(event.document.uri) ?? '');
    if (tracked?.open && tracked.document.version === event.document.version) return; // just opened
    if (this.settings.run !== 'onType') return;
    this.pendingDocuments.add(event.document.uri);
    this.schedulePass();
  }

  onDidSave(event: TextDocumentChangeEvent<TextDocument>): void {
    if (this.settings.run !== 'onSave') return;
    this.pendingDocuments.add(event.document.uri);
    this.schedulePass(0);
  }

  async onDidClose(event: TextDocumentChangeEvent<TextDocument>): Promise<void> {
    this.pendingDocuments.delete(event.document.uri);
    const filePath = pathOf(event.document.uri);
    if (!filePath) return;
    const file = this.project.get(filePath);
    if (file) file.open = false;
    // The file stays part of the backlog as it is on disk, if the workspace scan would lint it
    // (a file the config does not select, say CHANGELOG.md, or one never saved, leaves it).
    if (!this.scans(filePath) || !(await this.loadFromDisk(filePath))) {
      this.project.delete(filePath);
      this.clearDiagnostics(event.document.uri);
    }
    this.schedulePass();
  }

  async onDidChangeWatchedFiles({ changes }: DidChangeWatchedFilesParams): Promise<void> {
    await this.configured;
    // A config change can change every file's rules and which files are selected: start over.
    if (changes.some((change) => isConfigFile(pathOf(change.uri) ?? ''))) return void this.reload();
    for (const change of changes) {
      const filePath = pathOf(change.uri);
      if (!filePath || !isMarkdownPath(filePath) || this.isExcluded(filePath) || this.project.get(filePath)?.open) continue;
      if (change.type === FileChangeType.Deleted) this.project.delete(filePath);
      else if (this.config.selects(filePath)) await this.loadFromDisk(filePath);
    }
    this.schedulePass();
  }

  // --- Requests

  async onCodeAction(params: CodeActionParams, token: CancellationToken) {
    const file = await this.fileFor(params.textDocument.uri);
    if (!file) return [];
    const environment = { project: this.project, config: this.config.forFile(file.filePath), configRoot: this.config.rootOf(file.filePath), uriOf: this.uriOf };
    return (
      cancelled(token) ??
      codeActions(params, file, environment).flatMap((action) => {
        if (!action.edit) return [action];
        const edit = forClient(action.edit, this.editSupport);
        return edit ? [{ ...action, edit }] : [];
      })
    );
  }

  async onHover(params: HoverParams, token: CancellationToken) {
    const file = await this.fileFor(params.textDocument.uri);
    return cancelled(token) ?? (file ? hover(file, params.position) : null);
  }

  async onDocumentSymbol(params: DocumentSymbolParams, token: CancellationToken) {
    const file = await this.fileFor(params.textDocument.uri);
    return cancelled(token) ?? (file ? documentSymbols(file) : []);
  }

  async onCodeLens(params: CodeLensParams, token: CancellationToken) {
    if (!this.settings.codeLens) return [];
    const file = await this.fileFor(params.textDocument.uri);
    return cancelled(token) ?? (file ? codeLenses(file) : []);
  }

  async onCompletion(params: CompletionParams, token: CancellationToken) {
    const file = await this.fileFor(params.textDocument.uri);
    return cancelled(token) ?? (file ? completions(file, params.position) : []);
  }

  async onExecuteCommand({ command, arguments: args = [] }: ExecuteCommandParams): Promise<void> {
    const lintForFixes = (file: ProjectFile) => (text: string) => this.project.lintForFixes(file.filePath, text);
    switch (command) {
      case COMMANDS.showDocumentation:
        await this.connection.window.showDocument({ uri: docsUrl(String(args[0])), external: true });
        return;
      case COMMANDS.fixFile:
      case COMMANDS.fixStory: {
        const file = await this.fileFor(String(args[0]));
        if (!file) return;
        const storyIndex = command === COMMANDS.fixStory ? Number(args[1]) : undefined;
        const edit = fixAllEdit(file.document, lintForFixes(file), storyIndex);
        if (edit) await this.connection.workspace.applyEdit({ label: 'Fix storylint problems', edit: forClient(documentEdit(file, [edit]), this.editSupport)! });
        return;
      }
      case COMMANDS.fixWorkspace: {
        // Edits carry document versions: lint pending edits first, or the editor rejects stale ones.
        await this.settled();
        const changes = this.project
          .all()
          .filter((file) => !file.skipped && file.result?.findings.some((finding) => finding.fix))
          .flatMap((file) => {
            const edit = fixAllEdit(file.document, lintForFixes(file));
            return edit ? [documentEdit(file, [edit]).documentChanges![0]!] : [];
          });
        if (changes.length === 0) return;
        const outcome = await this.connection.workspace.applyEdit({ label: 'Fix storylint problems in the workspace', edit: forClient({ documentChanges: changes }, this.editSupport)! });
        if (!outcome.applied) void this.connection.window.showWarningMessage(`Storylint could not apply the fixes${outcome.failureReason ? `: ${outcome.failureReason}` : ''}. Try again once the files are saved.`);
        return;
      }
      case COMMANDS.showFindings: {
        const file = await this.fileFor(String(args[0]));
        const first = file?.result?.findings.find((finding) => finding.storyIndex === Number(args[1]));
        if (file && first) await this.connection.window.showDocument({ uri: file.uri, selection: rangeOf(file.document, first.span), takeFocus: true });
        return;
      }
    }
  }

  /** The backlog report is built from the same results as the diagnostics: one source of truth. */
  async onReport() {
    await this.settled();
    const results = this.project.all().flatMap((file) => (file.result ? [file.result] : []));
    return { html: renderReportHtml(results, { webview: true, cwd: this.roots[0], rules }) };
  }

  async onStats() {
    await this.settled();
    const backlogRules = rules.filter((rule) => rule.scope === 'backlog').map((rule) => rule.name);
    const backlogExamined = Object.fromEntries(backlogRules.map((name) => [name, this.project.backlogExamined(name)]));
    return { parses: this.cache.parses, backlogLints: this.backlogLints, backlogExamined, files: this.project.all().length };
  }

  private log(message: string): void {
    this.connection.console.log(message);
  }
}
