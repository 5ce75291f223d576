import {
  type Connection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  type InitializeParams,
  type InitializeResult,
  LSPErrorCodes,
  ResponseError,
  TextDocuments,
  type CancellationToken,
  type CodeActionParams,
  type DidChangeWatchedFilesParams,
  type CodeLensParams,
  type ExecuteCommandParams,
  type TextDocumentChangeEvent,
  type WorkspaceFoldersChangeEvent,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codeActions } from './actions';
import { runCommand } from './commands';
import { CONFIG_FILE_GLOBS, type ConfigProblemReport, isConfigFile, LastValidConfigs, WorkspaceConfig } from './config';
import { ConfigFeedback } from './config-feedback';
import { useDocsBaseUrl } from './diagnostics';
import { forClient } from './edits';
import { workspaceFixPlan } from './fixes';
import { hover, ruleDocument } from './hover';
import { completions } from './completion';
import { type Client, clientOf, initializeResult, UNINITIALIZED_CLIENT } from './initialize';
import { codeLenses, documentSymbols } from './outline';
import { OutcomeMap, outcomeDefinition, outcomeReferences, workspacePath } from './outcomes';
import { Project, type ProjectFile } from './project';
import { type PassHost, Passes } from './passes';
import type { Session } from './session';
import { Publisher } from './publisher';
import { backlogReport } from './report';
import { DEFAULT_SERVER_SETTINGS, readFilesExclude, readSettings, type ServerSettings } from './settings';
import type { ServerHost } from './host';
import { MARKDOWN_GLOBS, Workspace } from './workspace';
import { DOCS_BASE_URL, ParseCache } from '../core';
import {
  FIX_PLAN_REQUEST,
  type FixPlan,
  REPORT_REQUEST,
  type ReportResponse,
  RULE_DOCUMENT_REQUEST,
  type RuleDocumentParams,
  STATS_REQUEST,
  type ServerStats,
} from '../protocol';

/** Serves LSP on the connection; `host` is where the workspace's files are read (Node's disk, or the client's in the browser). */
export function startServer(connection: Connection, host: ServerHost): void {
  new StorylintServer(connection, host).listen();
}

