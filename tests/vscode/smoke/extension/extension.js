// Minimal extension for the test-infrastructure smoke run: one command that returns a value.
'use strict';
const vscode = require('vscode');

function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand('storylintSmoke.hello', (name) => `hello ${name ?? 'storylint'}`),
  );
  return { activatedAt: Date.now() };
}

function deactivate() {}

module.exports = { activate, deactivate };
