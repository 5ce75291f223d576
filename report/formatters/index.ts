import type { FileResult } from '../../core/engine/lint';
import type { AnyRule } from '../../core/engine/rule';

/**
 * What a formatter needs of a lint result: the file and its findings (positions are 1-based). The CLI
 * passes whole results; the rest is optional so a caller with findings alone can still format them
 * (then ESLint's fix ranges, `source` and `suppressedMessages`, and the fingerprints' flagged text, are left out).
 */
export type FormattedResult = Pick<FileResult, 'filePath' | 'findings'> & Partial<Pick<FileResult, 'text' | 'stories' | 'suppressed'>>;

export interface FormatterContext {
  /** Directory paths are shown relative to (SARIF URIs, stylish and compact paths). */
  cwd: string;
  /** Whether the output may use ANSI colours (stylish only). */
  color: boolean;
  /** Every rule the run knew, for rule metadata (SARIF `tool.driver.rules`). */
  rules: readonly AnyRule[];
  /** The storylint version, for tool metadata. */
  version: string;
  /**
   * Each rule's documentation page (rules/<name>.md) by rule name, for formats that carry rule help
   * (SARIF). Given when the formatter asks for it with `needsRuleDocs`; a rule without a page gets
   * its one-line description.
   */
  ruleDocs?: Readonly<Record<string, string>>;
}

/**
 * A formatter turns the results of one run into the text written to stdout or `--output-file`.
 * It is pure: no I/O, no process state; everything it needs comes in `context`. The text ends with
 * a newline unless it is empty.
 */
export type Formatter = ((results: readonly FormattedResult[], context: FormatterContext) => string) & {
  /** The caller should read the rule pages into `context.ruleDocs` (I/O the formatter must not do). */
  needsRuleDocs?: boolean;
};

/**
 * Formatters by `--format` name. Each loads on demand so a run pays only for the one it uses.
 * Adding a format is one line here plus a module whose default export is a `Formatter`.
 */
export const formatters: Readonly<Record<string, () => Promise<Formatter>>> = {
  stylish: async () => (await import('./stylish')).default,
  compact: async () => (await import('./compact')).default,
  json: async () => (await import('./json')).default,
  sarif: async () => (await import('./sarif')).default,
  gitlab: async () => (await import('./gitlab')).default,
  eslint: async () => (await import('./eslint')).default,
  github: async () => (await import('./github')).default,
  junit: async () => (await import('./junit')).default,
  html: async () => (await import('./html')).default,
  summary: async () => (await import('./summary')).default,
};

export const formatterNames = (): string[] => Object.keys(formatters);

export { displayPath } from './paths';

/**
 * C0 controls but tab, DEL, C1 controls and the bidi controls: from a story or a file name they
 * could clear the screen, set the title, or reorder what a reader sees in a terminal or CI log.
 */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Text for a terminal: every control character shown as a visible escape (`\x1b`, `\u{202e}`). The text formats pass messages and paths through it. */
export function terminalSafe(text: string): string {
  return text.replace(CONTROL_CHARACTERS, (char) => {
    const code = char.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}

/** The findings of all results, counted by severity. */
export function countBySeverity(results: readonly FormattedResult[]): { error: number; warning: number; info: number } {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const result of results) for (const finding of result.findings) counts[finding.severity]++;
  return counts;
}