const cancelled = (token: CancellationToken) => (token.isCancellationRequested ? new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled') : undefined);

/**
 * The language server: one method per LSP handler, and the reloads they start (settings, config,
 * the workspace scan). It lints in two passes (passes.ts): the story pass runs the story rules of
 * the edited documents and publishes them at once, with the backlog findings they had moved along;
 * the backlog pass follows once typing pauses. Requests are answered from what was published (a
 * request about a document with a pending edit runs the story pass first).
 */
class StorylintServer {
  private readonly documents = new TextDocuments(TextDocument);
  /** Parse trees and the stories built from them, by chunk text: they outlive reloads. */
  private readonly cache = new ParseCache();
  private readonly workspace: Workspace;
  private readonly publisher: Publisher;
  private readonly passes: Passes;
  /** Config feedback and the last valid configs outlive sessions: a reload compares with what the user saw. */
  private readonly configFeedback: ConfigFeedback;
  private readonly lastValid = new LastValidConfigs();
  private session: Session;
  private client: Client = UNINITIALIZED_CLIENT;
  private pushedSettings: unknown;
  private reloads = 0;

  /** Settings and config of the latest reload are in place: requests wait for this, not for the scan. */
  private configured: Promise<void>;
  private adoptFirstConfiguration: (configured: Promise<void>) => void = () => undefined;
  /** The latest reload, background scan included. */
  private loading: Promise<void> = Promise.resolve();
  /** Files the scan had read when an open document's diagnostics were first sent (storylint/stats). */
  private scanReadsAtFirstDiagnostics: number | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly host: ServerHost,
  ) {
    this.workspace = new Workspace(host, (message) => this.log(message));
    this.configured = new Promise((resolve) => (this.adoptFirstConfiguration = resolve));
    this.publisher = new Publisher(
      connection,
      this.workspace.uriOf,
      (uri) => this.documents.get(uri)?.version,
      () => (this.scanReadsAtFirstDiagnostics ??= this.workspace.scanReads),
    );
    const passHost: PassHost = {
      configured: () => this.configured,
      session: () => this.session,
      openFile: (uri) => {
        const document = this.documents.get(uri);
        return document && this.trackOpen(document);
      },
      backlogDelayMs: () => this.client.backlogDelayMs,
      logFailure: (doing, error) => this.logFailure(doing, error),
    };
    this.passes = new Passes(passHost, this.publisher);
    this.configFeedback = new ConfigFeedback(connection, this.workspace.uriOf);
    this.session = this.newSession(DEFAULT_SERVER_SETTINGS);
  }

  listen(): void {
    this.register();
    this.documents.listen(this.connection);
    this.connection.listen();
    this.log(`storylint server started (debounce ${this.client.debounceMs} ms)`);
  }

  /** The LSP handler table: one line per notification or request the server handles. */
  private register(): void {
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
    connection.onHover(({ textDocument, position }, token) => this.answer(textDocument.uri, token, null, (file) => hover(file, position, this.outcomes(file))));
    connection.onDocumentSymbol(({ textDocument }, token) => this.answer(textDocument.uri, token, [], (file) => documentSymbols(file, this.outcomes(file))));
    connection.onCodeLens((params, token) => this.onCodeLens(params, token));
    connection.onCompletion(({ textDocument, position }, token) => this.answer(textDocument.uri, token, [], (file) => completions(file, position, this.outcomes(file))));
    connection.onDefinition(({ textDocument, position }, token) => this.acrossFiles(textDocument.uri, token, (file, map) => outcomeDefinition(map, file, position)));
    connection.onReferences(({ textDocument, position, context }, token) =>
      this.acrossFiles(textDocument.uri, token, (file, map) => outcomeReferences(map, file, position, context.includeDeclaration)),
    );
    connection.onExecuteCommand((params) => this.onExecuteCommand(params));
    connection.onRequest(REPORT_REQUEST, () => this.onReport());
    connection.onRequest(FIX_PLAN_REQUEST, () => this.onFixPlan());
    connection.onRequest(STATS_REQUEST, () => this.onStats());
    connection.onRequest(RULE_DOCUMENT_REQUEST, (params: RuleDocumentParams) => ruleDocument(params?.rule, this.host.readRulePage));
  }

  // --- Lifecycle and configuration

  onInitialize(params: InitializeParams): InitializeResult {
    this.workspace.roots = this.workspace.folderPaths(params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri }] : []));
    this.client = clientOf(params);
    this.configFeedback.initialize(params);
    this.session = this.newSession(this.session.settings);
    return initializeResult();
  }

  async onInitialized(): Promise<void> {
    try {
      if (this.client.watchDynamically) {
        await this.connection.client.register(DidChangeWatchedFilesNotification.type, {
          watchers: [...MARKDOWN_GLOBS, ...CONFIG_FILE_GLOBS].map((globPattern) => ({ globPattern })),
        });
      }
      if (this.client.registerConfiguration) await this.connection.client.register(DidChangeConfigurationNotification.type, { section: 'storylint' });
      // Only a client that declares workspace folders sends their changes (the library throws otherwise).
      if (this.client.workspaceFolderEvents) this.connection.workspace.onDidChangeWorkspaceFolders((event) => this.onDidChangeWorkspaceFolders(event));
    } finally {
      void this.reload();
      this.adoptFirstConfiguration(this.configured);
    }
  }

  onDidChangeWorkspaceFolders(event: WorkspaceFoldersChangeEvent): void {
    const { workspace } = this;
    const removed = new Set(workspace.folderPaths(event.removed));
    workspace.roots = [...workspace.roots.filter((root) => !removed.has(root)), ...workspace.folderPaths(event.added)];
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
        // The open documents before the scan, which takes seconds in a large workspace (a failed
        // reload keeps the scanned session: its passes carry on as they were).
        if (!session.scanned) this.passes.lintOpenFirst();
        if (session.settings.enable && !(await this.workspace.scan(session.project, session.config, stopped))) return;
        if (stopped()) return;
        session.scanned = true;
        this.configFeedback.endRound(session.round);
        // What the client shows for files no longer in the backlog (deleted, ignored, disabled).
        const present = new Set(session.project.all().map((file) => file.uri));
        this.publisher.clearAllBut((uri) => session.settings.enable && present.has(uri));
        this.passes.scheduleBacklog(0);
      })
      .catch((error: unknown) => this.logFailure('scanning the workspace', error));
    return this.loading;
  }

  private async configure(pushed?: unknown): Promise<void> {
    const { connection, client, workspace } = this;
    const reload = ++this.reloads;
    // A client that pushes its settings sends them on change only: a reload for a config file keeps them.
    this.pushedSettings = pushed ?? this.pushedSettings;
    const settings = await readSettings(connection, client.pullConfiguration, this.pushedSettings);
    workspace.setExcludes(await readFilesExclude(connection, client.pullConfiguration, workspace.roots.map(this.host.uriOf)));
    // The config files a host without a disk must fetch first: the settings apply even when that fails.
    await this.host.prepareConfigs(workspace.roots, settings.configFile || undefined).catch((error: unknown) => this.logFailure('reading the config files', error));
    if (reload !== this.reloads) return; // a later reload started meanwhile: its settings and configs win
    // Only the VS Code extension serves storylint-docs: pages; other editors open the published ones.
    // A new docs address changes every diagnostic's link: files whose findings stay the same are sent again too.
    if (useDocsBaseUrl(settings.docsBaseUrl || (this.client.showsRuleDocs ? '' : DOCS_BASE_URL))) {
      for (const file of this.session.project.all()) this.publisher.republish(file.uri);
    }
    this.session = this.newSession(settings);
  }

  /** A fresh config and project (settings or config changed); open documents are linted again at once. */
  private newSession(settings: ServerSettings): Session {
    const round = this.configFeedback.startRound();
    const onError = (problem: ConfigProblemReport) => this.configFeedback.report(round, problem);
    const config = new WorkspaceConfig({ roots: this.workspace.roots, host: this.host.config, configFile: settings.configFile || undefined, lastValid: this.lastValid, onError });
    const open = this.documents.all().map((document) => document.uri);
    // Published again even unchanged, as confirmation.
    for (const uri of open) this.publisher.republish(uri);
    this.passes.restart(open);
    return { settings, config, project: new Project(this.cache, config, (message) => this.connection.console.error(message)), scanned: false, round };
  }

  private logFailure(doing: string, error: unknown): void {
    this.connection.console.error(`storylint: failed ${doing}: ${error instanceof Error ? error.message : String(error)}`);
  }

  /** Once the latest reload (scan included) and both passes are done: for whole-backlog answers. */
  private async settled(): Promise<void> {
    await this.scanned();
    await this.passes.settled();
  }

  /** Once the latest reload's scan is done: the project holds every file (for answers across files, which need not wait for the backlog pass). */
  private async scanned(): Promise<void> {
    // The first reload starts once the client is initialized: `configured` waits for it.
    await this.configured;
    for (let loading; loading !== this.loading; ) await (loading = this.loading);
  }

  /** The outcomes of a file's backlog (`complete`: every file read linted first). */
  private outcomes(file: ProjectFile, complete = false): OutcomeMap {
    const { project, scanned } = this.session;
    return OutcomeMap.of(project, file, { displayPath: (filePath) => workspacePath(this.workspace.roots, filePath), scanned, complete });
  }

  private trackOpen(document: TextDocument): ProjectFile | undefined {
    const filePath = this.workspace.opened(document.uri);
    if (!filePath) return undefined;
    const { project } = this.session;
    const published = project.get(filePath)?.uri;
    if (published !== undefined && published !== document.uri) this.publisher.forget(published);
    return project.set(filePath, document.uri, document.getText(), document.version, true);
  }

  /**
   * The file a request is about, as published: a pending edit of it runs the story pass first, and
   * a file never linted has its story rules run (its backlog findings come with the backlog pass).
   */
  private async fileFor(uri: string): Promise<ProjectFile | undefined> {
    await this.configured;
    await this.passes.lintIfEdited(uri);
    const { project, settings } = this.session;
    const filePath = this.workspace.filePathOf(uri);
    if (!settings.enable || !filePath) return undefined;
    const document = this.documents.get(uri);
    const file = document ? this.trackOpen(document) : project.get(filePath);
    if (!file || file.skipped) return undefined;
    project.lintEdited(file);
    return file;
  }

  /** A request answered from the whole backlog (definition, references): after the scan, so that no file is missed. */
  private async acrossFiles<T>(uri: string, token: CancellationToken, answer: (file: ProjectFile, outcomes: OutcomeMap) => T) {
    await this.scanned();
    return this.answer(uri, token, null, (file) => answer(file, this.outcomes(file, true)));
  }

  // --- Documents and watched files

  onDidOpen(event: TextDocumentChangeEvent<TextDocument>): void {
    this.trackOpen(event.document);
    this.passes.opened(event.document.uri);
  }

  onDidChangeContent(event: TextDocumentChangeEvent<TextDocument>): void {
    const tracked = this.session.project.get(this.workspace.filePathOf(event.document.uri) ?? '');
    if (tracked?.open && tracked.document.version === event.document.version) return; // just opened
    if (this.session.settings.run !== 'onType') return;
    this.passes.changed(event.document.uri, this.client.debounceMs);
  }

  onDidSave(event: TextDocumentChangeEvent<TextDocument>): void {
    if (this.session.settings.run !== 'onSave') return;
    this.passes.changed(event.document.uri, 0);
  }

  async onDidClose(event: TextDocumentChangeEvent<TextDocument>): Promise<void> {
    this.passes.closed(event.document.uri);
    const filePath = this.workspace.filePathOf(event.document.uri);
    if (!filePath) return;
    const { project, config } = this.session;
    if (!(await this.workspace.closed(filePath, project, config))) this.publisher.clear(event.document.uri);
    this.passes.scheduleBacklog(this.client.debounceMs);
  }

  async onDidChangeWatchedFiles({ changes }: DidChangeWatchedFilesParams): Promise<void> {
    await this.configured;
    // A config change can change every file's rules and which files are selected: start over.
    if (changes.some((change) => isConfigFile(this.workspace.pathOf(change.uri) ?? ''))) return void this.reload();
    const { project, config } = this.session;
    await this.workspace.changed(changes, project, config, (uri) => this.publisher.clear(uri));
    this.passes.scheduleBacklog(this.client.debounceMs);
  }

  // --- Requests

  async onCodeAction(params: CodeActionParams, token: CancellationToken) {
    const file = await this.fileFor(params.textDocument.uri);
    if (!file) return [];
    const { project, config } = this.session;
    const environment = { project, config: config.forFile(file.filePath), configRoot: config.rootOf(file.filePath), uriOf: this.workspace.uriOf, configHost: this.host.config };
    return (
      cancelled(token) ??
      codeActions(params, file, environment).flatMap((action) => {
        if (!action.edit) return [action];
        const edit = forClient(action.edit, this.client.editSupport);
        return edit ? [{ ...action, edit }] : [];
      })
    );
  }

  /** A request about one file, answered from it as published; `none` for a file storylint does not lint. */
  private async answer<T, N>(uri: string, token: CancellationToken, none: N, answer: (file: ProjectFile) => T): Promise<T | N | ResponseError> {
    const file = await this.fileFor(uri);
    return cancelled(token) ?? (file ? answer(file) : none);
  }

  async onCodeLens(params: CodeLensParams, token: CancellationToken) {
    if (!this.session.settings.codeLens) return [];
    const file = await this.fileFor(params.textDocument.uri);
    return cancelled(token) ?? (file ? codeLenses(file) : []);
  }

  async onExecuteCommand({ command, arguments: args = [] }: ExecuteCommandParams): Promise<void> {
    const { connection, client } = this;
    await runCommand(command, args, {
      connection,
      editSupport: client.editSupport,
      fileFor: (uri) => this.fileFor(uri),
      project: () => this.session.project,
      settled: async () => {
        // Edits carry document versions: lint pending edits first, or the editor rejects stale ones.
        await this.settled();
        return this.session;
      },
    });
  }

  /** What the workspace fix would change, for the client's confirmation. */
  async onFixPlan(): Promise<FixPlan> {
    await this.settled();
    const { project, config } = this.session;
    return workspaceFixPlan(project, (filePath) => config.rootOf(filePath));
  }

  async onReport(): Promise<ReportResponse> {
    await this.settled();
    return backlogReport(this.session.project, this.workspace.roots[0], this.workspace.uriOf);
  }

  async onStats(): Promise<ServerStats> {
    await this.settled();
    const { project } = this.session;
    const { parses } = this.cache;
    const { scanReads } = this.workspace;
    return { parses, backlogLints: this.passes.backlogLints, backlogExamined: project.backlogExamined(), files: project.all().length, scanReads, scanReadsAtFirstDiagnostics: this.scanReadsAtFirstDiagnostics };
  }

  private log(message: string): void {
    this.connection.console.log(message);
  }
}
