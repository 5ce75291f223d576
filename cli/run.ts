import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigResolver, describeConfig } from '../core/config/resolve';
import { isIgnoredByConfig } from '../core/config/select';
import type { StorylintConfig } from '../core/config/types';
import { ruleOverride } from '../core/config/validate';
import { lintWithConfig, type SharedLintOptions } from '../core/engine/configured';
import type { FileResult } from '../core/engine/lint';
import { nodeConfigHost } from '../host/node-config';
import { readRulePages } from '../host/rule-pages';
import { formatterNames, formatters, terminalSafe } from '../report/formatters';
import { rules } from '../rules';
import packageJson from '../package.json';
import { type CliOptions, HELP, parseArgs, UsageError } from './args';
import { backlogOnly, backlogOnlyConfig, reportedResults } from './backlog';
import { baselined, baselineToApply } from './baseline';
import { describeFsError, type LintInput, readSelectedFiles, type UnmatchedPolicy } from './files';
import { isStandardOutput, withoutBom, writeFileAtomic } from './io';
import { lintInParallel, workerCount } from './parallel';

export const VERSION: string = packageJson.version;

/** Where a run writes; tests and the main wrapper pass the process streams. */
export interface Io {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  readStdin(): string;
}

export type { LintInput } from './files';

/** Runs the CLI; returns the exit code (0 clean, 1 lint errors or too many warnings, 2 usage/config/IO). */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const options = parseArgs(argv);
  if (options.help) {
    io.stdout.write(HELP);
    return 0;
  }
  if (options.version) {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (!formatters[options.format]) {
    throw new UsageError(`unknown format '${options.format}'; formats are ${formatterNames().join(', ')}`);
  }
  if (options.init) return (await import('./init')).init(io);

  const resolver = configResolver(options, io.cwd);
  if (options.printConfig !== undefined) return printConfig(resolver, resolve(io.cwd, options.printConfig), io);
  const log = stderrLog(io);
  const baseline = baselineToApply(options, io.cwd);
  const linted = options.stdin ? [stdinInput(options, resolver, io)] : fileInputs(options.patterns, options, resolver, io, log);
  const inputs = [...linted, ...backlogInputs(linted, options, resolver, io, log)];
  const results = baselined(reportedResults(await lintInputs(inputs, options, io, log), inputs), options, io.cwd, log, baseline);
  const shownResults = options.quiet ? results.map((result) => ({ ...result, findings: result.findings.filter((f) => f.severity === 'error') })) : results;
  await writeReport(shownResults, options, io, log);
  if (log.failed) return 2;
  return exitCodeFor(shownResults, options, log.warn);
}

/** Warnings and failures on stderr; a failure (a file not read or written) makes the exit code 2. */
interface Log {
  warn(message: string): void;
  fail(message: string): void;
  readonly failed: boolean;
}

function stderrLog(io: Io): Log {
  let failed = false;
  // Warnings quote file names and config values: no control character reaches the terminal.
  const warn = (message: string) => io.stderr.write(`storylint: ${terminalSafe(message)}\n`);
  return {
    warn,
    fail: (message) => {
      failed = true;
      warn(message);
    },
    get failed() {
      return failed;
    },
  };
}

/** The config of each file: config files (unless --no-config or --config), with the --rule overrides on top. */
function configResolver(options: CliOptions, cwd: string): ConfigResolver {
  const overrides: StorylintConfig = { rules: {} };
  for (const spec of options.rules) Object.assign(overrides.rules!, ruleOverride(spec, rules).rules);
  return new ConfigResolver({
    rules,
    host: nodeConfigHost,
    workspaceRoot: cwd,
    configFile: options.config,
    useConfigFiles: !options.noConfig,
    overrides: options.rules.length > 0 ? overrides : undefined,
  });
}

/** --print-config: the config that applies to the file, as JSON. */
function printConfig(resolver: ConfigResolver, filePath: string, io: Io): number {
  const config = resolver.forFile(filePath);
  const ignored = isIgnoredByConfig(config, filePath);
  const overrides = config.appliedOverrides ?? [];
  io.stdout.write(`${JSON.stringify({ filePath, sources: config.sources, overrides, ignored, config: describeConfig(config) }, null, 2)}\n`);
  return 0;
}

/** --stdin: the text read, as the file --stdin-filename names (its config applies). */
function stdinInput(options: CliOptions, resolver: ConfigResolver, io: Io): LintInput {
  const filePath = options.stdinFilename ? resolve(io.cwd, options.stdinFilename) : join(io.cwd, '<stdin>');
  const raw = io.readStdin();
  return { filePath, text: withoutBom(raw), config: resolver.forFile(filePath) };
}

