import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { LARGE_BACKLOG_STORIES, largeBacklog } from '../helpers/large-backlog';
import { suite, test, waitFor } from './runner';
import {
  closeAllEditors, compact, diagnosticsWhen, fileUri, LINT_TIMEOUT_MS, note, openStory, ruleOf, storylintDiagnostics, storylintExtension, writeOnDisk,
} from './util';

/*
 * What the editor shows, in a real VS Code: a document with more findings than VS Code shows, the
 * first diagnostics after the server starts in a workspace of 2,000 story files (printed, never
 * asserted), and an untitled "New story from template" document linted with the workspace's backlog.
 * The files these tests add live under editor-feedback/ and are removed again. A document opened
 * from a file stays open in the extension host (and so in the server's backlog) for minutes after
 * its editor closes, an untitled one does not: the large document is untitled, and the opened file
 * has no fix that "Fix all in workspace" would apply to it later.
 */
interface Stats {
  scanReads: number;
  scanReadsAtFirstDiagnostics?: number;
  files: number;
}
interface LanguageStatus {
  text: string;
  detail?: string;
  severity: vscode.LanguageStatusSeverity;
}

const serverStats = () => (storylintExtension().exports as { client: { sendRequest(method: string): Promise<unknown> } }).client.sendRequest('storylint/stats') as Promise<Stats>;
const languageStatus = () => vscode.commands.executeCommand<LanguageStatus>('storylint.languageStatus');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const severities = (all: vscode.Diagnostic[]) => all.map((d) => d.severity);

/** Each diagnostic's rule and its first line, as a user reads them in the Problems panel. */
const problems = (all: vscode.Diagnostic[]) => all.map((d) => `${compact(d).severity} ${ruleOf(d)} line ${d.range.start.line + 1}: ${d.message}`);

/** 410 stories without problem, outcome or criteria (the criteria an error); the last 40 also without a benefit. */
const STORIES = LARGE_BACKLOG_STORIES;
const LARGE = largeBacklog('DUN');

const FILES = 2000;
const word = (n: number) => [...n.toString(26)].map((digit) => String.fromCharCode(97 + parseInt(digit, 26))).join('');
const generated = (n: number) => `# GEN-${n} Export the ${word(n)}ledger\n\nAs a support agent, I want to export the ${word(n)}ledger so that the ${word(n)}team can reconcile ${word(n)}batches.\n`;

/** A story whose one finding (a generic role) has no fix. */
const OPEN = [
  '# Ledger',
  '',
  '## LED-1 Export closed ledgers',
  '',
  'As a user, I want to export the closed ledgers as a spreadsheet, so that the auditor can check the whole year at once.',
  '',
  '### Problem',
  '',
  'Auditors asked for the closed ledgers 6 times last year (support tickets), and each export took a clerk a day.',
  '',
  '### Outcome',
  '',
  'Time to hand the auditor a year of ledgers goes from 1 day to 10 minutes by the end of Q2.',
  '',
  '### Acceptance criteria',
  '',
  '- [ ] Given a closed year, when I export it, then the spreadsheet lists every ledger entry of that year with its date and amount',
  '',
].join('\n');

/** The template filled in, with the statement of editor-feedback/catalogue.md's SHIP-1. */
const FILLED = [
  '## SHIP-7 Packing slips for the courier',
  '',
  'As a warehouse clerk, I want to print a packing slip for each parcel, so that the courier can check the contents at the door.',
  '',
  '### Problem',
  '',
  'Couriers cannot check what a parcel holds: 9 disputes at the door in the June courier report (support tickets).',
  '',
  '### Outcome',
  '',
  'Disputes at the door go from 9 a month to 2 a month by the end of Q3.',
  '',
  '### Acceptance criteria',
  '',
  '- [ ] Given a packed parcel, when the clerk prints its slip, then the slip lists every item with its quantity',
  '',
].join('\n');

