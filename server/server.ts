import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
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
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { COMMANDS, codeActions, documentEdit, FIX_ALL_KIND } from './actions';
import { CONFIG_FILE_GLOBS, isConfigFile, WorkspaceConfig } from './config';
import { diagnosticsOf, rangeOf } from './diagnostics';
import { fixAllEdit } from './edits';
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
/** Test and benchmark hook: how many chunks the parse cache has parsed so far. */
export const STATS_REQUEST = 'storylint/stats';

const isMarkdownPath = (filePath: string) => MARKDOWN_EXTENSIONS.some((extension) => filePath.toLowerCase().endsWith(extension));
const pathOf = (uri: string): string | undefined => (uri.startsWith('file:') ? fileURLToPath(uri) : undefined);

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let roots: string[] = [];
  let settings = DEFAULT_SETTINGS;
  let debounceMs = DEFAULT_DEBOUNCE_MS;
  let canPullConfiguration = false;
  let canWatchDynamically = false;
  let canRegisterConfiguration = false;
  let filesExclude: picomatch.Matcher[] = [];
  const onConfigError = (error: Error) => {
    connection.console.error(`storylint: ${error.message}`);
    void connection.window.showWarningMessage(`Storylint configuration problem: ${error.message}. Using the default rules until it is fixed.`);
  };
  let config = new WorkspaceConfig({ roots, onError: onConfigError });
  const cache = new ParseCache();
  let project = new Project(cache, config, (message) => connection.console.error(message));
  /** The latest full reload (settings, config, background scan); requests that need it wait. */
  let initialLoadDone: () => void = () => undefined;
  let ready = new Promise<void>((resolve) => (initialLoadDone = resolve));
  const timers = new Map<string, NodeJS.Timeout>();
  const clientUris = new Map<string, string>();
  let scanGeneration = 0;

  const uriOf = (filePath: string): string => clientUris.get(filePath) ?? pathToFileURL(filePath).href;
  const log = (message: string) => connection.console.log(message);

  /** A fresh config and project (settings or config changed); open documents carry over. */
  const rebuild = (): Project => {
    const previous = project;
    config = new WorkspaceConfig({ roots, configFile: settings.configFile || undefined, onError: onConfigError });
    project = new Project(cache, config, (message) => connection.console.error(message));
    for (const document of documents.all()) trackOpen(document);
    return previous;
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
    roots = folders.map((folder) => pathOf(folder.uri)).filter((path): path is string => path !== undefined);
    const capabilities = params.capabilities ?? {};
    canPullConfiguration = capabilities.workspace?.configuration === true;
    canWatchDynamically = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    canRegisterConfiguration = capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    const options = (params.initializationOptions ?? {}) as { debounceMs?: unknown };
    if (typeof options.debounceMs === 'number' && options.debounceMs >= 0) debounceMs = options.debounceMs;
    rebuild();
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
  });

  connection.onInitialized(() => void initialized().finally(initialLoadDone));

  async function initialized(): Promise<void> {
    if (canWatchDynamically) {
      await connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [...MARKDOWN_EXTENSIONS.map((extension) => ({ globPattern: `**/*${extension}` })), ...CONFIG_FILE_GLOBS.map((globPattern) => ({ globPattern }))],
      });
    }
    if (canRegisterConfiguration) await connection.client.register(DidChangeConfigurationNotification.type, { section: 'storylint' });
    connection.workspace.onDidChangeWorkspaceFolders((event) => {
      const removed = new Set(event.removed.map((folder) => pathOf(folder.uri)));
      roots = [...roots.filter((root) => !removed.has(root)), ...event.added.map((folder) => pathOf(folder.uri)).filter((path): path is string => path !== undefined)];
      void reload();
    });
    await reload();
  }

  function reload(pushed?: unknown): Promise<void> {
    ready = reloadEverything(pushed);
    return ready;
  }

  /** Settings, config and the background scan, from scratch (start-up, settings or config change). */
  async function reloadEverything(pushed?: unknown): Promise<void> {
    settings = await readSettings(pushed);
    filesExclude = await readFilesExclude();
    const previous = rebuild();
    if (settings.enable) {
      await scanWorkspace();
      publish(project.refresh(), true);
    }
    // Clear what was published before and is gone now (disabled, ignored, or no findings left).
    for (const old of previous.all()) {
      const now = settings.enable ? project.get(old.filePath) : undefined;
      if (old.findingsKey && !now?.findingsKey && !now?.open) connection.sendDiagnostics({ uri: old.uri, diagnostics: [] });
      if (!settings.enable && old.open) connection.sendDiagnostics({ uri: old.uri, version: old.document.version, diagnostics: [] });
    }
  }

  async function readSettings(pushed?: unknown): Promise<ServerSettings> {
    let value: Partial<ServerSettings> | undefined;
    if (canPullConfiguration) value = (await connection.workspace.getConfiguration({ section: 'storylint' })) as Partial<ServerSettings> | undefined;
    else value = (pushed as { storylint?: Partial<ServerSettings> } | undefined)?.storylint;
    return { ...DEFAULT_SETTINGS, ...(value ?? {}) };
  }

  async function readFilesExclude(): Promise<picomatch.Matcher[]> {
    if (!canPullConfiguration) return [];
    const matchers: picomatch.Matcher[] = [];
    for (const root of roots) {
      const exclude = (await connection.workspace.getConfiguration({ scopeUri: pathToFileURL(root).href, section: 'files.exclude' })) as Record<string, unknown> | null;
      for (const [glob, on] of Object.entries(exclude ?? {})) if (on === true) matchers.push(picomatch(glob, { dot: true }));
    }
    return matchers;
  }

  const isExcluded = (filePath: string): boolean => {
    const root = roots.find((candidate) => filePath.startsWith(candidate + sep));
    if (!root) return false;
    const path = relative(root, filePath).split(sep).join('/');
    return filesExclude.some((matches) => matches(path));
  };

  /** Reads every Markdown file of the workspace folders in the background, a few at a time. */
  async function scanWorkspace(): Promise<void> {
    const generation = ++scanGeneration;
    const visit = async (folder: string): Promise<void> => {
      let entries;
      try {
        entries = await readdir(folder, { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries) {
        if (generation !== scanGeneration) return;
        const path = join(folder, entry.name);
        if (entry.isDirectory()) {
          if (!SKIPPED_FOLDERS.has(entry.name) && !isExcluded(path)) await visit(path);
        } else if (entry.isFile() && isMarkdownPath(path) && !isExcluded(path) && config.selects(path)) await loadFromDisk(path);
      }
    };
    for (const root of roots) await visit(root);
  }

  async function loadFromDisk(filePath: string): Promise<ProjectFile | undefined> {
    if (project.get(filePath)?.open) return project.get(filePath);
    try {
      // UTF-8 takes at most 3 bytes per UTF-16 unit: a file this large is too long without reading it.
      if ((await stat(filePath)).size > 3 * MAX_FILE_LENGTH) {
        const file = project.set(filePath, uriOf(filePath), '', 0, false);
        file.skipped = 'too-large';
        return file;
      }
      return project.set(filePath, uriOf(filePath), await readFile(filePath, 'utf8'), 0, false);
    } catch {
      project.delete(filePath);
      return undefined;
    }
  }

  function trackOpen(document: TextDocument): ProjectFile | undefined {
    const filePath = pathOf(document.uri);
    if (!filePath || isExcluded(filePath)) return undefined;
    clientUris.set(filePath, document.uri);
    return project.set(filePath, document.uri, document.getText(), document.version, true);
  }

  /** Publishes diagnostics of changed files; open files always (with their version). */
  function publish(changed: readonly ProjectFile[], includeOpen = false): void {
    const targets = new Set(changed);
    if (includeOpen) for (const file of project.all()) if (file.open) targets.add(file);
    for (const file of targets) {
      const version = file.open ? file.document.version : undefined;
      connection.sendDiagnostics({ uri: file.uri, version, diagnostics: settings.enable ? diagnosticsOf(file, uriOf) : [] });
      if (file.open) sendSummary(file);
    }
  }

  function sendSummary(file: ProjectFile): void {
    const scores = file.result?.scores ?? [];
    const average = scores.length > 0 ? Math.round(scores.reduce((sum, score) => sum + score, 0) / scores.length) : undefined;
    void connection.sendNotification(FILE_SUMMARY_NOTIFICATION, { uri: file.uri, stories: scores.length, averageScore: average });
  }

  /** Lints one open file now (and the backlog), publishing it and every file whose findings changed. */
  function lintNow(uri: string): void {
    const timer = timers.get(uri);
    if (timer) clearTimeout(timer);
    timers.delete(uri);
    const document = documents.get(uri);
    if (!document || !settings.enable) return;
    const file = trackOpen(document);
    if (!file) return;
    const changed = project.refresh();
    publish(changed.includes(file) ? changed : [...changed, file]);
  }

  function schedule(uri: string): void {
    const previous = timers.get(uri);
    if (previous) clearTimeout(previous);
    timers.set(uri, setTimeout(() => lintNow(uri), debounceMs));
  }

  /** The file for a request, after any reload in progress and linted up to the editor's current text. */
  async function fresh(uri: string): Promise<ProjectFile | undefined> {
    await ready;
    if (!settings.enable) return undefined;
    const filePath = pathOf(uri);
    if (!filePath) return undefined;
    const document = documents.get(uri);
    const file = project.get(filePath);
    if (document && (timers.has(uri) || !file || file.document.version !== document.version || file.document.getText() !== document.getText())) lintNow(uri);
    const current = project.get(filePath);
    if (current && !current.result && !current.skipped) publish(project.refresh());
    return current?.skipped ? undefined : current;
  }

  const cancelled = (token: CancellationToken) => (token.isCancellationRequested ? new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled') : undefined);

  documents.onDidOpen((event) => lintNow(event.document.uri));
  documents.onDidChangeContent((event) => {
    const linted = project.get(pathOf(event.document.uri) ?? '');
    if (linted?.open && linted.document.version === event.document.version) return; // just opened and linted
    if (settings.run === 'onType') schedule(event.document.uri);
  });
  documents.onDidSave((event) => {
    if (settings.run === 'onSave') lintNow(event.document.uri);
  });
  documents.onDidClose(async (event) => {
    const timer = timers.get(event.document.uri);
    if (timer) clearTimeout(timer);
    timers.delete(event.document.uri);
    const filePath = pathOf(event.document.uri);
    if (!filePath) return;
    const file = project.get(filePath);
    if (file) file.open = false;
    // The file stays part of the backlog as it is on disk (or leaves it if it was never saved).
    const reloaded = await loadFromDisk(filePath);
    if (!reloaded) connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
    publish(project.refresh());
  });

  connection.onDidChangeConfiguration((change) => void reload(change.settings));

  connection.onDidChangeWatchedFiles(async ({ changes }) => {
    await ready;
    // A config change can change every file's rules and which files are selected: start over.
    if (changes.some((change) => isConfigFile(pathOf(change.uri) ?? ''))) return reload();
    const gone: ProjectFile[] = [];
    for (const change of changes) {
      const filePath = pathOf(change.uri);
      if (!filePath || !isMarkdownPath(filePath) || isExcluded(filePath) || project.get(filePath)?.open) continue;
      if (change.type === FileChangeType.Deleted) {
        const removed = project.delete(filePath);
        if (removed) gone.push(removed);
      } else if (config.selects(filePath)) await loadFromDisk(filePath);
    }
    for (const file of gone) connection.sendDiagnostics({ uri: file.uri, diagnostics: [] });
    if (settings.enable) publish(project.refresh());
  });

  connection.onCodeAction(async (params, token) => {
    const file = await fresh(params.textDocument.uri);
    if (!file) return [];
    return (
      cancelled(token) ??
      codeActions(params, file, {
        project,
        config: config.forFile(file.filePath),
        configRoot: config.rootOf(file.filePath),
        uriOf,
      })
    );
  });

  connection.onHover(async (params, token) => {
    const file = await fresh(params.textDocument.uri);
    return cancelled(token) ?? (file ? hover(file, params.position) : null);
  });
  connection.onDocumentSymbol(async (params, token) => {
    const file = await fresh(params.textDocument.uri);
    return cancelled(token) ?? (file ? documentSymbols(file) : []);
  });
  connection.onCodeLens(async (params, token) => {
    if (!settings.codeLens) return [];
    const file = await fresh(params.textDocument.uri);
    return cancelled(token) ?? (file ? codeLenses(file) : []);
  });
  connection.onCompletion(async (params, token) => {
    const file = await fresh(params.textDocument.uri);
    return cancelled(token) ?? (file ? completions(file, params.position) : []);
  });

  connection.onExecuteCommand(async ({ command, arguments: args = [] }) => {
    switch (command) {
      case COMMANDS.showDocumentation:
        await connection.window.showDocument({ uri: docsUrl(String(args[0])), external: true });
        return;
      case COMMANDS.fixFile:
      case COMMANDS.fixStory: {
        const file = await fresh(String(args[0]));
        if (!file) return;
        const storyIndex = command === COMMANDS.fixStory ? Number(args[1]) : undefined;
        const edit = fixAllEdit(file.document, (text) => project.lintInContext(file.filePath, text), storyIndex);
        if (edit) await connection.workspace.applyEdit({ label: 'Fix storylint problems', edit: documentEdit(file, [edit]) });
        return;
      }
      case COMMANDS.fixWorkspace: {
        // Edits carry document versions: lint pending edits first, or the editor rejects stale ones.
        await ready;
        for (const uri of [...timers.keys()]) lintNow(uri);
        publish(project.refresh());
        const changes = project
          .all()
          .filter((file) => !file.skipped && file.result?.findings.some((finding) => finding.fix))
          .flatMap((file) => {
            const edit = fixAllEdit(file.document, (text) => project.lintInContext(file.filePath, text));
            return edit ? [documentEdit(file, [edit]).documentChanges![0]!] : [];
          });
        if (changes.length === 0) return;
        const outcome = await connection.workspace.applyEdit({ label: 'Fix storylint problems in the workspace', edit: { documentChanges: changes } });
        if (!outcome.applied) void connection.window.showWarningMessage(`Storylint could not apply the fixes${outcome.failureReason ? `: ${outcome.failureReason}` : ''}. Try again once the files are saved.`);
        return;
      }
      case COMMANDS.showFindings: {
        const file = await fresh(String(args[0]));
        const first = file?.result?.findings.find((finding) => finding.storyIndex === Number(args[1]));
        if (file && first) await connection.window.showDocument({ uri: file.uri, selection: rangeOf(file.document, first.span), takeFocus: true });
        return;
      }
    }
  });

  // The backlog report is built from the same results as the diagnostics: one source of truth.
  connection.onRequest(REPORT_REQUEST, async () => {
    await ready;
    const results = project.all().flatMap((file) => (file.result ? [file.result] : []));
    return { html: renderReportHtml(results, { webview: true, cwd: roots[0], rules }) };
  });

  connection.onRequest(STATS_REQUEST, async () => {
    await ready;
    return { parses: cache.parses, files: project.all().length };
  });

  documents.listen(connection);
  connection.listen();
  log(`storylint server started (debounce ${debounceMs} ms)`);
}
