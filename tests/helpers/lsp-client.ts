import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ApplyWorkspaceEditRequest,
  type ClientCapabilities,
  type ConfigurationItem,
  ConfigurationRequest,
  createProtocolConnection,
  type Diagnostic,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  type InitializeResult,
  type MessageReader,
  type MessageWriter,
  type ProtocolConnection,
  PublishDiagnosticsNotification,
  type PublishDiagnosticsParams,
  RegistrationRequest,
  type RegistrationParams,
  ShowDocumentRequest,
  type ShowDocumentParams,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { serveWorkspace, startWebWorker, WEB_ROOT_URI } from './web-worker';

export const ROOT = join(__dirname, '..', '..');
export const SERVER = join(ROOT, 'dist', 'server.js');

export interface StartOptions {
  /** A folder copied to a temporary workspace (the server may see files change there). */
  fixture: string;
  initializationOptions?: Record<string, unknown>;
  /** Values of workspace/configuration sections, e.g. { storylint: {...}, 'files.exclude': {...} }. */
  configuration?: Record<string, unknown>;
  /** Runs on the temporary workspace before the server starts: files a copy cannot carry (FIFOs, links) or many generated ones. */
  prepare?: (workspace: string) => void;
  /**
   * A client that declares none of the optional capabilities (no workspace folders, configuration,
   * documentChanges, watchers, dynamic registration) and names the workspace by rootUri only, as a
   * minimal editor integration does.
   */
  minimal?: boolean;
  /**
   * The web extension's server (dist/web/server.js) in a worker, instead of `node dist/server.js`:
   * the workspace is named by a virtual URI (WEB_ROOT_URI) and read through the client's requests.
   */
  web?: boolean;
  /** The web server's search for config files fails, as it does on a file system without a search provider. */
  webSearchFails?: boolean;
  /** A window with no folder open (vscode.dev's default): neither rootUri nor workspace folders. */
  withoutFolder?: boolean;
}

/** How the test talks to the server: a process's stdio, or a worker's messages. */
interface Transport {
  reader: MessageReader;
  writer: MessageWriter;
  exited: Promise<number | null>;
  /** The server process (stdio); none for the web server. */
  process?: ChildProcess;
  /** Ends the web server's worker (a browser ends it with the page). */
  terminate?: () => void;
}

/** What VS Code declares (the parts the server reads). */
const STANDARD_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    applyEdit: true,
    workspaceEdit: { documentChanges: true, resourceOperations: ['create'] },
    didChangeWatchedFiles: { dynamicRegistration: true },
    didChangeConfiguration: { dynamicRegistration: true },
  },
  textDocument: {
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor', 'source'] } }, isPreferredSupport: true },
    hover: { contentFormat: ['markdown'] },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    completion: { completionItem: { snippetSupport: true } },
  },
  window: { showDocument: { support: true } },
};

/** A plain LSP client: code action literals and applyEdit, nothing optional. */
const MINIMAL_CAPABILITIES: ClientCapabilities = {
  workspace: { applyEdit: true },
  textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } } } },
};

/**
 * The test side of a real LSP session with the built server (`node dist/server.js --stdio`): it
 * answers the server's requests like an editor would and records what the server sends.
 */
export class LspClient {
  readonly connection: ProtocolConnection;
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly registrations: RegistrationParams[] = [];
  /** Sections the server asked for with workspace/configuration. */
  readonly configurationRequests: (string | undefined)[] = [];
  readonly shownDocuments: ShowDocumentParams[] = [];
  readonly appliedEdits: WorkspaceEdit[] = [];
  readonly notifications: { method: string; params: unknown }[] = [];
  /** The workspace requests the web server sent ("method uri"), in order. */
  readonly workspaceRequests: string[] = [];
  configuration: Record<string, unknown>;
  private readonly documents = new Map<string, TextDocument>();
  private readonly waiters = new Set<() => void>();
  readonly exited: Promise<number | null>;

