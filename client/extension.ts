import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { FILE_SUMMARY_NOTIFICATION, type FileSummary } from '../protocol';
import { registerReportPanel } from './report-panel';

/** What the extension exports: enough for an extension test to talk to the running server. */
export interface StorylintApi {
  client: LanguageClient;
  /** Resolves once the server has started. */
  ready: Promise<void>;
}

const SERVER_COMMANDS = { fixFile: 'storylint.server.fixFile', fixWorkspace: 'storylint.server.fixWorkspace' };

const NEW_STORY = new vscode.SnippetString(
  [
    '## ${1:ID-1} ${2:Title}',
    '',
    'As a ${3:role}, I want to ${4:capability} so that ${5:benefit}.',
    '',
    '### Problem',
    '',
    '${6:Who struggles with what today, and how do we know?}',
    '',
    '### Outcome',
    '',
    '${7:Metric} moves from ${8:baseline} to ${9:target} by ${10:date}.',
    '',
    '### Acceptance criteria',
    '',
    '- [ ] Given ${11:context}, when ${12:action}, then ${13:observable result}',
    '',
  ].join('\n'),
);

export async function activate(context: vscode.ExtensionContext): Promise<StorylintApi> {
  const output = vscode.window.createOutputChannel('Storylint', { log: true });
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
    ],
    // The server registers its file watchers and settings listener itself (dynamic registration).
    outputChannel: output,
  };
  const client = new LanguageClient('storylint', 'Storylint', serverOptions, clientOptions);

  const summaries = new Map<string, FileSummary>();
  const status = vscode.languages.createLanguageStatusItem('storylint.status', { language: 'markdown' });
  status.name = 'Storylint';
  status.command = { title: 'Show output', command: 'storylint.showOutput' };
  const showStatus = () => {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const summary = uri ? summaries.get(uri) : undefined;
    status.text = !summary || summary.stories === 0 ? 'Storylint: no stories' : `Storylint: ${summary.stories} ${summary.stories === 1 ? 'story' : 'stories'}, average quality ${summary.averageScore}`;
  };
  showStatus();

  const activeUri = () => vscode.window.activeTextEditor?.document.uri.toString();
  context.subscriptions.push(
    output,
    status,
    vscode.window.onDidChangeActiveTextEditor(showStatus),
    vscode.commands.registerCommand('storylint.fixAllInFile', () => {
      const uri = activeUri();
      if (uri) return client.sendRequest('workspace/executeCommand', { command: SERVER_COMMANDS.fixFile, arguments: [uri] });
    }),
    vscode.commands.registerCommand('storylint.fixAllInWorkspace', () => client.sendRequest('workspace/executeCommand', { command: SERVER_COMMANDS.fixWorkspace, arguments: [] })),
    vscode.commands.registerCommand('storylint.showOutput', () => output.show()),
    vscode.commands.registerCommand('storylint.restartServer', async () => {
      await client.restart();
    }),
    vscode.commands.registerCommand('storylint.newStory', async () => {
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
      const editor = await vscode.window.showTextDocument(document);
      await editor.insertSnippet(NEW_STORY);
    }),
    vscode.commands.registerCommand('storylint.createConfig', async () => {
      const folder = vscode.workspace.workspaceFolders?.[0];
      if (!folder) return vscode.window.showWarningMessage('Open a folder first: the config file goes to its root.');
      const uri = vscode.Uri.joinPath(folder.uri, '.storylintrc.json');
      try {
        await vscode.workspace.fs.stat(uri);
      } catch {
        // No $schema: package.json's jsonValidation binds the bundled schema to this file name, offline;
        // a remote $schema would replace it with an "untrusted location" warning in a fresh VS Code.
        const config = { extends: 'storylint:recommended', rules: {} };
        await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify(config, null, 2) + '\n'));
      }
      await vscode.window.showTextDocument(uri);
    }),
    { dispose: () => void client.stop() },
  );

  registerReportPanel(context, client);

  const ready = client.start().then(() => {
    context.subscriptions.push(
      client.onNotification(FILE_SUMMARY_NOTIFICATION, (summary: FileSummary) => {
        summaries.set(summary.uri, summary);
        showStatus();
      }),
    );
  });
  await ready;
  return { client, ready };
}

export function deactivate(): Thenable<void> | undefined {
  return undefined;
}
