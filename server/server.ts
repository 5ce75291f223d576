import { pathToFileURL } from 'node:url';
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
import { rangeOf } from './diagnostics';
import { type EditSupport, fixAllEdit, forClient } from './edits';
import { hover } from './hover';
import { completions } from './completion';
import { codeLenses, documentSymbols } from './outline';
import { Project, type ProjectFile } from './project';
import { Publisher } from './publisher';
import { type Run, Scheduler } from './scheduler';
import { isMarkdownPath, MARKDOWN_GLOBS, pathOf, Workspace } from './workspace';
import { docsUrl, ParseCache } from '../core';
import { renderReportHtml } from '../report/formatters/html';
import { REPORT_REQUEST, type ReportResponse, STATS_REQUEST, type ServerStats } from '../protocol';
import { rules } from '../rules';

/** The storylint.* settings the server honours (see package.json contributes.configuration). */
export interface ServerSettings {
  enable: boolean;
  run: 'onType' | 'onSave';
  configFile: string;
  codeLens: boolean;
}

const DEFAULT_SERVER_SETTINGS: ServerSettings = { enable: true, run: 'onType', configFile: '', codeLens: true };
/** Quiet time after an edit before the edited file's story rules run. */
const DEFAULT_DEBOUNCE_MS = 250;
/**
 * Quiet time after the story pass before the backlog rules run: typing does not wait for them,
 * and the next keystroke cancels a backlog pass that has not started.
 */
const DEFAULT_BACKLOG_DELAY_MS = 300;

/**
 * Stories the backlog rules take in at once before the pass yields to the event loop: the first pass
 * after a scan of 20,000 files would otherwise hold every request for seconds. A request can wait
 * for about two batches (the one running and the one queued before it); at 200 stories a batch
 * took up to 62 ms there, at 100 up to 31 ms (bench/server-latency.mjs --workspace 20000).
 */
const BACKLOG_BATCH_STORIES = 100;

/** Files published between two waits for the client to have been sent them. */
const PUBLISH_BATCH = 50;

export function startServer(connection: Connection): void {
  new StorylintServer(connection).listen();
}

