/**
 * storylint as a library: `require('storylint')` or `import … from 'storylint'`.
 *
 * ```js
 * const { lintFiles, format } = require('storylint');
 * const results = await lintFiles(['backlog/']);
 * process.stdout.write(await format(results, 'stylish'));
 * ```
 *
 * It lints as the CLI does (same config files, file selection and fixes) and reads config files
 * as data only. See docs/api.md.
 */
export { ConfigError } from '../core/config/load';
export { format, type FormatOptions, formatNames, type LoadedFormatter, loadFormatter, rules, VERSION } from './format';
export {
  type ConfigOptions,
  LintFilesError,
  type LintFilesOptions,
  lintFiles,
  lintText,
  type LintTextOptions,
  loadConfig,
  outputFixes,
  type RunOptions,
} from './lint';
export type {
  Edit,
  FileConfig,
  Finding,
  FindingSeverity,
  Fix,
  OptionSpec,
  OverrideBlock,
  Position,
  RelatedFinding,
  RuleEntry,
  RuleMeta,
  SectionKind,
  Severity,
  Span,
  StatementPart,
  StorylintConfig,
  StoryKind,
  StorySummary,
  LintResult,
  Template,
} from './types';
