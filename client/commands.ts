import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { SERVER_COMMANDS } from '../protocol';

/**
 * The template of "New story from template": the parts in reading order, each placeholder visible
 * in braces as the fixes write them (`${3:{role\}}` selects "{role}"), so a part left unfilled is
 * still reported, and Tab moves from one to the next.
 */
const NEW_STORY = new vscode.SnippetString(
  [
    '## ${1:ID-1} ${2:{title\\}}',
    '',
    'As a ${3:{role\\}}, I want ${4:{capability\\}}, so that ${5:{benefit\\}}',
    '',
    '### Outcome',
    '',
    '${6:{metric\\}} from ${7:{baseline\\}} to ${8:{target\\}} by ${9:{date\\}}',
    '',
    '### Problem',
    '',
    '${10:Who struggles with what today, and how do we know?}',
    '',
    'Source: ${11:{interviews / tickets / analytics\\}} (${12:{count\\}}, ${13:{date\\}})',
    '',
    '### Acceptance criteria',
    '',
    '- [ ] Given ${14:{context\\}}, when ${15:{action\\}}, then ${16:{observable result\\}}',
    '',
  ].join('\n'),
);

/** The palette commands: fix the file (done by the server), a new story from the template, a config file; fix-workspace.ts has the workspace fix. */
export function registerCommands(context: vscode.ExtensionContext, client: BaseLanguageClient, output: vscode.OutputChannel): void {
  const activeUri = () => vscode.window.activeTextEditor?.document.uri.toString();
  context.subscriptions.push(
    vscode.commands.registerCommand('storylint.fixAllInFile', () => {
      const uri = activeUri();
      if (uri) return client.sendRequest('workspace/executeCommand', { command: SERVER_COMMANDS.fixFile, arguments: [uri] });
    }),
    vscode.commands.registerCommand('storylint.showOutput', () => output.show()),
    vscode.commands.registerCommand('storylint.restartServer', async () => {
      // stop, then start: the Node and the browser client alike (the browser's starts a fresh worker).
      await client.stop();
      await client.start();
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
  );
}
