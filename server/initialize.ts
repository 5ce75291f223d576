// The initialize handshake: what the client declares (capabilities, edit support, timing options)
// as the server uses it, and the capabilities the server answers with.
import { CodeActionKind, type InitializeParams, type InitializeResult, TextDocumentSyncKind } from 'vscode-languageserver';
import { FIX_ALL_KIND } from './actions';
import { SERVER_COMMANDS } from '../protocol';
import type { EditSupport } from './edits';

/** What the client declared at initialize, as the server uses it. */
export interface Client {
  /** It answers workspace/configuration (else settings come pushed). */
  pullConfiguration: boolean;
  /** It lets the server register file watchers. */
  watchDynamically: boolean;
  /** It lets the server register for configuration changes. */
  registerConfiguration: boolean;
  /** It sends workspace folder changes. */
  workspaceFolderEvents: boolean;
  editSupport: EditSupport;
  /** It serves storylint-docs: rule pages (the VS Code extension): other clients get web links. */
  showsRuleDocs: boolean;
  /** Quiet time after an edit before the edited file's story rules run. */
  debounceMs: number;
  /**
   * Quiet time after the story pass before the backlog rules run: typing does not wait for them,
   * and the next keystroke cancels a backlog pass that has not started.
   */
  backlogDelayMs: number;
}

/** Until initialize: nothing declared, the default quiet times. */
export const UNINITIALIZED_CLIENT: Client = {
  pullConfiguration: false,
  watchDynamically: false,
  registerConfiguration: false,
  workspaceFolderEvents: false,
  editSupport: { documentChanges: false, createFiles: false, snippets: false },
  showsRuleDocs: false,
  debounceMs: 250,
  backlogDelayMs: 300,
};

/** The client as its initialize request declares it; `debounceMs` and `backlogDelayMs` come as initializationOptions (tests set them). */
export function clientOf(params: InitializeParams): Client {
  const workspace = params.capabilities?.workspace;
  const edits = workspace?.workspaceEdit;
  const options = (params.initializationOptions ?? {}) as { debounceMs?: unknown; backlogDelayMs?: unknown; ruleDocuments?: unknown };
  const delay = (value: unknown, otherwise: number) => (typeof value === 'number' && value >= 0 ? value : otherwise);
  return {
    pullConfiguration: workspace?.configuration === true,
    watchDynamically: workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    registerConfiguration: workspace?.didChangeConfiguration?.dynamicRegistration === true,
    workspaceFolderEvents: workspace?.workspaceFolders === true,
    editSupport: {
      documentChanges: edits?.documentChanges === true,
      createFiles: edits?.resourceOperations?.includes('create') === true,
      snippets: edits?.snippetEditSupport === true,
    },
    showsRuleDocs: options.ruleDocuments === true,
    debounceMs: delay(options.debounceMs, UNINITIALIZED_CLIENT.debounceMs),
    backlogDelayMs: delay(options.backlogDelayMs, UNINITIALIZED_CLIENT.backlogDelayMs),
  };
}

/** The server's answer to initialize: what it offers (a new object: the library adds to it). */
export const initializeResult = (): InitializeResult => ({
  capabilities: {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, FIX_ALL_KIND] },
    hoverProvider: true,
    documentSymbolProvider: { label: 'Stories' },
    codeLensProvider: { resolveProvider: false },
    completionProvider: { triggerCharacters: ['#', '-', ' ', ','] },
    definitionProvider: true,
    referencesProvider: true,
    executeCommandProvider: { commands: Object.values(SERVER_COMMANDS) },
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
  },
  serverInfo: { name: 'storylint' },
});
