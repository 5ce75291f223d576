// Rule documentation inside the editor: the server links each rule's page as storylint-docs:/rules/<rule>.md
// (unless storylint.docsBaseUrl names the team's published docs); this module shows those pages,
// read-only and as installed, rendered by VS Code's Markdown preview.
import * as vscode from 'vscode';
import type { BaseLanguageClient, Middleware } from 'vscode-languageclient';
import { initializationOption } from './initialization-option';
import { RULE_DOCS_SCHEME, RULE_DOCUMENT_REQUEST, type RuleDocumentParams, type RuleDocumentResponse, ruleDocsUri, ruleOfDocsUri } from '../protocol';

/** Opens a rule's page; hover links call it (hovers render no links of an extension's own scheme). */
export const SHOW_RULE_DOCUMENTATION = 'storylint.showRuleDocumentation';

/** A markdown link to a storylint-docs: page, as the server writes it in hovers. */
const DOCS_LINK = new RegExp(`\\]\\(${RULE_DOCS_SCHEME}:/rules/([\\w.-]+)\\.md\\)`, 'g');

/**
 * The page of the rule a storylint-docs: address names, opened with the editor the user associates
 * with it: package.json's configurationDefaults make that the Markdown preview (as the Problems
 * panel's link does), a read-only text editor when the user chooses one.
 */
export async function openRuleDocs(uri: vscode.Uri): Promise<void> {
  await vscode.commands.executeCommand('vscode.open', uri);
}

/** The storylint-docs: pages (text from the server), the command hovers link to, and the client middleware that routes links to them. */
export function registerRuleDocs(context: vscode.ExtensionContext, client: BaseLanguageClient): void {
  const pages: vscode.TextDocumentContentProvider = {
    async provideTextDocumentContent(uri) {
      const rule = ruleOfDocsUri(uri.toString());
      if (!rule) throw new Error(`${uri.toString()} is not a Storylint rule page (storylint-docs:/rules/<rule>.md).`);
      const params: RuleDocumentParams = { rule };
      const page = await client.sendRequest<RuleDocumentResponse>(RULE_DOCUMENT_REQUEST, params);
      return page.markdown;
    },
  };
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(RULE_DOCS_SCHEME, pages),
    vscode.commands.registerCommand(SHOW_RULE_DOCUMENTATION, (rule: unknown) => openRuleDocs(vscode.Uri.parse(ruleDocsUri(String(rule))))),
  );
  addMiddleware(client.middleware);
  // The server links rule pages to storylint-docs: only for a client that says it serves them.
  client.registerFeature(initializationOption('ruleDocuments'));
}

/** Hover links and "Show documentation" requests to storylint-docs: pages, added to the client's middleware before it starts (it is read on every call). */
function addMiddleware(middleware: Middleware): void {
  const hoverBefore = middleware.provideHover;
  middleware.provideHover = async (document, position, token, next) => {
    const hover = await (hoverBefore ? hoverBefore(document, position, token, next) : next(document, position, token));
    return hover && new vscode.Hover(hover.contents.map(withCommandLinks), hover.range);
  };
  const showBefore = middleware.window?.showDocument;
  middleware.window = {
    ...middleware.window,
    // The server asks to show a page ("Show documentation for <rule>"): the language client would open it as plain text.
    async showDocument(params, token, next) {
      if (!ruleOfDocsUri(params.uri)) return showBefore ? showBefore(params, token, next) : next(params, token);
      await openRuleDocs(vscode.Uri.parse(params.uri));
      return { success: true };
    },
  };
}

/** Hover Markdown with its storylint-docs: links turned into links to SHOW_RULE_DOCUMENTATION, the one command it may run. */
function withCommandLinks(content: vscode.MarkdownString | vscode.MarkedString): vscode.MarkdownString | vscode.MarkedString {
  if (!(content instanceof vscode.MarkdownString) || !content.value.includes(`](${RULE_DOCS_SCHEME}:`)) return content;
  const value = content.value.replace(DOCS_LINK, (_link, rule: string) => `](command:${SHOW_RULE_DOCUMENTATION}?${encodeURIComponent(JSON.stringify([rule]))})`);
  const trusted = new vscode.MarkdownString(value, content.supportThemeIcons);
  trusted.supportHtml = content.supportHtml;
  trusted.baseUri = content.baseUri;
  trusted.isTrusted = { enabledCommands: [SHOW_RULE_DOCUMENTATION] };
  return trusted;
}
