// The CLI's output formats for results of lintText / lintFiles.
import { docsUrl } from '../core/engine/rule';
import { readRulePages } from '../host/rule-pages';
import { formatterNames, formatters } from '../report/formatters';
import { rules as engineRules } from '../rules';
import { version } from '../package.json';
import { formattedResultOf } from './engine-results';
import type { LintResult, RuleMeta } from './types';

/** The storylint version (tool metadata in SARIF and JUnit, cache keys). */
export const VERSION: string = version;

/** What a formatter may take from its caller. */
export interface FormatOptions {
  /** Paths are shown relative to it (stylish, compact, SARIF URIs). Default: `process.cwd()`. */
  cwd?: string;
  /** ANSI colours (stylish only). Default false. */
  color?: boolean;
}

/** Turns results into the text of one format (what `storylint --format <name>` prints). */
export type LoadedFormatter = (results: readonly LintResult[], options?: FormatOptions) => string;

/** The names `format` and `loadFormatter` take: the CLI's `--format` values. */
export const formatNames: readonly string[] = formatterNames();

/** The formatter of `--format <name>`. Throws for an unknown name, listing the known ones. */
export async function loadFormatter(name: string): Promise<LoadedFormatter> {
  const load = Object.hasOwn(formatters, name) ? formatters[name] : undefined;
  if (!load) throw new Error(`unknown format '${name}'; formats are ${formatNames.join(', ')}`);
  const formatter = await load();
  const ruleDocs = formatter.needsRuleDocs ? readRulePages(engineRules.map((rule) => rule.name)) : undefined;
  return (results, options = {}) => formatter(results.map(formattedResultOf), { cwd: options.cwd ?? process.cwd(), color: options.color ?? false, rules: engineRules, version: VERSION, ruleDocs });
}

/** The results as `storylint --format <name>` prints them (default `stylish`). */
export async function format(results: readonly LintResult[], name = 'stylish', options: FormatOptions = {}): Promise<string> {
  return (await loadFormatter(name))(results, options);
}

/** Every rule's metadata, in the order findings at one place are listed. */
export const rules: readonly RuleMeta[] = engineRules.map((rule) => ({
  name: rule.name,
  description: rule.description,
  scope: rule.scope,
  severity: rule.severity,
  fixable: rule.fixable,
  tags: rule.tags,
  options: rule.options,
  messages: rule.messages,
  docsUrl: docsUrl(rule.name),
}));
