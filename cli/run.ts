import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ConfigResolver, describeConfig } from '../core/config/resolve';
import { isIgnoredByConfig, isSelectedByConfig } from '../core/config/select';
import type { StorylintConfig } from '../core/config/types';
import { ruleOverride } from '../core/config/validate';
import { type ConfiguredFile, lintWithConfig, type SharedLintOptions } from '../core/engine/configured';
import type { FileResult } from '../core/engine/lint';
import { nodeConfigHost } from '../host/node-config';
import { formatterNames, formatters, terminalSafe } from '../report/formatters';
import { rules } from '../rules';
import packageJson from '../package.json';
import { type CliOptions, HELP, parseArgs, UsageError } from './args';
import { collectFiles, describeFsError } from './files';
import { isStandardOutput, readSourceFile, type SourceFile, writeFileAtomic } from './io';
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

/** A file ready to lint: its source and its config. */
export interface LintInput extends ConfiguredFile {
  source?: SourceFile;
}

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

  const overrides: StorylintConfig = { rules: {} };
  for (const spec of options.rules) Object.assign(overrides.rules!, ruleOverride(spec, rules).rules);
  const resolver = new ConfigResolver({
    rules,
    host: nodeConfigHost,
    workspaceRoot: io.cwd,
    configFile: options.config,
    useConfigFiles: !options.noConfig,
    overrides: options.rules.length > 0 ? overrides : undefined,
  });

  if (options.printConfig !== undefined) {
    const filePath = resolve(io.cwd, options.printConfig);
    const config = resolver.forFile(filePath);
    const ignored = isIgnoredByConfig(config, filePath);
    io.stdout.write(`${JSON.stringify({ filePath, sources: config.sources, ignored, config: describeConfig(config) }, null, 2)}\n`);
    return 0;
  }

  let failed = false;
  // Warnings quote file names and config values: no control character reaches the terminal.
  const warn = (message: string) => io.stderr.write(`storylint: ${terminalSafe(message)}\n`);
  const fail = (message: string) => {
    failed = true;
    warn(message);
  };

  const inputs: LintInput[] = [];
  if (options.stdin) {
    const filePath = options.stdinFilename ? resolve(io.cwd, options.stdinFilename) : join(io.cwd, '<stdin>');
    const raw = io.readStdin();
    const bom = raw.startsWith('\ufeff');
    inputs.push({ filePath, text: bom ? raw.slice(1) : raw, config: resolver.forFile(filePath) });
  } else {
    const collected = collectFiles(options.patterns, io.cwd, {
      ignorePath: options.ignorePath,
      accept: (path, explicit) => {
        const config = resolver.forFile(path);
        return explicit ? !isIgnoredByConfig(config, path) : isSelectedByConfig(config, path);
      },
    });
    collected.errors.forEach(fail);
    collected.warnings.forEach(warn);
    for (const candidate of collected.files) {
      const shown = relative(io.cwd, candidate.path) || candidate.path;
      try {
        const outcome = readSourceFile(candidate.path, options.maxFileSize);
        if ('binary' in outcome) {
          warn(`skipping '${shown}': it is a binary file, not Markdown`);
          continue;
        }
        if ('special' in outcome) {
          warn(`skipping '${shown}': it is ${outcome.special}, not a regular file`);
          continue;
        }
        if ('tooLarge' in outcome) {
          warn(`skipping '${shown}': it is ${megabytes(outcome.tooLarge)}, over the ${megabytes(options.maxFileSize)} limit (--max-file-size)`);
          continue;
        }
        inputs.push({ filePath: candidate.path, text: outcome.file.text, source: outcome.file, config: resolver.forFile(candidate.path) });
      } catch (error) {
        fail(`cannot read '${shown}': ${describeFsError(error)}`);
      }
    }
  }

  const shared: SharedLintOptions = { rules, reportUnusedDirectives: options.reportUnusedDirectives };
  let results: FileResult[];
  if (options.fix || options.fixDryRun) {
    const { fixInputs, writeFixes, diffFixes } = await import('./fix');
    const outcome = fixInputs(inputs, shared);
    results = outcome.results;
    if (options.fix) {
      const { onDisk, allWritten } = writeFixes(inputs, outcome.changes, io.cwd, { warn, fail });
      // A file left unfixed is reported as it is on disk, not as the fix would have made it.
      if (!allWritten) results = lintWithConfig(onDisk, shared);
    } else {
      // A terminal sees the diff escaped; a pipe (e.g. into `git apply`) gets the exact bytes.
      const diff = diffFixes(outcome.changes, io.cwd);
      io.stdout.write(io.stdout.isTTY ? diff.split('\n').map(terminalSafe).join('\n') : diff);
    }
  } else if (options.cache) {
    const { lintCached } = await import('./cache');
    results = lintCached(inputs, shared, resolve(io.cwd, options.cacheLocation ?? '.storylintcache'), VERSION, warn);
  } else {
    const workers = workerCount(inputs, io.env);
    results = workers > 1 ? await lintInParallel(inputs, shared, workers) : lintWithConfig(inputs, shared);
  }

  const shownResults = options.quiet ? results.map((result) => ({ ...result, findings: result.findings.filter((f) => f.severity === 'error') })) : results;
  const formatter = await formatters[options.format]!();
  const report = formatter(shownResults, { cwd: io.cwd, color: useColor(options, io), rules, version: VERSION });
  if (options.outputFile !== undefined) {
    const target = resolve(io.cwd, options.outputFile);
    try {
      if (isStandardOutput(target)) io.stdout.write(report);
      else writeFileAtomic(target, report);
    } catch (error) {
      fail(`cannot write '${options.outputFile}': ${describeFsError(error)}`);
    }
  } else if (!options.fixDryRun) {
    io.stdout.write(report);
  }

  if (failed) return 2;
  return exitCodeFor(shownResults, options, warn);
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

const megabytes = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;

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
