import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
  type CodeAction,
  type CompletionItem,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DidSaveTextDocumentNotification,
  DocumentSymbolRequest,
  type DocumentSymbol,
  ExecuteCommandRequest,
  FileChangeType,
  HoverRequest,
  type MarkupContent,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyFixes, fixUntilStable, lintFiles } from '../core';
import { ruleDocsUri } from '../protocol';
import { rules, rulesByName } from '../rules';
import { whyOf } from '../scripts/rule-docs-plugin.mjs';
import { LspClient, ROOT } from './helpers/lsp-client';

const FIXTURE = join(ROOT, 'tests', 'fixtures', 'lsp', 'workspace');
const REFUNDS = 'stories/refunds.md';
const CONFIGURATION = { storylint: { enable: true, run: 'onType', codeLens: true }, 'files.exclude': { 'drafts/**': true } };

let client: LspClient | undefined;
afterEach(async () => {
  if (client && client.process.exitCode === null) await client.stop();
  client = undefined;
});

async function start(configuration: Record<string, unknown> = CONFIGURATION): Promise<LspClient> {
  ({ client } = await LspClient.start({ fixture: FIXTURE, initializationOptions: { debounceMs: 0 }, configuration: structuredClone(configuration) }));
  return client;
}

const SEVERITY = { error: 1, warning: 2, info: 3 } as const;

/** The engine's result for a fixture file linted with the workspace's other story files. */
function engineResult(lsp: LspClient, relativePath: string, text?: string) {
  const files = ['stories/refunds.md', 'stories/notes.md'].map((path) => ({
    filePath: lsp.path(path),
    text: path === relativePath && text !== undefined ? text : readFileSync(lsp.path(path), 'utf8'),
  }));
  return lintFiles(files, { rules }).find((file) => file.filePath === lsp.path(relativePath))!;
}

/** What the engine finds in a fixture file, as the diagnostics the server should publish. */
function expectedDiagnostics(lsp: LspClient, relativePath: string) {
  return engineResult(lsp, relativePath).findings.map((finding) => ({
    code: finding.ruleId,
    severity: SEVERITY[finding.severity],
    message: finding.message,
    range: { start: { line: finding.line - 1, character: finding.column - 1 }, end: { line: finding.endLine - 1, character: finding.endColumn - 1 } },
  }));
}

const actionsAt = (lsp: LspClient, uri: string, diagnostics: import('vscode-languageserver-protocol').Diagnostic[], only?: string[]) =>
  lsp.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: diagnostics[0]!.range,
    context: { diagnostics, only },
  }) as Promise<CodeAction[]>;

function applied(lsp: LspClient, uri: string, action: CodeAction | undefined): string {
  expect(action?.edit).toBeDefined();
  return TextDocument.applyEdits(lsp.document(uri), LspClient.editsFor(action!.edit!, uri));
}

const acceptance = (diagnostics: import('vscode-languageserver-protocol').Diagnostic[]) => diagnostics.filter((d) => d.code === 'require-acceptance-criteria');