suite('editor feedback', () => {
  test('a document with 1,270 findings shows the 1,000 most important, errors first, and the status item says so', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: LARGE });
    await vscode.window.showTextDocument(document);
    try {
      const shown = await diagnosticsWhen(document.uri, (all) => all.length === 1000, '1,000 diagnostics on the large document');
      // Every story's missing criteria (an error) comes first, then the warnings by position.
      assert.deepEqual([...new Set(severities(shown.slice(0, STORIES)))], [vscode.DiagnosticSeverity.Error]);
      assert.deepEqual([...new Set(severities(shown.slice(STORIES)))], [vscode.DiagnosticSeverity.Warning]);
      assert.equal(shown[STORIES - 1]!.range.start.line, document.getText().split('\n').findIndex((text) => text.startsWith(`## DUN-${STORIES} `)), 'the last error is on the last story');
      const status = await waitFor(async () => {
        const now = await languageStatus();
        return now?.text.includes('shown') ? now : undefined;
      }, { timeout: LINT_TIMEOUT_MS, message: 'the language status to say how many findings are shown' });
      assert.equal(status.text, 'Storylint: 1,270 findings, 1,000 shown');
      assert.equal(status.severity, vscode.LanguageStatusSeverity.Warning);
      // The code lens counts all of them: 410 errors and 860 warnings.
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, STORIES);
      const counted = (kind: string) => lenses.reduce((sum, lens) => sum + Number(new RegExp(`(\\d+) ${kind}`).exec(lens.command?.title ?? '')?.[1] ?? 0), 0);
      assert.deepEqual([lenses.length, counted('error'), counted('warning')], [STORIES, 410, 860]);
    } finally {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    await diagnosticsWhen(document.uri, (all) => all.length === 0, 'the large document to show nothing once closed');
  }, { timeout: LINT_TIMEOUT_MS * 3 });

  test('after a start in a workspace of 2,000 story files, the open file\'s diagnostics come before the scan reads any (figures printed)', async () => {
    // Through vscode.workspace.fs, so that it runs in the web worker extension host too; parallel, as one round trip each is slow there.
    const folder = 'editor-feedback/generated';
    await vscode.workspace.fs.createDirectory(fileUri(folder));
    await Promise.all(Array.from({ length: FILES }, (_, i) => writeOnDisk(`${folder}/gen-${i}.md`, generated(i))));
    await writeOnDisk(`${folder}/open.md`, OPEN);
    try {
      await closeAllEditors();
      const { document } = await openStory('editor-feedback/generated/open.md');
      await diagnosticsWhen(document.uri, (all) => all.length > 0, 'diagnostics of open.md');
      await serverStats();
      // "Restart server" stops the client (its diagnostics are cleared) and starts a new server, as activation does.
      let started: number | undefined;
      let first: number | undefined;
      const listener = vscode.languages.onDidChangeDiagnostics((event) => {
        if (!event.uris.some((uri) => uri.toString() === document.uri.toString())) return;
        if (storylintDiagnostics(document.uri).length === 0) started ??= performance.now();
        else if (started !== undefined) first ??= performance.now();
      });
      try {
        await vscode.commands.executeCommand('storylint.restartServer');
        await waitFor(() => first !== undefined, { timeout: LINT_TIMEOUT_MS * 2, interval: 20, message: 'diagnostics of open.md from the restarted server' });
      } finally {
        listener.dispose();
      }
      const stats = await serverStats();
      const settled = performance.now();
      note(`[vscode-test] first diagnostics ${seconds(first! - started!)} after the server started (${FILES} story files; the scan had read ${stats.scanReadsAtFirstDiagnostics}), every file linted after ${seconds(settled - started!)}`);
      assert.equal(stats.scanReadsAtFirstDiagnostics, 0, 'the open file was published before the scan read a file');
      assert.ok(stats.files >= FILES + 1, `the scan took in every generated file (server holds ${stats.files})`);
    } finally {
      await closeAllEditors();
      await vscode.workspace.fs.delete(fileUri(folder), { recursive: true, useTrash: false });
    }
  }, { timeout: LINT_TIMEOUT_MS * 6 });

  test('"New story from template" is linted before it is saved, with the workspace\'s backlog: a duplicate is reported both ways', async () => {
    const catalogue = fileUri('editor-feedback/catalogue.md');
    await closeAllEditors();
    await vscode.commands.executeCommand('storylint.newStory');
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor && editor.document.uri.scheme === 'untitled', `an untitled document is active (${editor?.document.uri.toString()})`);
    const { document } = editor;
    try {
      // The template's placeholders are findings until filled in.
      await diagnosticsWhen(document.uri, (all) => all.length > 0, 'diagnostics of the new, unsaved story');
      await editor.edit((edit) => edit.replace(new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), FILLED));
      const shown = await diagnosticsWhen(document.uri, (all) => all.some((d) => ruleOf(d) === 'unique-story'), 'unique-story on the untitled story');
      assert.deepEqual(problems(shown), [
        'warning unique-story line 3: Same statement as catalogue.md:3 (SHIP-1 Print packing slips): merge the two stories, or make the difference explicit so the team does not build it twice.',
      ]);
      assert.equal(shown[0]!.relatedInformation?.[0]?.location.uri.toString(), catalogue.toString(), 'the related location is catalogue.md');
      const back = await diagnosticsWhen(catalogue, (all) => all.some((d) => ruleOf(d) === 'unique-story'), 'unique-story on catalogue.md');
      assert.deepEqual(problems(back), [
        `warning unique-story line 5: Same statement as ${document.uri.path}:1 (SHIP-7 Packing slips for the courier): merge the two stories, or make the difference explicit so the team does not build it twice.`,
      ]);
    } finally {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    // Closed without saving: catalogue.md is alone again.
    await diagnosticsWhen(catalogue, (all) => all.length === 0, 'catalogue.md without findings once the untitled story is closed');
  }, { timeout: LINT_TIMEOUT_MS * 3 });
});
