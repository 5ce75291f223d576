// Rule documentation opened the ways a user opens it (the diagnostic's link in the Problems panel
// and hover, the "Show documentation" quick fix, the hover's Documentation link): the rule's page as
// installed, in the Markdown preview, offline; and the team's published docs with storylint.docsBaseUrl.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { suite, test, waitFor } from './runner';
import { closeAllEditors, codeActionsWith, diagnosticsWhen, hoverText, LINT_TIMEOUT_MS, openStory, ruleOf } from './util';

const STORY = 'rule-docs/vat-summary.md';
const RULE = 'require-acceptance-criteria';
/** The page's heading and the start of its "## Why" (rules/require-acceptance-criteria.md). */
const HEADING = `# ${RULE}`;
const WHY = 'Acceptance criteria are the team\'s shared definition of done for this story.';
const PREVIEW = 'vscode.markdown.preview.editor';

/** The require-acceptance-criteria diagnostic of vat-summary.md (DOC-41 has no criteria). */
async function criteriaDiagnostic(): Promise<{ document: vscode.TextDocument; diagnostic: vscode.Diagnostic }> {
  const { document } = await openStory(STORY);
  const all = await diagnosticsWhen(document.uri, (diagnostics) => diagnostics.some((d) => ruleOf(d) === RULE), `${RULE} on ${STORY}`);
  return { document, diagnostic: all.find((d) => ruleOf(d) === RULE)! };
}

const docsTarget = (diagnostic: vscode.Diagnostic): vscode.Uri => {
  assert.ok(typeof diagnostic.code === 'object', 'the diagnostic code is a link');
  return diagnostic.code.target;
};

/**
 * Waits until the active tab is the Markdown preview of the rule's page and checks what it shows:
 * the page's text (the document the preview renders) and the HTML VS Code's Markdown renders from it.
 */
async function assertPreviewShowsPage(expected: vscode.Uri): Promise<void> {
  const tab = await waitFor(() => {
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    return input instanceof vscode.TabInputCustom && input.viewType === PREVIEW && input.uri.toString() === expected.toString() ? input : undefined;
  }, { timeout: LINT_TIMEOUT_MS, message: `the Markdown preview of ${expected.toString()} (active tab: ${JSON.stringify(vscode.window.tabGroups.activeTabGroup.activeTab?.input)})` });
  const page = vscode.workspace.textDocuments.find((document) => document.uri.toString() === tab.uri.toString()) ?? (await vscode.workspace.openTextDocument(tab.uri));
  const text = page.getText();
  assert.ok(text.split('\n').includes(HEADING), `the page has the heading "${HEADING}": ${text.slice(0, 300)}`);
  assert.match(text.replace(/\s+/g, ' '), new RegExp(`## Why ${WHY.replace(/[.'()]/g, '\\$&')}`), 'the page has the rule\'s Why');
  assert.equal(page.languageId, 'markdown');
  const html = await vscode.commands.executeCommand<string>('markdown.api.render', text);
  assert.match(html, new RegExp(`<h1[^>]*>${RULE}</h1>`), 'the preview renders the heading');
  assert.match(html.replace(/\s+/g, ' '), /<h2[^>]*>Why<\/h2> <p[^>]*>Acceptance criteria are the team(?:'|&#39;|&#x27;)s shared definition of done/, 'the preview renders the Why');
  // The page is as installed: no file system is behind its address, so nothing can save over it.
  await assert.rejects(Promise.resolve(vscode.workspace.fs.writeFile(page.uri, new TextEncoder().encode('edited'))), 'the page cannot be written');
}

suite('rule documentation', () => {
  test('the diagnostic\'s code link (Problems panel, hover) opens the rule\'s page inside the extension, in the Markdown preview', async () => {
    const { diagnostic } = await criteriaDiagnostic();
    const target = docsTarget(diagnostic);
    assert.equal(target.toString(), `storylint-docs:/rules/${RULE}.md`, 'a link inside the extension, not a web page (works offline)');
    // The Problems panel and the hover open the link with the opener service, as vscode.open does.
    await vscode.commands.executeCommand('vscode.open', target);
    await assertPreviewShowsPage(target);
    await closeAllEditors();
  }, { timeout: 60_000 });

  test('the quick fix "Show documentation for <rule>" opens the same page', async () => {
    const { document, diagnostic } = await criteriaDiagnostic();
    const title = `Show documentation for ${RULE}`;
    const action = (await codeActionsWith(document.uri, diagnostic.range, title)).find((candidate) => candidate.title === title)!;
    assert.ok(action.command, 'the action runs a command');
    await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
    await assertPreviewShowsPage(docsTarget(diagnostic));
    await closeAllEditors();
  }, { timeout: 60_000 });

  test('the rule\'s link in the story heading\'s hover opens the same page', async () => {
    const { document, diagnostic } = await criteriaDiagnostic();
    // The finding sits on DOC-41's heading: its hover lists the story's findings, each linking its rule.
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, diagnostic.range.start.translate(0, 2));
    const text = hoverText(hovers);
    const link = new RegExp(`\\[${RULE}\\]\\((command:[^)]+)\\)`).exec(text)?.[1];
    assert.ok(link, `the hover links the documentation with a command it may run (hover: ${text})`);
    const markdown = hovers.flatMap((hover) => hover.contents).find((content) => content instanceof vscode.MarkdownString && content.value.includes(link));
    assert.deepEqual((markdown as vscode.MarkdownString).isTrusted, { enabledCommands: ['storylint.showRuleDocumentation'] }, 'trusted for that one command only');
    // What clicking does: run the command with the link's arguments.
    const uri = vscode.Uri.parse(link);
    await vscode.commands.executeCommand(uri.path, ...(JSON.parse(uri.query) as unknown[]));
    await assertPreviewShowsPage(docsTarget(diagnostic));
    await closeAllEditors();
  }, { timeout: 60_000 });

  test('with storylint.docsBaseUrl set, links go to the team\'s published docs', async () => {
    const settings = vscode.workspace.getConfiguration('storylint');
    const base = 'https://docs.example.com/storylint/rules/';
    const { document } = await openStory(STORY);
    try {
      await settings.update('docsBaseUrl', base, vscode.ConfigurationTarget.Global);
      const published = (d: vscode.Diagnostic) => typeof d.code === 'object' && d.code.target.toString() === `${base}${RULE}.md`;
      await diagnosticsWhen(document.uri, (all) => all.some(published), `the ${RULE} diagnostic linking ${base}${RULE}.md`);
    } finally {
      await settings.update('docsBaseUrl', undefined, vscode.ConfigurationTarget.Global);
    }
    const inside = (d: vscode.Diagnostic) => typeof d.code === 'object' && d.code.target.scheme === 'storylint-docs';
    await diagnosticsWhen(document.uri, (all) => all.some((d) => ruleOf(d) === RULE && inside(d)), 'the link back inside the extension once the setting is removed');
    await closeAllEditors();
  }, { timeout: 60_000 });
});
