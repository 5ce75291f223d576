import { type Diagnostic, DiagnosticSeverity, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { docsUrl, type Finding, type FindingSeverity, type Span } from '../core';
import { ruleDocsUri } from '../protocol';
import type { ProjectFile } from './project';

export const SOURCE = 'storylint';

const SEVERITY: Record<FindingSeverity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** What a diagnostic carries back to the server in code-action requests. */
export interface DiagnosticData {
  messageId: string;
  fixable: boolean;
}

export const rangeOf = (document: TextDocument, span: Span): Range => ({
  start: document.positionAt(span[0]),
  end: document.positionAt(span[1]),
});

/** storylint.docsBaseUrl of the latest reload: '' links the pages inside the extension. */
let docsBaseUrl = '';

/** Where rule documentation links lead from now on (every reload sets it from the settings); true when that changed. */
export function useDocsBaseUrl(base: string): boolean {
  const changed = base !== docsBaseUrl;
  docsBaseUrl = base;
  return changed;
}

/** The address of a rule's documentation in diagnostics, hovers and the "Show documentation" action. */
export const ruleDocsLink = (rule: string): string => (docsBaseUrl ? docsUrl(rule, docsBaseUrl) : ruleDocsUri(rule));

export function toDiagnostic(finding: Finding, document: TextDocument, uriOf: (filePath: string) => string): Diagnostic {
  const data: DiagnosticData = { messageId: finding.messageId, fixable: finding.fix !== undefined };
  const diagnostic: Diagnostic = {
    range: rangeOf(document, finding.span),
    severity: SEVERITY[finding.severity],
    source: SOURCE,
    code: finding.ruleId,
    codeDescription: { href: ruleDocsLink(finding.ruleId) },
    message: finding.message,
    data,
  };
  if (finding.related?.length) {
    diagnostic.relatedInformation = finding.related.map((related) => ({
      // Related positions are 1-based lines and UTF-16 columns: LSP's are the same, 0-based.
      location: {
        uri: uriOf(related.filePath),
        range: {
          start: { line: related.line - 1, character: related.column - 1 },
          end: { line: related.endLine - 1, character: related.endColumn - 1 },
        },
      },
      message: related.message,
    }));
  }
  return diagnostic;
}

export const SKIP_MESSAGES = {
  'too-large': 'Storylint skipped this file: it is too large to lint while you type. Split the backlog into smaller files, or lint it with the CLI.',
} as const;

export function diagnosticsOf(file: ProjectFile, uriOf: (filePath: string) => string): Diagnostic[] {
  if (file.skipped === 'too-large') {
    return [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Information, source: SOURCE, message: SKIP_MESSAGES['too-large'] }];
  }
  if (file.skipped || !file.result) return [];
  return file.result.findings.map((finding) => toDiagnostic(finding, file.document, uriOf));
}

/** Findings and diagnostics describe the same problem when rule and range agree. */
export function sameProblem(finding: Finding, diagnostic: Diagnostic, document: TextDocument): boolean {
  if (diagnostic.source !== SOURCE || diagnostic.code !== finding.ruleId) return false;
  const range = rangeOf(document, finding.span);
  return (
    range.start.line === diagnostic.range.start.line &&
    range.start.character === diagnostic.range.start.character &&
    range.end.line === diagnostic.range.end.line &&
    range.end.character === diagnostic.range.end.character &&
    diagnostic.message === finding.message
  );
}