/** The files the patterns select, read; those not read are warned or failed about. */
function fileInputs(patterns: readonly string[], options: CliOptions, resolver: ConfigResolver, io: Io, log: Log, unmatched: UnmatchedPolicy = options.errorOnUnmatchedPattern ? 'error' : 'ignore'): LintInput[] {
  const read = { ignorePath: options.ignorePath, unmatched, maxFileSize: options.maxFileSize, maxFileSizeName: '--max-file-size', configFor: (path: string) => resolver.forFile(path) };
  return readSelectedFiles(patterns, io.cwd, read, log);
}

/**
 * --backlog: the files it names that are not linted anyway, read with the same selection (config
 * `ignores`, .gitignore, --ignore-path) and linted for the backlog rules only. A backlog pattern
 * matching nothing is no error: the backlog may be the linted files alone.
 */
function backlogInputs(linted: readonly LintInput[], options: CliOptions, resolver: ConfigResolver, io: Io, log: Log): LintInput[] {
  if (options.backlog.length === 0) return [];
  // A backlog file that cannot be read only narrows what the named files are compared with: a note, not a failure.
  const lenient: Log = { warn: log.warn, fail: log.warn, failed: false };
  const backlog = backlogOnly(fileInputs(options.backlog, options, resolver, io, lenient, 'ignore'), linted);
  return backlog.map((input) => ({ ...input, config: backlogOnlyConfig(input.config, rules), backlogOnly: true }));
}

/** The results: fixed first (--fix writes the files, --fix-dry-run prints the diff), from the cache, or linted (in parallel when many). */
async function lintInputs(inputs: LintInput[], options: CliOptions, io: Io, log: Log): Promise<FileResult[]> {
  const shared: SharedLintOptions = { rules, reportUnusedDirectives: options.reportUnusedDirectives };
  if (options.fix || options.fixDryRun) {
    const { fixInputs, writeFixes, diffFixes } = await import('./fix');
    const outcome = fixInputs(inputs, shared);
    if (options.fix) {
      const { onDisk, allWritten } = writeFixes(inputs, outcome.changes, io.cwd, log);
      // A file left unfixed is reported as it is on disk, not as the fix would have made it.
      return allWritten ? outcome.results : lintWithConfig(onDisk, shared);
    }
    // A terminal sees the diff escaped; a pipe (e.g. into `git apply`) gets the exact bytes.
    const diff = diffFixes(outcome.changes, io.cwd);
    io.stdout.write(io.stdout.isTTY ? diff.split('\n').map(terminalSafe).join('\n') : diff);
    return outcome.results;
  }
  if (options.cache) {
    const { lintCached } = await import('./cache');
    return lintCached(inputs, shared, resolve(io.cwd, options.cacheLocation ?? '.storylintcache'), VERSION, log.warn);
  }
  const workers = workerCount(inputs, io.env);
  return workers > 1 ? lintInParallel(inputs, shared, workers) : lintWithConfig(inputs, shared);
}

/** The report in the chosen format, to --output-file or stdout (none on stdout with --fix-dry-run, which prints the diff). */
async function writeReport(results: readonly FileResult[], options: CliOptions, io: Io, log: Log): Promise<void> {
  const formatter = await formatters[options.format]!();
  const ruleDocs = formatter.needsRuleDocs ? readRulePages(rules.map((rule) => rule.name)) : undefined;
  const report = formatter(results, { cwd: io.cwd, color: useColor(options, io), rules, version: VERSION, ruleDocs });
  if (options.outputFile !== undefined) {
    const target = resolve(io.cwd, options.outputFile);
    try {
      if (isStandardOutput(target)) io.stdout.write(report);
      else writeFileAtomic(target, report);
    } catch (error) {
      log.fail(`cannot write '${options.outputFile}': ${describeFsError(error)}`);
    }
  } else if (!options.fixDryRun) {
    io.stdout.write(report);
  }
}

function exitCodeFor(results: readonly Pick<FileResult, 'findings'>[], options: CliOptions, warn: (message: string) => void): number {
  let errors = 0;
  let warnings = 0;
  for (const result of results) {
    for (const finding of result.findings) {
      if (finding.severity === 'error') errors++;
      else if (finding.severity === 'warning') warnings++;
    }
  }
  if (errors > 0) return 1;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    warn(`too many warnings (${warnings}); the maximum is ${options.maxWarnings}`);
    return 1;
  }
  return 0;
}

/** --color/--no-color win; then FORCE_COLOR and NO_COLOR; otherwise colour only on a terminal. */
function useColor(options: CliOptions, io: Io): boolean {
  if (options.color !== undefined) return options.color;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  return options.outputFile === undefined && io.stdout.isTTY === true;
}

/** The process's streams and stdin. */
export const processIo = (): Io => ({
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  readStdin: () => readFileSync(0, 'utf8'),
});
