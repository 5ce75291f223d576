// Linting from a script: the CLI's file selection, config resolution and fixes, without the process
// (no argv, no exit code, no output): results come back as data and problems as exceptions.
import { join, resolve } from 'node:path';
import { DEFAULT_MAX_FILE_SIZE } from '../cli/args';
import { type LintInput, readSelectedFiles } from '../cli/files';
import { type FileChange, fixInputs, writeFixes } from '../cli/fix';
import { withoutBom } from '../cli/io';
import { ConfigError } from '../core/config/load';
import { ConfigResolver, describeConfig } from '../core/config/resolve';
import { isIgnoredByConfig } from '../core/config/select';
import { validateConfig } from '../core/config/validate';
import { lintWithConfig, type SharedLintOptions } from '../core/engine/configured';
import type { FileResult } from '../core/engine/lint';
import { nodeConfigHost } from '../host/node-config';
import { countBySeverity } from '../report/formatters';
import { rules } from '../rules';
import { rememberEngineResult } from './engine-results';
import type { FileConfig, FindingSeverity, LintResult, StorylintConfig } from './types';

/** How the config of a file is found, as the CLI finds it. */
export interface ConfigOptions {
  /** Relative paths and patterns are resolved from here; `extends` may not leave it. Default: `process.cwd()`. */
  cwd?: string;
  /** Applied over the config files, like the CLI's `--rule` (no `extends`: name a preset in a config file). */
  config?: StorylintConfig;
  /** One config file instead of the `.storylintrc.*` files next to each story (`--config`). */
  configFile?: string;
  /** false: read no config file (`--no-config`). Default true. */
  useConfigFiles?: boolean;
}

/** What a lint run does besides finding problems. */
export interface RunOptions extends ConfigOptions {
  /** Apply fixes; results then hold the fixed text in `output` (`outputFixes` writes it). */
  fix?: boolean;
  /** Report `storylint-disable` comments that silence nothing, at this severity. */
  reportUnusedDirectives?: FindingSeverity;
}

/** Options of lintText. */
export interface LintTextOptions extends RunOptions {
  /** The file the text is (whose config applies); it need not exist. */
  filePath?: string;
}

/** Options of lintFiles. */
export interface LintFilesOptions extends RunOptions {
  /** An extra ignore file in .gitignore syntax (`--ignore-path`). */
  ignorePath?: string;
  /** Larger files are skipped with a warning. Default 10 MiB, as the CLI. */
  maxFileSize?: number;
  /** Notes that do not stop the run (no Markdown matched a pattern, a binary file skipped). Default: `process.emitWarning`. */
  onWarning?: (message: string) => void;
}

/** Files that could not be read or written; `problems` has one line each ("cannot read 'x': permission denied"). */
export class LintFilesError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'LintFilesError';
  }
}

/** What outputFixes needs of a lintFiles result: the bytes read, so unfixed bytes stay as they were. */
const pendingFixes = new WeakMap<LintResult, { input: LintInput; change: FileChange; cwd: string }>();

/** Lints one text (backlog rules compare its stories with each other only). Throws ConfigError for a bad config. */
export function lintText(text: string, options: LintTextOptions = {}): LintResult {
  const cwd = resolve(options.cwd ?? process.cwd());
  const filePath = options.filePath === undefined ? join(cwd, '<text>') : resolve(cwd, options.filePath);
  const input: LintInput = { filePath, text: withoutBom(text), config: resolverFor(options, cwd).forFile(filePath) };
  return lintInputs([input], options, cwd)[0]!;
}

/**
 * Lints the files that the patterns (files, folders, globs) select, as `storylint <patterns>` does:
 * .gitignore files and the configs' `files` and `ignores` apply, and backlog rules compare the
 * stories of all of them. Throws LintFilesError when a path cannot be read, ConfigError for a bad config.
 */