describe('storylint language server over stdio', () => {
  it('initializes, registers file watchers for Markdown and config files, and exits with code 0', async () => {
    const { client: lsp, initialize } = await LspClient.start({ fixture: FIXTURE, configuration: CONFIGURATION });
    client = lsp;
    expect(initialize.capabilities.hoverProvider).toBe(true);
    expect(initialize.capabilities.codeActionProvider).toMatchObject({ codeActionKinds: expect.arrayContaining(['quickfix', 'source.fixAll.storylint']) });
    const watchers = await lsp.until(() => lsp.registrations.flatMap((r) => r.registrations).find((r) => r.method === 'workspace/didChangeWatchedFiles'), 'watcher registration');
    const globs = (watchers.registerOptions as { watchers: { globPattern: string }[] }).watchers.map((w) => w.globPattern);
    expect(globs).toEqual(expect.arrayContaining(['**/*.md', '**/*.markdown', '**/.storylintrc.json', '**/.storylintrc.yaml', '**/package.json']));
    expect(await lsp.stop()).toBe(0);
  });

  it('publishes the engine findings of an open story file as diagnostics, with docs links', async () => {
    const lsp = await start();
    const uri = await lsp.open(REFUNDS);
    const diagnostics = await lsp.diagnosticsFor(uri, 1);
    expect(diagnostics.map(({ code, severity, message, range }) => ({ code, severity, message, range }))).toEqual(expectedDiagnostics(lsp, REFUNDS));
    // PAY-12 has no criteria: the finding sits on its heading text (line 3, "PAY-12 Refund a card payment").
    expect(acceptance(diagnostics)).toEqual([
      expect.objectContaining({
        source: 'storylint',
        severity: 1,
        range: { start: { line: 2, character: 3 }, end: { line: 2, character: 31 } },
        codeDescription: { href: ruleDocsUri('require-acceptance-criteria') },
      }),
    ]);
  });

  it('publishes an empty list for a Markdown file without stories', async () => {
    const lsp = await start();
    const uri = await lsp.open('stories/notes.md');
    expect(await lsp.diagnosticsFor(uri, 1)).toEqual([]);
  });

  it('lints unopened story files in the background and leaves files.exclude alone', async () => {
    const lsp = await start();
    const diagnostics = await lsp.diagnosticsFor(lsp.uri(REFUNDS));
    expect(acceptance(diagnostics)).toHaveLength(1);
    await lsp.open('stories/notes.md'); // a round trip: by now the background scan has finished
    await lsp.diagnosticsFor(lsp.uri('stories/notes.md'), 1);
    expect(lsp.diagnostics.has(lsp.uri('drafts/wip.md'))).toBe(false);
  });

  it('re-lints on every edit and publishes for the edited version', async () => {
    const lsp = await start();
    const uri = await lsp.open(REFUNDS);
    await lsp.diagnosticsFor(uri, 1);
    const document = lsp.document(uri);
    const end = document.positionAt(document.getText().length);
    const version = await lsp.edit(uri, [{ range: { start: end, end }, newText: '\n## PAY-14 Refund to a voucher\n\nAs a support agent, I want to refund to a voucher so that the money stays in the shop.\n' }]);
    const diagnostics = await lsp.diagnosticsFor(uri, version);
    expect(acceptance(diagnostics).map((d) => d.range.start.line)).toEqual([2, 14]);
  });

  it('re-parses only the edited chunk on a one-character edit', async () => {
    const lsp = await start();
    const uri = await lsp.open(REFUNDS);
    await lsp.diagnosticsFor(uri, 1);
    const stats = () => lsp.connection.sendRequest('storylint/stats') as Promise<{ parses: number }>;
    const before = (await stats()).parses;
    const version = await lsp.edit(uri, [{ range: { start: { line: 4, character: 3 }, end: { line: 4, character: 3 } }, newText: 'x' }]);
    await lsp.diagnosticsFor(uri, version);
    expect((await stats()).parses - before).toBe(1);
  });

  it('offers "Fix: …" with the finding attached and its edit inserts the missing section', async () => {
    const lsp = await start();
    const uri = await lsp.open(REFUNDS);
    const missing = acceptance(await lsp.diagnosticsFor(uri, 1));
    const actions = await actionsAt(lsp, uri, missing);
    const fix = actions.find((action) => action.title === 'Fix: Insert an Acceptance criteria section');
    expect(fix).toMatchObject({ kind: 'quickfix', isPreferred: true, diagnostics: [expect.objectContaining({ code: 'require-acceptance-criteria' })] });
    const fixed = applied(lsp, uri, fix);
    const finding = engineResult(lsp, REFUNDS).findings.find((f) => f.ruleId === 'require-acceptance-criteria')!;
    expect(fixed).toBe(applyFixes(lsp.document(uri).getText(), [finding.fix!]).text);
    expect(fixed).toMatch(/charged twice\.\n\n### Acceptance criteria\n\n- \[ \] Given .+\n\n## PAY-13/);
    expect(actions.map((action) => action.title)).toEqual(
      expect.arrayContaining([
        'Disable require-acceptance-criteria for this story',
        'Disable require-acceptance-criteria for this file',
        'Turn off require-acceptance-criteria in .storylintrc.json',
        'Show documentation for require-acceptance-criteria',
      ]),
    );
  });

  it('fixes the whole file for source.fixAll.storylint (editor.codeActionsOnSave)', async () => {
    const lsp = await start();
    const uri = await lsp.open(REFUNDS);
    const missing = acceptance(await lsp.diagnosticsFor(uri, 1));
    const [fixAll, ...others] = await actionsAt(lsp, uri, missing, ['source.fixAll']);
    expect(others).toEqual([]);
    expect(fixAll).toMatchObject({ title: 'Fix all storylint problems in this file', kind: 'source.fixAll.storylint' });
    const fixed = applied(lsp, uri, fixAll);
    const version = await lsp.edit(uri, LspClient.editsFor(fixAll!.edit!, uri));
    expect(lsp.document(uri).getText()).toBe(fixed);
    const after = await lsp.diagnosticsFor(uri, version);
    expect(after.filter((d) => (d.data as { fixable: boolean }).fixable)).toEqual([]);
  });

  it('disables a rule for a story or a file with an inline comment that the engine honours', async () => {
    const lsp = await start();
    const uri = await lsp.open(REFUNDS);
    const missing = acceptance(await lsp.diagnosticsFor(uri, 1));
    const actions = await actionsAt(lsp, uri, missing);
    const forFileAction = actions.find((a) => a.title === 'Disable require-acceptance-criteria for this file');
    const forFile = applied(lsp, uri, forFileAction);
    expect(forFile.startsWith('<!-- storylint-disable-file require-acceptance-criteria -->\n# Payments backlog\n')).toBe(true);

    const forStoryAction = actions.find((a) => a.title === 'Disable require-acceptance-criteria for this story');
    expect(applied(lsp, uri, forStoryAction)).toContain('## PAY-12 Refund a card payment\n<!-- storylint-disable-story require-acceptance-criteria -->\n\nAs a support agent');
    const version = await lsp.edit(uri, LspClient.editsFor(forStoryAction!.edit!, uri));
    const after = await lsp.diagnosticsFor(uri, version);
    expect(acceptance(after)).toEqual([]);
    expect(after.length).toBeGreaterThan(0); // other rules still report on PAY-12
  });

  it('turns a rule off by creating .storylintrc.json, and shows the rule documentation', async () => {
    const lsp = await start();
    const uri = await lsp.open(REFUNDS);
    const missing = acceptance(await lsp.diagnosticsFor(uri, 1));
    const actions = await actionsAt(lsp, uri, missing);
    const turnOff = actions.find((a) => a.title === 'Turn off require-acceptance-criteria in .storylintrc.json');
    const configUri = lsp.uri('.storylintrc.json');
    expect(turnOff?.edit?.documentChanges?.[0]).toEqual({ kind: 'create', uri: configUri, options: { overwrite: false, ignoreIfExists: false } });
    expect(LspClient.editsFor(turnOff!.edit!, configUri)[0]!.newText).toBe('{\n  "rules": {\n    "require-acceptance-criteria": "off"\n  }\n}\n');

    const docs = actions.find((a) => a.title === 'Show documentation for require-acceptance-criteria')!;
    await lsp.connection.sendRequest(ExecuteCommandRequest.type, { command: docs.command!.command, arguments: docs.command!.arguments });
    expect(lsp.shownDocuments).toEqual([{ uri: ruleDocsUri('require-acceptance-criteria'), external: false }]);
  });

  it('follows the config file: a rule turned off there (by the code action, then saved) stops reporting', async () => {
    const lsp = await start();
    const uri = await lsp.open(REFUNDS);
    await lsp.diagnosticsFor(uri, 1);
    writeFileSync(lsp.path('.storylintrc.json'), '{\n  // team settings\n  "rules": {}\n}\n');
    await lsp.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: lsp.uri('.storylintrc.json'), type: FileChangeType.Created }] });
    const missing = acceptance(await lsp.diagnosticsFor(uri, 1));
    const turnOff = (await actionsAt(lsp, uri, missing)).find((a) => a.title === 'Turn off require-acceptance-criteria in .storylintrc.json')!;
    const configUri = lsp.uri('.storylintrc.json');
    const config = TextDocument.create(configUri, 'jsonc', 1, readFileSync(lsp.path('.storylintrc.json'), 'utf8'));
    const edited = TextDocument.applyEdits(config, LspClient.editsFor(turnOff.edit!, configUri));
    expect(edited).toBe('{\n  // team settings\n  "rules": {\n    "require-acceptance-criteria": "off"\n  }\n}\n');
    writeFileSync(lsp.path('.storylintrc.json'), edited);
    await lsp.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: configUri, type: FileChangeType.Changed }] });
    await lsp.diagnosticsFor(uri, 1, (diagnostics) => acceptance(diagnostics).length === 0 && diagnostics.length > 0);
  });

  it('offers "Split this story" on an atomic-story finding whose means splits cleanly', async () => {
    const lsp = await start();
    const text = '## PAY-30 Reports\n\nAs a manager, I want to export monthly reports and share them with my team so that everyone sees the numbers.\n';
    const uri = await lsp.open('stories/reports.md', text);
    const atomic = (await lsp.diagnosticsFor(uri, 1)).filter((d) => d.code === 'atomic-story');
    expect(atomic).toHaveLength(1);
    const split = (await actionsAt(lsp, uri, atomic)).find((a) => a.title === 'Split this story into 2 stories (export, share)');
    expect(split?.kind).toBe('refactor.rewrite');
    // The new story gets the next free id and a title with "them" resolved; the original notes the split.
    expect(applied(lsp, uri, split)).toBe(
      '## PAY-30 Reports\n\nAs a manager, I want to export monthly reports so that everyone sees the numbers.\n\nSplit into PAY-31.\n\n' +
        '## PAY-31 Share monthly reports with my team\n\nAs a manager, I want to share monthly reports with my team so that everyone sees the numbers.\n',
    );
  });

  it('hovers a story heading with its score and findings, and a finding with its rule\'s Why', async () => {
    const lsp = await start();
    const uri = await lsp.open(REFUNDS);
    const diagnostics = await lsp.diagnosticsFor(uri, 1);
    const onHeading = await lsp.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 2, character: 10 } });
    const card = (onHeading!.contents as MarkupContent).value;
    const score = 100 - diagnostics.filter((d) => d.range.start.line >= 2 && d.range.start.line < 6).reduce((sum, d) => sum + ({ 1: 25, 2: 10, 3: 3 } as Record<number, number>)[d.severity!]!, 0);
    expect(card).toContain(`**PAY-12 Refund a card payment**: quality ${Math.max(0, score)}/100`);
    expect(card).toContain('- Error: No acceptance criteria');

    // A placeholder criteria section: the finding sits on the section heading, not on the story title.
    const placeholder = await lsp.open('stories/placeholder.md', '## PAY-20 Refund history\n\nAs a support agent, I want to see past refunds so that I do not refund twice.\n\n### Acceptance criteria\n\n- [ ] TBD\n');
    const found = (await lsp.diagnosticsFor(placeholder, 1)).find((d) => d.code === 'require-acceptance-criteria')!;
    expect(found.range.start).toEqual({ line: 4, character: 4 });
    const onRange = await lsp.connection.sendRequest(HoverRequest.type, { textDocument: { uri: placeholder }, position: { line: 4, character: 8 } });
    const why = whyOf(readFileSync(join(ROOT, 'rules', 'require-acceptance-criteria.md'), 'utf8'));
    expect(why).toMatch(/^Acceptance criteria are the team's shared definition of done/);
    expect((onRange!.contents as MarkupContent).value).toContain(`**require-acceptance-criteria**\n\n${why}\n\n[Documentation](${ruleDocsUri('require-acceptance-criteria')})`);
  });

  it('lists stories with id and score and their sections as document symbols', async () => {
    const lsp = await start();
    const uri = await lsp.open(REFUNDS);
    await lsp.diagnosticsFor(uri, 1);
    const symbols = (await lsp.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    expect(symbols.map((s) => s.name)).toEqual(['PAY-12 Refund a card payment', 'PAY-13 Partial refunds']);
    expect(symbols[0]!.detail).toMatch(/^quality \d+$/);
    expect(symbols[1]!.children!.map((c) => [c.name, c.detail, c.selectionRange.start.line])).toEqual([['Acceptance criteria', 'acceptance', 10]]);
    expect(symbols[0]!.range).toEqual({ start: { line: 2, character: 0 }, end: { line: 6, character: 0 } });
  });

  it('answers storylint/report with the backlog report of the same results as the diagnostics', async () => {
    const lsp = await start();
    const uri = await lsp.open(REFUNDS);
    const diagnostics = await lsp.diagnosticsFor(uri, 1);
    const { html } = (await lsp.connection.sendRequest('storylint/report')) as { html: string };
    const data = JSON.parse(/<script type="application\/json" id="report-data"[^>]*>([\s\S]*?)<\/script>/.exec(html)![1]!) as {
      stories: { title: string; file: string }[];
    };
    expect(data.stories.map((story) => story.title)).toEqual(expect.arrayContaining(['Refund a card payment', 'Partial refunds']));
    expect(html).toContain("default-src 'none'");
    expect(diagnostics.length).toBeGreaterThan(0);
  });

  it('shows a quality code lens per story whose click fixes that story', async () => {
    const lsp = await start();
    const uri = await lsp.open(REFUNDS);
    await lsp.diagnosticsFor(uri, 1);
    const lenses = (await lsp.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } }))!;
    expect(lenses.map((lens) => lens.range.start.line)).toEqual([2, 6]);
    const story = engineResult(lsp, REFUNDS);
    const errors = story.findings.filter((f) => f.storyIndex === 0 && f.severity === 'error').length;
    expect(lenses[0]!.command!.title).toMatch(new RegExp(`^Quality ${story.scores[0]} · ${errors} errors?(, \\d+ warnings?)?(, \\d+ infos?)? · fix$`));
    await lsp.connection.sendRequest(ExecuteCommandRequest.type, { command: lenses[0]!.command!.command, arguments: lenses[0]!.command!.arguments });
    const edit = await lsp.until(() => lsp.appliedEdits[0], 'applyEdit');
    const fixed = TextDocument.applyEdits(lsp.document(uri), LspClient.editsFor(edit, uri));
    const expected = fixUntilStable(lsp.document(uri).getText(), (text) =>
      engineResult(lsp, REFUNDS, text).findings.flatMap((f) => (f.fix && f.storyIndex === 0 ? [f.fix] : [])),
    ).text;
    expect(fixed).toBe(expected);
    expect(fixed).toMatch(/charged twice\.\n\n[^]*### Acceptance criteria\n[^]*## PAY-13/);
    // Only PAY-12 is touched.
    expect(fixed.slice(fixed.indexOf('## PAY-13'))).toBe(lsp.document(uri).getText().slice(lsp.document(uri).getText().indexOf('## PAY-13')));
  });

  it('completes section headings in a story and Given/When/Then in its criteria', async () => {
    const lsp = await start();
    const uri = await lsp.open(REFUNDS);
    await lsp.diagnosticsFor(uri, 1);
    const headings = (await lsp.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 5, character: 0 } })) as CompletionItem[];
    expect(headings.map((item) => item.label)).toEqual(['### Outcome', '### Problem', '### Acceptance criteria']);
    expect(headings[2]!.textEdit!.newText).toBe('### Acceptance criteria\n\n- [ ] Given ${1:context}, when ${2:action}, then ${3:observable result}\n');
    const document = lsp.document(uri);
    const end = document.positionAt(document.getText().length);
    const version = await lsp.edit(uri, [{ range: { start: end, end }, newText: '- ' }]);
    await lsp.diagnosticsFor(uri, version);
    const scaffolds = (await lsp.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: end.line, character: 2 } })) as CompletionItem[];
    expect(scaffolds[0]).toMatchObject({ label: 'Given … when … then …', insertTextFormat: 2 });
    expect(scaffolds[0]!.textEdit).toEqual({ range: { start: { line: end.line, character: 0 }, end: { line: end.line, character: 2 } }, newText: '- [ ] Given ${1:context}, when ${2:action}, then ${3:observable result}' });
  });

  it('honours storylint.enable, storylint.codeLens and storylint.run live', async () => {
    const lsp = await start();
    const uri = await lsp.open(REFUNDS);
    expect(acceptance(await lsp.diagnosticsFor(uri, 1))).toHaveLength(1);

    lsp.configuration = { ...CONFIGURATION, storylint: { enable: false } };
    await lsp.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await lsp.diagnosticsFor(uri, undefined, (d) => d.length === 0);

    lsp.configuration = { ...CONFIGURATION, storylint: { enable: true, codeLens: false, run: 'onSave' } };
    await lsp.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await lsp.diagnosticsFor(uri, 1, (d) => acceptance(d).length === 1);
    expect(await lsp.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })).toEqual([]);

    // onSave: an edit alone publishes nothing; saving lints the edited text.
    const document = lsp.document(uri);
    const end = document.positionAt(document.getText().length);
    const version = await lsp.edit(uri, [{ range: { start: end, end }, newText: '\n## PAY-15 Refund fees\n\nAs a support agent, I want to refund fees so that customers trust us.\n' }]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(lsp.diagnostics.get(uri)!.version).toBe(1);
    await lsp.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
    expect(acceptance(await lsp.diagnosticsFor(uri, version))).toHaveLength(2);
  });

  it('re-lints the backlog when a watched file is created with a duplicate story', async () => {
    const lsp = await start();
    const uri = await lsp.open(REFUNDS);
    await lsp.diagnosticsFor(uri, 1);
    writeFileSync(lsp.path('stories/copy.md'), readFileSync(lsp.path(REFUNDS), 'utf8'));
    await lsp.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: lsp.uri('stories/copy.md'), type: FileChangeType.Created }] });
    const copy = await lsp.diagnosticsFor(lsp.uri('stories/copy.md'));
    expect(acceptance(copy)).toHaveLength(1);
    if (rulesByName.has('unique-story')) {
      const duplicate = await lsp.diagnosticsFor(uri, 1, (d) => d.some((diagnostic) => diagnostic.code === 'unique-story'));
      const finding = duplicate.find((diagnostic) => diagnostic.code === 'unique-story')!;
      expect(finding.relatedInformation?.[0]?.location.uri).toBe(lsp.uri('stories/copy.md'));
    }
    // Deleting the copy clears its diagnostics.
    await lsp.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: lsp.uri('stories/copy.md'), type: FileChangeType.Deleted }] });
    await lsp.diagnosticsFor(lsp.uri('stories/copy.md'), undefined, (d) => d.length === 0);
  });

  it('skips binary content and reports a file too large to lint once', async () => {
    const lsp = await start();
    const binary = await lsp.open('stories/binary.md', '## PAY-1 Story\u0000\n\nAs a user, I want to pay so that I get things.\n');
    expect(await lsp.diagnosticsFor(binary, 1)).toEqual([]);
    const story = '## PAY-2 Pay by card\n\nAs a buyer, I want to pay by card so that I can check out quickly.\n\n';
    const huge = await lsp.open('stories/huge.md', story.repeat(Math.ceil(2_100_000 / story.length)));
    const diagnostics = await lsp.diagnosticsFor(huge, 1);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: 3, source: 'storylint', message: expect.stringContaining('too large') });
    expect(existsSync(lsp.path('stories/huge.md'))).toBe(false);
  });

  it('has no fixable backlog rule: fixes are checked with the story rules of one file (server/project.ts lintForFixes)', () => {
    expect(rules.filter((rule) => rule.scope === 'backlog' && rule.fixable).map((rule) => rule.name)).toEqual([]);
  });
});
