import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import { applyEdits, modify } from 'jsonc-parser';
import {
  type CodeAction,
  CodeActionKind,
  type CodeActionParams,
  type Diagnostic,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { type ConfigHost, detectEol, type Finding, type Fix, type ResolvedConfig, type Story, yaml } from '../core';
import { SERVER_COMMANDS } from '../protocol';
import { sameProblem, toDiagnostic } from './diagnostics';
import { documentEdit, minimalEdit, toSnippetEdit, toTextEdit } from './edits';
import { fileFixEdit } from './fixes';
import type { Project, ProjectFile } from './project';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.storylint`;

/** The suppression comments, as core/engine/directives.ts reads them. */
export const directive = {
  disableFile: (rule: string) => `<!-- storylint-disable-file ${rule} -->`,
  disableStory: (rule: string) => `<!-- storylint-disable-story ${rule} -->`,
};

export interface ActionEnvironment {
  project: Project;
  config: ResolvedConfig;
  /** Where a new config file goes when none applies: the workspace folder of the file. */
  configRoot: string;
  uriOf: (filePath: string) => string;
  /** Reads config files (the edits change their text). */
  configHost: ConfigHost;
}

/**
 * The actions for the findings in the requested range, in the order the editor lists them: fixes, the
 * story split, fix all, per rule what can be done about it, and ignoring the file. A request for
 * source actions only gets the fix-all one.
 */
export function codeActions(params: CodeActionParams, file: ProjectFile, env: ActionEnvironment): CodeAction[] {
  const document = file.document;
  const findings = file.result?.findings ?? [];
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
  const fixAll = (kind: string): CodeAction | undefined => {
    if (!findings.some((finding) => finding.fix)) return undefined;
    const edit = fileFixEdit(env.project, file);
    return edit && { title: 'Fix all storylint problems in this file', kind, edit };
  };

  if (only && !wants(CodeActionKind.QuickFix)) {
    const action = wants(FIX_ALL_KIND) ? fixAll(FIX_ALL_KIND) : undefined;
    return action ? [action] : [];
  }

  const start = document.offsetAt(params.range.start);
  const end = document.offsetAt(params.range.end);
  const here = findings.filter((finding) => finding.span[0] <= end && finding.span[1] >= start);
  const diagnosticFor = (finding: Finding): Diagnostic =>
    params.context.diagnostics.find((diagnostic) => sameProblem(finding, diagnostic, document)) ?? toDiagnostic(finding, document, env.uriOf);

  const actions: CodeAction[] = here.flatMap((finding) => (finding.fix ? [fixAction(file, finding.fix, diagnosticFor(finding))] : []));
  for (const finding of here) actions.push(...suggestionActions(file, finding, diagnosticFor(finding)));
  if (here.some((finding) => finding.fix) && findings.filter((finding) => finding.fix).length > 1) {
    const action = fixAll(CodeActionKind.QuickFix);
    if (action) actions.push(action);
  }
  const seen = new Set<string>();
  for (const finding of here) {
    if (seen.has(finding.ruleId) || finding.messageId === 'rule-failed') continue;
    seen.add(finding.ruleId);
    actions.push(...ruleActions(file, finding, [diagnosticFor(finding)], env));
  }
  // "This file is not a backlog": one action for every finding here, last.
  const ignore = here.length > 0 ? ignoreInConfig(file.filePath, env) : undefined;
  if (ignore) actions.push({ title: ignore.title, kind: CodeActionKind.QuickFix, diagnostics: here.map(diagnosticFor), edit: ignore.edit });
  return actions;
}

/**
 * The finding's own fix, preferred over every other action. Its first edit that inserts a
 * placeholder is a snippet selecting it, so the cursor lands there (forClient turns it into plain
 * text for a client without snippet edits); fix-all, fix-on-save and the CLI insert plain text.
 */
function fixAction(file: ProjectFile, fix: Fix, diagnostic: Diagnostic): CodeAction {
  let snippet = false;
  const edits = fix.edits.map((edit) => {
    if (snippet) return toTextEdit(file.document, edit);
    const converted = toSnippetEdit(file.document, edit);
    snippet = 'snippet' in converted;
    return converted;
  });
  return { title: `Fix: ${fix.title}`, kind: CodeActionKind.QuickFix, isPreferred: true, diagnostics: [diagnostic], edit: documentEdit(file, edits) };
}

/** The rule's suggestions: changes to what the story says (a split), offered but never applied by fix-all. */
function suggestionActions(file: ProjectFile, finding: Finding, diagnostic: Diagnostic): CodeAction[] {
  return (finding.suggestions ?? []).map((suggestion) => ({
    title: suggestion.title,
    kind: CodeActionKind.RefactorRewrite,
    diagnostics: [diagnostic],
    edit: documentEdit(file, suggestion.edits.map((edit) => toTextEdit(file.document, edit))),
  }));
}

/** What can be done about a rule where it reports: disable it for the story or the file, turn it off in the config, read its documentation. */
function ruleActions(file: ProjectFile, finding: Finding, diagnostics: Diagnostic[], env: ActionEnvironment): CodeAction[] {
  const rule = finding.ruleId;
  const actions: CodeAction[] = [];
  const story = finding.storyIndex !== undefined ? file.result?.stories[finding.storyIndex] : undefined;
  if (story) {
    actions.push({
      title: `Disable ${rule} for this story`,
      kind: CodeActionKind.QuickFix,
      diagnostics,
      edit: documentEdit(file, [disableForStory(file.document, story, rule)]),
    });
  }
  actions.push({
    title: `Disable ${rule} for this file`,
    kind: CodeActionKind.QuickFix,
    diagnostics,
    edit: documentEdit(file, [disableForFile(file.document, file, rule)]),
  });
  const turnOff = turnOffInConfig(rule, env);
  if (turnOff) actions.push({ title: turnOff.title, kind: CodeActionKind.QuickFix, diagnostics, edit: turnOff.edit });
  actions.push({
    title: `Show documentation for ${rule}`,
    kind: CodeActionKind.QuickFix,
    diagnostics,
    command: { title: `Show documentation for ${rule}`, command: SERVER_COMMANDS.showDocumentation, arguments: [rule] },
  });
  return actions;
}

/**
 * A disable-story comment inside the story: on its own line under the heading (or front matter),
 * or at the end of a one-line story, where it is invisible when rendered.
 */
function disableForStory(document: TextDocument, story: Story, rule: string): TextEdit {
  if (story.kind === 'line') return toTextEdit(document, { span: [story.contentEnd, story.contentEnd], text: ` ${directive.disableStory(rule)}` });
  const eol = detectEol(document.getText());
  return toTextEdit(document, { span: [story.bodyStart, story.bodyStart], text: directive.disableStory(rule) + eol });
}

/** A file-wide disable comment at the top, after the front matter when there is one. */
function disableForFile(document: TextDocument, file: ProjectFile, rule: string): TextEdit {
  const eol = detectEol(document.getText());
  const frontMatter = file.result?.parsed.frontMatter;
  let at = 0;
  if (frontMatter) {
    at = frontMatter.span[1];
    const text = document.getText();
    if (text.startsWith('\r\n', at)) at += 2;
    else if (text[at] === '\n') at += 1;
  }
  return toTextEdit(document, { span: [at, at], text: directive.disableFile(rule) + eol });
}

const CONFIG_FILE = '.storylintrc.json';

/** One change to a config file: a key set to a value, or a string appended to a list. */
export type ConfigChange = { keyPath: readonly string[]; set: unknown } | { keyPath: readonly string[]; append: string };

/**
 * An edit of the config that applies to the file, or of a new .storylintrc.json in the workspace
 * folder when none does. `changeIn(configDir)` gives the change (undefined: nothing to offer).
 */
function configEdit(
  env: ActionEnvironment,
  changeIn: (configDir: string) => ConfigChange | undefined,
): { configName: string; edit: WorkspaceEdit } | undefined {
  const path = env.config.configPath;
  if (!path) {
    const created = join(env.configRoot, CONFIG_FILE);
    if (env.configHost.readFile(created) !== undefined) return undefined; // exists but does not apply (an explicit storylint.configFile wins)
    const change = changeIn(env.configRoot);
    const text = change && editConfigText(created, '{}\n', change);
    if (text === undefined) return undefined;
    const uri = env.uriOf(created);
    return {
      configName: CONFIG_FILE,
      edit: {
        documentChanges: [
          // Never into an existing file: one created since the config was read makes the edit fail instead of breaking its JSON.
          { kind: 'create', uri, options: { overwrite: false, ignoreIfExists: false } },
          { textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: text }] },
        ],
      },
    };
  }
  let before: string | undefined;
  try {
    before = env.configHost.readFile(path);
  } catch {
    return undefined;
  }
  if (before === undefined) return undefined;
  const change = changeIn(dirname(path));
  const after = change && editConfigText(path, before, change);
  if (after === undefined) return undefined;
  const edit = minimalEdit(TextDocument.create(env.uriOf(path), 'json', 0, before), after);
  if (!edit) return undefined;
  return { configName: basename(path), edit: { documentChanges: [{ textDocument: { uri: env.uriOf(path), version: null }, edits: [edit] }] } };
}

/** Sets the rule to "off" in the config that applies to the file, or creates one that does. */
function turnOffInConfig(rule: string, env: ActionEnvironment): { title: string; edit: WorkspaceEdit } | undefined {
  const edited = configEdit(env, () => ({ keyPath: ['rules', rule], set: 'off' }));
  return edited && { title: `Turn off ${rule} in ${edited.configName}`, edit: edited.edit };
}

/**
 * Adds the file to `ignores` of the config that applies to it (relative to that config's folder,
 * as a glob matching only this file), or creates a config that ignores it.
 */
function ignoreInConfig(filePath: string, env: ActionEnvironment): { title: string; edit: WorkspaceEdit } | undefined {
  const edited = configEdit(env, (configDir) => {
    const path = relative(configDir, filePath).split(sep).join('/');
    if (path === '' || path === '..' || path.startsWith('../') || isAbsolute(path)) return undefined; // ignores cannot reach outside the config's folder
    return { keyPath: ['ignores'], append: literalGlob(path) };
  });
  return edited && { title: `Ignore this file (add it to "ignores" in ${edited.configName})`, edit: edited.edit };
}

/** A glob that matches exactly this relative path: every glob metacharacter escaped with a backslash. */
export const literalGlob = (path: string): string => path.replace(/[\\*?[\]{}()!+@|^$#,]/g, '\\$&');

/** The config text with one change made, comments and layout kept; undefined when it cannot be parsed. */
export function editConfigText(path: string, text: string, change: ConfigChange): string | undefined {
  if (/\.ya?ml$/i.test(path)) {
    const { isSeq, parseDocument } = yaml();
    const document = parseDocument(text);
    if (document.errors.length > 0) return undefined;
    if ('set' in change) document.setIn(change.keyPath, change.set);
    else {
      const list = document.getIn(change.keyPath, true);
      if (isSeq(list)) list.add(document.createNode(change.append));
      else document.setIn(change.keyPath, document.createNode([change.append]));
    }
    return document.toString();
  }
  const keyPath = basename(path) === 'package.json' ? ['storylint', ...change.keyPath] : [...change.keyPath];
  const formattingOptions = { insertSpaces: true, tabSize: 2, eol: detectEol(text) };
  const edits =
    'set' in change
      ? modify(text, keyPath, change.set, { formattingOptions })
      : modify(text, [...keyPath, -1], change.append, { formattingOptions, isArrayInsertion: true });
  return applyEdits(text, edits);
}

/** The config text with `rules.<rule>` set to "off", comments and layout kept. */
export const turnOffRuleInText = (path: string, text: string, rule: string): string | undefined => editConfigText(path, text, { keyPath: ['rules', rule], set: 'off' });