const cancelled = (token: CancellationToken) => (token.isCancellationRequested ? new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled') : undefined);

/** What one reload builds from the settings and config files: a newer reload replaces it, and work on an older one stops. */
interface Session {
  settings: ServerSettings;
  config: WorkspaceConfig;
  project: Project;
  /** The workspace scan finished: the project holds every file of the workspace. */
  scanned: boolean;
}

/**
 * The language server: one method per LSP handler. It lints in two passes. The story pass runs the
 * story rules of the edited documents and publishes them at once, with the backlog findings they
 * had moved along. The backlog pass follows once typing pauses: files not yet linted (the scan's),
 * the backlog rules over what changed, then publishing what differs; it yields to the event loop
 * between slices, and the next edit supersedes it. Requests are answered from what was published
 * (a request about a document with a pending edit runs the story pass first).
 */
class StorylintServer {
  private readonly documents = new TextDocuments(TextDocument);
  /** Parse trees and the stories built from them, by chunk text: they outlive reloads. */
  private readonly cache = new ParseCache();
  private readonly workspace = new Workspace((message) => this.log(message));
  private readonly publisher: Publisher;
  private readonly storyPass = new Scheduler((run) => this.guarded('linting the edited files', () => this.lintEdited(run)));
  private readonly backlogPass = new Scheduler((run) => this.guarded('linting the backlog', () => this.lintBacklog(run)));
  private session: Session;
  private debounceMs = DEFAULT_DEBOUNCE_MS;
  private backlogDelayMs = DEFAULT_BACKLOG_DELAY_MS;
  private capabilities = { pullConfiguration: false, watchDynamically: false, registerConfiguration: false, workspaceFolderEvents: false };
  private editSupport: EditSupport = { documentChanges: false, createFiles: false };
  /** Open documents edited since the last story pass. */
  private readonly edited = new Set<string>();

  /** Settings and config of the latest reload are in place: requests wait for this, not for the scan. */
  private configured: Promise<void>;
  private adoptFirstConfiguration: (configured: Promise<void>) => void = () => undefined;
  /** The latest reload, background scan included. */
  private loading: Promise<void> = Promise.resolve();
  /** Backlog passes run so far (storylint/stats: tests count work, not time). */
  private backlogLints = 0;

  constructor(private readonly connection: Connection) {
    this.configured = new Promise((resolve) => (this.adoptFirstConfiguration = resolve));
    this.publisher = new Publisher(connection, this.workspace.uriOf, (uri) => this.documents.get(uri)?.version);
    this.session = this.newSession(DEFAULT_SERVER_SETTINGS);
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
    this.workspace.roots = folders.map((folder) => pathOf(folder.uri)).filter((path): path is string => path !== undefined);
    const capabilities = params.capabilities ?? {};
    this.capabilities = {
      pullConfiguration: capabilities.workspace?.configuration === true,
      watchDynamically: capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
      registerConfiguration: capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true,
      workspaceFolderEvents: capabilities.workspace?.workspaceFolders === true,
    };
    const workspaceEdit = capabilities.workspace?.workspaceEdit;
    this.editSupport = { documentChanges: workspaceEdit?.documentChanges === true, createFiles: workspaceEdit?.resourceOperations?.includes('create') === true };
    const options = (params.initializationOptions ?? {}) as { debounceMs?: unknown; backlogDelayMs?: unknown };
    if (typeof options.debounceMs === 'number' && options.debounceMs >= 0) this.debounceMs = options.debounceMs;
    if (typeof options.backlogDelayMs === 'number' && options.backlogDelayMs >= 0) this.backlogDelayMs = options.backlogDelayMs;
    this.session = this.newSession(this.session.settings);
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
          watchers: [...MARKDOWN_GLOBS, ...CONFIG_FILE_GLOBS].map((globPattern) => ({ globPattern })),
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
    this.workspace.roots = [...this.workspace.roots.filter((root) => !removed.has(root)), ...added];
    void this.reload();
  }

  /** Settings, config and the background scan, from scratch (start-up, settings or config change). */
  private reload(pushed?: unknown): Promise<void> {
    // A reload that fails is logged and leaves the previous state: requests wait on `configured`,
    // so it must never reject, or one bad reload would fail every later request.
    const configured = this.configure(pushed).catch((error: unknown) => this.logFailure('reloading the settings and config', error));
    this.configured = configured;
    this.loading = configured
      .then(async () => {
        const session = this.session;
        const stopped = () => session !== this.session;
        if (session.settings.enable && !(await this.workspace.scan(session.project, session.config, stopped))) return;
        if (stopped()) return;
        session.scanned = true;
        // What the client shows for files no longer in the backlog (deleted, ignored, disabled).
        const present = new Set(session.project.all().map((file) => file.uri));
        this.publisher.clearAllBut((uri) => session.settings.enable && present.has(uri));
        this.backlogPass.schedule(0);
      })
      .catch((error: unknown) => this.logFailure('scanning the workspace', error));
    return this.loading;
  }

  private async configure(pushed?: unknown): Promise<void> {
    const settings = await this.readSettings(pushed);
    this.workspace.setExcludes(await this.readFilesExclude());
    this.session = this.newSession(settings);
  }

  /** A fresh config and project (settings or config changed); open documents are linted again at once. */
  private newSession(settings: ServerSettings): Session {
    const config = new WorkspaceConfig({ roots: this.workspace.roots, configFile: settings.configFile || undefined, onError: this.onConfigError });
    this.backlogPass.cancel();
    for (const document of this.documents.all()) {
      // Published again even unchanged, as confirmation.
      this.publisher.republish(document.uri);
      this.edited.add(document.uri);
    }
    if (this.edited.size > 0) this.storyPass.schedule(0);
    return { settings, config, project: new Project(this.cache, config, (message) => this.connection.console.error(message)), scanned: false };
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
    return { ...DEFAULT_SERVER_SETTINGS, ...(value ?? {}) };
  }

  /** The client's files.exclude globs that are on, over every workspace folder. */
  private async readFilesExclude(): Promise<string[]> {
    if (!this.capabilities.pullConfiguration) return [];
    const globs: string[] = [];
    for (const root of this.workspace.roots) {
      const exclude = (await this.connection.workspace.getConfiguration({ scopeUri: pathToFileURL(root).href, section: 'files.exclude' })) as Record<string, unknown> | null;
      for (const [glob, on] of Object.entries(exclude ?? {})) if (on === true) globs.push(glob);
    }
    return globs;
  }

  // --- The two passes

  /** Runs one pass's work, logging a failure instead of leaving it unhandled. */
  private async guarded(doing: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.logFailure(doing, error);
    }
  }

  /** The story rules of the documents edited since the last story pass, published at once. */
  private async lintEdited(run: Run): Promise<void> {
    await this.configured;
    if (run.superseded()) return;
    const { project, settings } = this.session;
    const files = [...this.edited].flatMap((uri) => {
      const document = this.documents.get(uri);
      const file = document && this.trackOpen(document);
      return file ? [file] : [];
    });
    this.edited.clear();
    if (!settings.enable) return;
    for (const file of files) {
      project.lintEdited(file);
      this.publish(file);
    }
    this.backlogPass.schedule(this.backlogDelayMs);
  }

  /**
   * Story rules of the files not linted yet (open ones first), the backlog rules over what changed,
   * then publishing every result that changed; stops at a slice when a newer edit supersedes it.
   */
  private async lintBacklog(run: Run): Promise<void> {
    await this.configured;
    if (run.superseded()) return;
    const { project, settings } = this.session;
    if (!settings.enable) return this.publisher.clearAllBut(() => false);
    const unlinted = project.unlinted().sort((a, b) => Number(b.open) - Number(a.open));
    if (!(await run.slices(unlinted, (file) => project.lintStoriesOf(file)))) return;
    this.backlogLints++;
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
    this.session.project.published(file);
    this.publisher.publish(file);
  }

  /** Once the latest reload (scan included) and both passes are done: for whole-backlog answers. */
  private async settled(): Promise<void> {
    // The first reload starts once the client is initialized: `configured` waits for it.
    await this.configured;
    for (let loading; loading !== this.loading; ) await (loading = this.loading);
    while (this.storyPass.busy || this.backlogPass.busy) {
      await this.storyPass.flush();
      await this.backlogPass.flush();
    }
  }

  private trackOpen(document: TextDocument): ProjectFile | undefined {
    const filePath = this.workspace.opened(document.uri);
    return filePath ? this.session.project.set(filePath, document.uri, document.getText(), document.version, true) : undefined;
  }

  /**
   * The file a request is about, as published: a pending edit of it runs the story pass first, and
   * a file never linted has its story rules run (its backlog findings come with the backlog pass).
   */
  private async fileFor(uri: string): Promise<ProjectFile | undefined> {
    await this.configured;
    if (this.edited.has(uri)) await this.storyPass.flush();
    const { project, settings } = this.session;
    const filePath = pathOf(uri);
    if (!settings.enable || !filePath) return undefined;
    const document = this.documents.get(uri);
    const file = document ? this.trackOpen(document) : project.get(filePath);
    if (!file || file.skipped) return undefined;
    project.lintEdited(file);
    return file;
  }

  // --- Documents and watched files

  onDidOpen(event: TextDocumentChangeEvent<TextDocument>): void {
    this.trackOpen(event.document);
    this.edited.add(event.document.uri);
    this.storyPass.schedule(0);
  }

  onDidChangeContent(event: TextDocumentChangeEvent<TextDocument>): void {
    const tracked = this.session.project.get(pathOf(event.document.uri) ?? '');
    if (tracked?.open && tracked.document.version === event.document.version) return; // just opened
    if (this.session.settings.run !== 'onType') return;
    this.edit(event.document.uri, this.debounceMs);
  }

  onDidSave(event: TextDocumentChangeEvent<TextDocument>): void {
    if (this.session.settings.run !== 'onSave') return;
    this.edit(event.document.uri, 0);
  }

  /** A document to lint again: its story pass after `delay`, and no backlog pass before that. */
  private edit(uri: string, delay: number): void {
    this.edited.add(uri);
    this.backlogPass.cancel();
    this.storyPass.schedule(delay);
  }

  async onDidClose(event: TextDocumentChangeEvent<TextDocument>): Promise<void> {
    this.edited.delete(event.document.uri);
    const filePath = pathOf(event.document.uri);
    if (!filePath) return;
    const { project, config } = this.session;
    const file = project.get(filePath);
    if (file) file.open = false;
    // The file stays part of the backlog as it is on disk, if the workspace scan would lint it
    // (a file the config does not select, say CHANGELOG.md, or one never saved, leaves it).
    if (!this.workspace.scans(filePath, config) || !(await this.workspace.load(filePath, project))) {
      project.delete(filePath);
      this.publisher.clear(event.document.uri);
    }
    this.backlogPass.schedule(this.debounceMs);
  }

  async onDidChangeWatchedFiles({ changes }: DidChangeWatchedFilesParams): Promise<void> {
    await this.configured;
    // A config change can change every file's rules and which files are selected: start over.
    if (changes.some((change) => isConfigFile(pathOf(change.uri) ?? ''))) return void this.reload();
    const { project, config } = this.session;
    for (const change of changes) {
      const filePath = pathOf(change.uri);
      if (!filePath || !isMarkdownPath(filePath) || this.workspace.isExcluded(filePath) || project.get(filePath)?.open) continue;
      if (change.type !== FileChangeType.Deleted && config.selects(filePath)) await this.workspace.load(filePath, project);
      else {
        const gone = project.delete(filePath);
        if (gone) this.publisher.clear(gone.uri);
      }
    }
    this.backlogPass.schedule(this.debounceMs);
  }

  // --- Requests

  async onCodeAction(params: CodeActionParams, token: CancellationToken) {
    const file = await this.fileFor(params.textDocument.uri);
    if (!file) return [];
    const { project, config } = this.session;
    const environment = { project, config: config.forFile(file.filePath), configRoot: config.rootOf(file.filePath), uriOf: this.workspace.uriOf };
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
    if (!this.session.settings.codeLens) return [];
    const file = await this.fileFor(params.textDocument.uri);
    return cancelled(token) ?? (file ? codeLenses(file) : []);
  }

  async onCompletion(params: CompletionParams, token: CancellationToken) {
    const file = await this.fileFor(params.textDocument.uri);
    return cancelled(token) ?? (file ? completions(file, params.position) : []);
  }

  async onExecuteCommand({ command, arguments: args = [] }: ExecuteCommandParams): Promise<void> {
    const lintForFixes = (file: ProjectFile) => (text: string) => this.session.project.lintForFixes(file.filePath, text);
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
        const changes = this.session.project
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
  async onReport(): Promise<ReportResponse> {
    await this.settled();
    const results = this.session.project.all().flatMap((file) => (file.result ? [file.result] : []));
    return { html: renderReportHtml(results, { webview: true, cwd: this.workspace.roots[0], rules }) };
  }

  async onStats(): Promise<ServerStats> {
    await this.settled();
    const backlogRules = rules.filter((rule) => rule.scope === 'backlog').map((rule) => rule.name);
    const { project } = this.session;
    const backlogExamined = Object.fromEntries(backlogRules.map((name) => [name, project.backlogExamined(name)]));
    return { parses: this.cache.parses, backlogLints: this.backlogLints, backlogExamined, files: project.all().length };
  }

  private log(message: string): void {
    this.connection.console.log(message);
  }
}
