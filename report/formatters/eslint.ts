import { inTextOrder } from '../../core/engine/fixes';
import type { Finding } from '../../core/engine/lint';
import type { Fix } from '../../core/engine/rule';
import type { FormattedResult, Formatter } from '.';

/** ESLint's numeric severities. ESLint has no info level: an info is a warning, the level that never fails a run. */
const SEVERITY = { error: 2, warning: 1, info: 1 } as const;

/** ESLint's `Rule.Fix`: the text in [start, end) (UTF-16 offsets into the file) becomes `text`. */
export interface EslintFix {
  range: [number, number];
  text: string;
}

/** ESLint's `Linter.LintMessage` as storylint fills it. */
export interface EslintMessage {
  ruleId: string;
  severity: 1 | 2;
  message: string;
  messageId: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fix?: EslintFix;
  suggestions?: { desc: string; fix: EslintFix }[];
}

/** ESLint's `ESLint.LintResult` (tests/formats.test.ts checks it against @types/eslint). */
export interface EslintLintResult {
  filePath: string;
  messages: EslintMessage[];
  suppressedMessages: (EslintMessage & { suppressions: { kind: 'directive'; justification: string }[] })[];
  errorCount: number;
  fatalErrorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  source?: string;
  usedDeprecatedRules: { ruleId: string; replacedBy: string[] }[];
}

/**
 * A fix as ESLint's one replacement: the edits merged into one range, the text between them kept (as
 * ESLint's own fix merging does). Undefined when the edits need the file text and it is not given.
 */
function eslintFix(fix: Fix, text: string | undefined): EslintFix | undefined {
  const edits = inTextOrder(fix.edits);
  if (edits.length === 1) return { range: [edits[0]!.span[0], edits[0]!.span[1]], text: edits[0]!.text };
  if (text === undefined) return undefined;
  let merged = '';
  for (const [index, edit] of edits.entries()) {
    if (index > 0) merged += text.slice(edits[index - 1]!.span[1], edit.span[0]);
    merged += edit.text;
  }
  return { range: [edits[0]!.span[0], edits.at(-1)!.span[1]], text: merged };
}

function message(finding: Finding, text: string | undefined): EslintMessage {
  const fix = finding.fix && eslintFix(finding.fix, text);
  const suggestions = finding.suggestions?.flatMap((suggestion) => {
    const suggested = eslintFix(suggestion, text);
    return suggested ? [{ desc: suggestion.title, fix: suggested }] : [];
  });
  return {
    ruleId: finding.ruleId,
    severity: SEVERITY[finding.severity],
    message: finding.message,
    messageId: finding.messageId,
    line: finding.line,
    column: finding.column,
    endLine: finding.endLine,
    endColumn: finding.endColumn,
    ...(fix ? { fix } : {}),
    ...(suggestions?.length ? { suggestions } : {}),
  };
}

function lintResult(result: FormattedResult): EslintLintResult {
  const messages = result.findings.map((finding) => message(finding, result.text));
  const count = (severity: 1 | 2, fixable: boolean) => messages.filter((entry) => entry.severity === severity && (!fixable || 'fix' in entry)).length;
  const errorCount = count(2, false);
  const warningCount = count(1, false);
  return {
    filePath: result.filePath,
    messages,
    // Directives carry no justification storylint keeps, so it is empty, as ESLint leaves it without one.
    suppressedMessages: (result.suppressed ?? []).map((finding) => ({
      ...message(finding, result.text),
      suppressions: [{ kind: 'directive' as const, justification: '' }],
    })),
    errorCount,
    fatalErrorCount: 0,
    warningCount,
    fixableErrorCount: count(2, true),
    fixableWarningCount: count(1, true),
    // ESLint gives the source only for a file with problems.
    ...(errorCount + warningCount > 0 && result.text !== undefined ? { source: result.text } : {}),
    usedDeprecatedRules: [],
  };
}

/**
 * ESLint's `LintResult[]` exactly (numeric severities, counts, fix ranges as UTF-16 offsets into the
 * file), so ESLint formatters and tools read storylint's findings. `json` keeps storylint's own shape.
 */
const eslint: Formatter = (results) => `${JSON.stringify(results.map(lintResult))}\n`;

export default eslint;