export async function lintFiles(patterns: string | readonly string[], options: LintFilesOptions = {}): Promise<LintResult[]> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const resolver = resolverFor(options, cwd);
  const problems: string[] = [];
  const warn = options.onWarning ?? ((message: string) => process.emitWarning(message, 'StorylintWarning'));
  const read = { ignorePath: options.ignorePath, unmatched: 'warn' as const, maxFileSize: options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE, maxFileSizeName: 'maxFileSize', configFor: (path: string) => resolver.forFile(path) };
  const inputs = readSelectedFiles(typeof patterns === 'string' ? [patterns] : patterns, cwd, read, { warn, fail: (message) => problems.push(message) });
  if (problems.length > 0) throw new LintFilesError(problems);
  return lintInputs(inputs, options, cwd);
}

/** Writes the fixed text of lintFiles results (results of lintText are not files read: they are left alone). */
export async function outputFixes(results: readonly LintResult[]): Promise<void> {
  const problems: string[] = [];
  for (const result of results) {
    const pending = pendingFixes.get(result);
    if (!pending) continue;
    // One file at a time: writeFixes refuses a file that changed on disk since it was read.
    writeFixes([pending.input], [pending.change], pending.cwd, { warn: (message) => problems.push(message), fail: (message) => problems.push(message) });
    pendingFixes.delete(result);
  }
  if (problems.length > 0) throw new LintFilesError(problems);
}

/** The config that applies to a file, as `storylint --print-config <file>` shows it. */
export function loadConfig(filePath: string, options: ConfigOptions = {}): FileConfig {
  const cwd = resolve(options.cwd ?? process.cwd());
  const path = resolve(cwd, filePath);
  const config = resolverFor(options, cwd).forFile(path);
  return { filePath: path, sources: config.sources, configPath: config.configPath, ignored: isIgnoredByConfig(config, path), config: describeConfig(config) as FileConfig['config'] };
}

function resolverFor(options: ConfigOptions, cwd: string): ConfigResolver {
  return new ConfigResolver({
    rules,
    host: nodeConfigHost,
    workspaceRoot: cwd,
    configFile: options.configFile,
    useConfigFiles: options.useConfigFiles ?? true,
    overrides: options.config === undefined ? undefined : overrideConfig(options.config),
  });
}

const OVERRIDE_SOURCE = '<options.config>';

/** The `config` option, validated as a config file is (errors name `<options.config>` and the key). */
function overrideConfig(config: StorylintConfig): StorylintConfig {
  const validated = validateConfig({ path: OVERRIDE_SOURCE, data: config, locate: () => undefined }, rules);
  if (validated.extends !== undefined) throw new ConfigError(OVERRIDE_SOURCE, '"extends" is not read here: put it in a config file and pass its path as configFile');
  return validated;
}

function lintInputs(inputs: readonly LintInput[], options: RunOptions, cwd: string): LintResult[] {
  const shared: SharedLintOptions = { rules, reportUnusedDirectives: options.reportUnusedDirectives };
  if (!options.fix) return lintWithConfig(inputs, shared).map((result) => toLintResult(result));
  const { results, changes } = fixInputs(inputs, shared);
  const byPath = new Map(changes.map((change) => [change.input.filePath, change]));
  return results.map((result, index) => {
    const change = byPath.get(result.filePath);
    const converted = toLintResult(result, change?.fixed);
    if (change && inputs[index]!.source) pendingFixes.set(converted, { input: inputs[index]!, change, cwd });
    return converted;
  });
}

/** The public shape of an engine result (assigning the findings checks that the types agree). */
function toLintResult(result: FileResult, output?: string): LintResult {
  const counts = countBySeverity([result]);
  const converted: LintResult = {
    filePath: result.filePath,
    findings: result.findings,
    suppressed: result.suppressed,
    errorCount: counts.error,
    warningCount: counts.warning,
    infoCount: counts.info,
    fixableCount: result.findings.filter((finding) => finding.fix !== undefined).length,
    stories: result.stories.map((story, index) => ({
      kind: story.kind,
      title: story.title,
      ...(story.id ? { id: story.id.text } : {}),
      line: result.lines.position(story.titleSpan[0]).line,
      score: result.scores[index] ?? 0,
    })),
    ...(output === undefined ? {} : { output }),
  };
  rememberEngineResult(converted, result);
  return converted;
}