  private constructor(
    readonly workspace: string,
    private readonly transport: Transport,
    configuration: Record<string, unknown>,
    /** What the server wrote to stderr. */
    readonly stderr: string[],
    searchFails = false,
  ) {
    this.configuration = configuration;
    this.connection = createProtocolConnection(transport.reader, transport.writer);
    this.exited = transport.exited;
    if (!transport.process) serveWorkspace(this.connection, workspace, this.workspaceRequests, searchFails);
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.diagnostics.set(params.uri, params);
      this.wake();
    });
    this.connection.onUnhandledNotification(({ method, params }) => {
      this.notifications.push({ method, params });
      this.wake();
    });
    this.connection.onRequest(ConfigurationRequest.type, ({ items }: { items: ConfigurationItem[] }) => {
      this.configurationRequests.push(...items.map((item) => item.section));
      return items.map((item) => (this.configuration[item.section ?? ''] ?? null) as never);
    });
    this.connection.onRequest(RegistrationRequest.type, (params: RegistrationParams) => {
      this.registrations.push(params);
    });
    this.connection.onRequest(ShowDocumentRequest.type, (params) => {
      this.shownDocuments.push(params);
      return { success: true };
    });
    this.connection.onRequest(ApplyWorkspaceEditRequest.type, ({ edit }) => {
      this.appliedEdits.push(edit);
      this.wake();
      return { applied: true };
    });
    this.connection.listen();
  }

  /** The server process (not for a web server, which runs in a worker). */
  get process(): ChildProcess {
    if (!this.transport.process) throw new Error('the web server runs in a worker, not a process');
    return this.transport.process;
  }

  get web(): boolean {
    return !this.transport.process;
  }

  static async start(options: StartOptions): Promise<{ client: LspClient; initialize: InitializeResult }> {
    const workspace = mkdtempSync(join(tmpdir(), 'storylint-lsp-'));
    cpSync(options.fixture, workspace, { recursive: true });
    options.prepare?.(workspace);
    const stderr: string[] = [];
    const client = new LspClient(workspace, options.web ? startWebWorker((text) => stderr.push(text)) : stdioTransport(stderr), options.configuration ?? {}, stderr, options.webSearchFails);
    const exited = client.exited.then((code) => {
      throw new Error(`server exited (${code}) during initialize; stderr: ${client.stderr.join('')}`);
    });
    const rootUri = options.withoutFolder ? null : client.uri('');
    const initialize = await Promise.race([
      exited,
      client.connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri,
        workspaceFolders: options.minimal || !rootUri ? null : [{ uri: rootUri, name: 'fixture' }],
        // The standard client stands for VS Code, whose extension serves the storylint-docs: rule pages.
        initializationOptions: options.minimal ? options.initializationOptions : { ruleDocuments: true, ...options.initializationOptions },
        capabilities: options.minimal ? MINIMAL_CAPABILITIES : STANDARD_CAPABILITIES,
      }),
    ]);
    await client.connection.sendNotification(InitializedNotification.type, {});
    return { client, initialize };
  }

  uri(relativePath: string): string {
    if (!this.web) return pathToFileURL(join(this.workspace, relativePath)).href;
    return [WEB_ROOT_URI, ...relativePath.split('/').filter(Boolean).map(encodeURIComponent)].join('/');
  }

  path(relativePath: string): string {
    return join(this.workspace, relativePath);
  }

  document(uri: string): TextDocument {
    const document = this.documents.get(uri);
    if (!document) throw new Error(`not open: ${uri}`);
    return document;
  }

  /** Opens a workspace file with its text on disk (or the given text). */
  async open(relativePath: string, text?: string): Promise<string> {
    const uri = this.uri(relativePath);
    const content = text ?? readFileSync(this.path(relativePath), 'utf8');
    this.documents.set(uri, TextDocument.create(uri, 'markdown', 1, content));
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text: content } });
    return uri;
  }

  /** Applies edits to an open document and sends them as incremental changes (one new version). */
  async edit(uri: string, edits: readonly TextEdit[]): Promise<number> {
    const document = this.document(uri);
    const version = document.version + 1;
    // LSP applies content changes one after another: send them last-first so ranges stay valid.
    const ordered = [...edits].sort((a, b) => document.offsetAt(b.range.start) - document.offsetAt(a.range.start));
    const updated = TextDocument.update(document, ordered.map((edit) => ({ range: edit.range, text: edit.newText })), version);
    this.documents.set(uri, updated);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: ordered.map((edit) => ({ range: edit.range, text: edit.newText })),
    });
    return version;
  }

  /** Edits of a workspace edit for one document, in the order they were given. */
  static editsFor(edit: WorkspaceEdit, uri: string): TextEdit[] {
    const changes: TextEdit[] = [...(edit.changes?.[uri] ?? [])];
    for (const change of edit.documentChanges ?? []) if ('textDocument' in change && change.textDocument.uri === uri) changes.push(...(change.edits as TextEdit[]));
    return changes;
  }

  /** Resolves once `check` returns a value (re-checked on every message from the server). */
  async until<T>(check: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
    const now = check();
    if (now !== undefined) return now;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`timed out waiting for ${what}; server log: ${this.log()}`));
      }, timeoutMs);
      const waiter = () => {
        const value = check();
        if (value === undefined) return;
        clearTimeout(timer);
        this.waiters.delete(waiter);
        resolve(value);
      };
      this.waiters.add(waiter);
      void this.exited.then((code) => {
        if (!this.waiters.has(waiter)) return;
        clearTimeout(timer);
        this.waiters.delete(waiter);
        reject(new Error(`server exited (${code}) while waiting for ${what}; server log: ${this.log()}`));
      });
    });
  }

  /** The diagnostics published for a document version (any version when not given). */
  diagnosticsFor(uri: string, version?: number, predicate: (diagnostics: Diagnostic[]) => boolean = () => true): Promise<Diagnostic[]> {
    return this.until(() => {
      const published = this.diagnostics.get(uri);
      if (!published || (version !== undefined && published.version !== version) || !predicate(published.diagnostics)) return undefined;
      return published.diagnostics;
    }, `diagnostics of ${uri}${version !== undefined ? ` v${version}` : ''}`);
  }

  async stop(): Promise<number | null> {
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    this.transport.terminate?.();
    const code = await this.exited;
    this.connection.dispose();
    rmSync(this.workspace, { recursive: true, force: true });
    return code;
  }

  /** What the server wrote to its log and stderr, for failure messages. */
  log(): string {
    const messages = this.notifications.filter((n) => n.method === 'window/logMessage').map((n) => (n.params as { message: string }).message);
    return [...messages, ...this.stderr].join('\n');
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

/** `node dist/server.js --stdio`, its stderr kept. */
function stdioTransport(stderr: string[]): Transport {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { reader: new StreamMessageReader(child.stdout), writer: new StreamMessageWriter(child.stdin), exited, process: child };
}
