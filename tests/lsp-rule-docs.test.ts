// Rule documentation links over a real stdio connection: the pages inside the extension by default
// (storylint-docs:, text served by storylint/ruleDocument), the team's published docs with storylint.docsBaseUrl.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type CodeAction,
  CodeActionRequest,
  type Diagnostic,
  DidChangeConfigurationNotification,
  ErrorCodes,
  ExecuteCommandRequest,
  HoverRequest,
  type MarkupContent,
  ResponseError,
} from 'vscode-languageserver-protocol/node';
import { RULE_DOCUMENT_REQUEST, type RuleDocumentResponse } from '../protocol';
import { rules } from '../rules';
import { LspClient, ROOT } from './helpers/lsp-client';

const FIXTURE = join(ROOT, 'tests', 'fixtures', 'lsp', 'workspace');
const RULE = 'require-acceptance-criteria';
const IN_EXTENSION = `storylint-docs:/rules/${RULE}.md`;
const PUBLISHED = 'https://docs.example.com/storylint/rules/';
/** A story whose criteria are a placeholder: the finding sits on the section heading (line 5), away from the story title. */
const PLACEHOLDER = '## PAY-20 Refund history\n\nAs a support agent, I want to see past refunds so that I do not refund twice.\n\n### Acceptance criteria\n\n- [ ] TBD\n';

let client: LspClient | undefined;
afterEach(async () => {
  if (client && client.process.exitCode === null) await client.stop();
  client = undefined;
});

async function start(docsBaseUrl?: string): Promise<LspClient> {
  const storylint = { enable: true, run: 'onType', codeLens: true, ...(docsBaseUrl === undefined ? {} : { docsBaseUrl }) };
  ({ client } = await LspClient.start({ fixture: FIXTURE, initializationOptions: { debounceMs: 0 }, configuration: { storylint } }));
  return client;
}

const criteriaFinding = (diagnostics: Diagnostic[]) => diagnostics.find((diagnostic) => diagnostic.code === RULE);

/** Every documentation link the server gives for the placeholder story: diagnostic, hover on the finding and on the heading, the action's shown document. */
async function docsLinks(lsp: LspClient) {
  const uri = await lsp.open('stories/placeholder.md', PLACEHOLDER);
  const finding = criteriaFinding(await lsp.diagnosticsFor(uri, 1))!;
  const hoverAt = async (line: number, character: number) =>
    ((await lsp.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } }))!.contents as MarkupContent).value;
  const onFinding = await hoverAt(4, 8);
  const onHeading = await hoverAt(0, 5);
  const actions = (await lsp.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: finding.range, context: { diagnostics: [finding] } })) as CodeAction[];
  const show = actions.find((action) => action.title === `Show documentation for ${RULE}`)!;
  await lsp.connection.sendRequest(ExecuteCommandRequest.type, { command: show.command!.command, arguments: show.command!.arguments });
  return {
    href: finding.codeDescription?.href,
    hoverLink: /\[Documentation\]\(([^)]+)\)/.exec(onFinding)?.[1],
    headingLink: new RegExp(`\\[${RULE}\\]\\(([^)]+)\\)`).exec(onHeading)?.[1],
    shown: lsp.shownDocuments,
  };
}

describe('rule documentation links', () => {
  it('lead to the page inside the extension by default: diagnostic, hovers and "Show documentation" alike', async () => {
    const lsp = await start();
    expect(await docsLinks(lsp)).toEqual({ href: IN_EXTENSION, hoverLink: IN_EXTENSION, headingLink: IN_EXTENSION, shown: [{ uri: IN_EXTENSION, external: false }] });
  });

  it('lead to the published docs when storylint.docsBaseUrl is set (read with workspace/configuration), shown in the browser', async () => {
    const lsp = await start(PUBLISHED);
    const published = `${PUBLISHED}${RULE}.md`;
    expect(await docsLinks(lsp)).toEqual({ href: published, hoverLink: published, headingLink: published, shown: [{ uri: published, external: true }] });
    expect(lsp.configurationRequests).toContain('storylint');
  });

  it('put the rule name in a {rule} template, and ignore an address that is not http(s) or file', async () => {
    const templated = await start('https://wiki.example.com/storylint/{rule}?view=page');
    expect((await docsLinks(templated)).href).toBe(`https://wiki.example.com/storylint/${RULE}?view=page`);
    await templated.stop();
    const refused = await start('command:workbench.action.quit');
    expect((await docsLinks(refused)).href).toBe(IN_EXTENSION);
  });

  it('change in every published file, open or not, when the setting changes', async () => {
    const lsp = await start();
    const closed = lsp.uri('stories/refunds.md'); // linted by the background scan, never opened
    const open = await lsp.open('stories/placeholder.md', PLACEHOLDER);
    const hrefs = (diagnostics: Diagnostic[]) => [...new Set(diagnostics.map((diagnostic) => diagnostic.codeDescription?.href?.replace(/[\w-]+\.md$/, '<rule>.md')))];
    expect(hrefs(await lsp.diagnosticsFor(closed, undefined, (d) => d.length > 0))).toEqual(['storylint-docs:/rules/<rule>.md']);
    expect(hrefs(await lsp.diagnosticsFor(open, 1))).toEqual(['storylint-docs:/rules/<rule>.md']);

    lsp.configuration = { storylint: { enable: true, docsBaseUrl: PUBLISHED } };
    await lsp.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    const relinked = (diagnostics: Diagnostic[]) => diagnostics.length > 0 && diagnostics.every((d) => d.codeDescription?.href?.startsWith(PUBLISHED));
    expect(hrefs(await lsp.diagnosticsFor(closed, undefined, relinked))).toEqual([`${PUBLISHED}<rule>.md`]);
    expect(hrefs(await lsp.diagnosticsFor(open, 1, relinked))).toEqual([`${PUBLISHED}<rule>.md`]);
  });
});

describe('storylint/ruleDocument', () => {
  it('answers the page of every rule as installed (rules/<rule>.md)', async () => {
    const lsp = await start();
    for (const rule of rules) {
      const page = await lsp.connection.sendRequest<RuleDocumentResponse>(RULE_DOCUMENT_REQUEST, { rule: rule.name });
      expect(page.markdown, rule.name).toBe(readFileSync(join(ROOT, 'rules', `${rule.name}.md`), 'utf8'));
      expect(page.markdown).toMatch(new RegExp(`^# ${rule.name}$[^]*^## Why$`, 'm'));
    }
  });

  it('answers an error for a name that is no rule, and reads no other file', async () => {
    const lsp = await start();
    for (const rule of ['no-such-rule', '../README', 'index', 42]) {
      const error = await lsp.connection.sendRequest(RULE_DOCUMENT_REQUEST, { rule }).then(
        () => undefined,
        (failure: unknown) => failure,
      );
      expect(error, String(rule)).toBeInstanceOf(ResponseError);
      expect((error as ResponseError<unknown>).code).toBe(ErrorCodes.InvalidParams);
      expect((error as ResponseError<unknown>).message).toBe(`Storylint has no rule named ${JSON.stringify(rule)}.`);
    }
  });
});
