import type { FindingSeverity } from '../core/engine/rule';

/** A mistake in how storylint was called: printed without a stack, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface CliOptions {
  patterns: string[];
  format: string;
  maxWarnings?: number;
  quiet: boolean;
  rules: string[];
  config?: string;
  noConfig: boolean;
  ignorePath?: string;
  color?: boolean;
  outputFile?: string;
  stdin: boolean;
  stdinFilename?: string;
  cache: boolean;
  cacheLocation?: string;
  fix: boolean;
  fixDryRun: boolean;
  printConfig?: string;
  init: boolean;
  reportUnusedDirectives?: FindingSeverity;
  /** --baseline-file: report only findings not recorded in it. */
  baselineFile?: string;
  /** --write-baseline: record today's findings in the baseline file. */
  writeBaseline: boolean;
  /** --backlog: files read as the rest of the backlog; findings are reported for the arguments only. */
  backlog: string[];
  /** false with --no-error-on-unmatched-pattern: a pattern that matches nothing is skipped silently. */
  errorOnUnmatchedPattern: boolean;
  /** Files larger than this many bytes are skipped with a warning. */
  maxFileSize: number;
  help: boolean;
  version: boolean;
}

type Flag =
  | { kind: 'boolean'; apply: (options: CliOptions) => void }
  | { kind: 'value'; name: string; apply: (options: CliOptions, value: string) => void }
  | { kind: 'optional'; apply: (options: CliOptions, value: string | undefined) => void };

const SEVERITY_ARGUMENTS: readonly FindingSeverity[] = ['error', 'warning', 'info'];

function parseCount(flag: string, value: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} expects a whole number, got "${value}"`);
  return Number(value);
}

const FLAGS: Record<string, Flag> = {
  '--format': { kind: 'value', name: 'name', apply: (o, v) => (o.format = v) },
  '--max-warnings': { kind: 'value', name: 'count', apply: (o, v) => (o.maxWarnings = parseCount('--max-warnings', v)) },
  '--quiet': { kind: 'boolean', apply: (o) => (o.quiet = true) },
  '--rule': { kind: 'value', name: 'name:severity', apply: (o, v) => o.rules.push(v) },
  '--config': { kind: 'value', name: 'path', apply: (o, v) => (o.config = v) },
  '--no-config': { kind: 'boolean', apply: (o) => (o.noConfig = true) },
  '--ignore-path': { kind: 'value', name: 'path', apply: (o, v) => (o.ignorePath = v) },
  '--color': { kind: 'boolean', apply: (o) => (o.color = true) },
  '--no-color': { kind: 'boolean', apply: (o) => (o.color = false) },
  '--output-file': { kind: 'value', name: 'path', apply: (o, v) => (o.outputFile = v) },
  '--stdin': { kind: 'boolean', apply: (o) => (o.stdin = true) },
  '--stdin-filename': { kind: 'value', name: 'path', apply: (o, v) => (o.stdinFilename = v) },
  '--cache': { kind: 'boolean', apply: (o) => (o.cache = true) },
  '--cache-location': { kind: 'value', name: 'path', apply: (o, v) => (o.cacheLocation = v) },
  '--fix': { kind: 'boolean', apply: (o) => (o.fix = true) },
  '--fix-dry-run': { kind: 'boolean', apply: (o) => (o.fixDryRun = true) },
  '--print-config': { kind: 'value', name: 'file', apply: (o, v) => (o.printConfig = v) },
  '--init': { kind: 'boolean', apply: (o) => (o.init = true) },
  '--baseline-file': { kind: 'value', name: 'path', apply: (o, v) => (o.baselineFile = v) },
  '--write-baseline': { kind: 'boolean', apply: (o) => (o.writeBaseline = true) },
  '--backlog': { kind: 'value', name: 'path-or-glob', apply: (o, v) => o.backlog.push(v) },
  '--no-error-on-unmatched-pattern': { kind: 'boolean', apply: (o) => (o.errorOnUnmatchedPattern = false) },
  '--max-file-size': { kind: 'value', name: 'size', apply: (o, v) => (o.maxFileSize = parseSize('--max-file-size', v)) },
  '--report-unused-disable-directives': {
    kind: 'optional',
    apply: (o, v) => {
      const severity = (v ?? 'warning') as FindingSeverity;
      if (!SEVERITY_ARGUMENTS.includes(severity)) {
        throw new UsageError(`--report-unused-disable-directives accepts ${SEVERITY_ARGUMENTS.join(', ')}, got "${v}"`);
      }
      o.reportUnusedDirectives = severity;
    },
  },
  '--help': { kind: 'boolean', apply: (o) => (o.help = true) },
  '--version': { kind: 'boolean', apply: (o) => (o.version = true) },
};

const ALIASES: Record<string, string> = { '-f': '--format', '-c': '--config', '-o': '--output-file', '-h': '--help', '-v': '--version' };

/** Parses argv (without node and the script). `--flag value` and `--flag=value` both work. */
export function parseArgs(argv: readonly string[]): CliOptions {
  const options: CliOptions = { patterns: [], format: 'stylish', quiet: false, rules: [], noConfig: false, stdin: false, cache: false, fix: false, fixDryRun: false, init: false, writeBaseline: false, backlog: [], errorOnUnmatchedPattern: true, maxFileSize: DEFAULT_MAX_FILE_SIZE, help: false, version: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      // After `--` every argument is a path (hooks pass staged file names there): `!draft.md` names a file, not an exclusion.
      options.patterns.push(...argv.slice(i + 1).map((path) => (path.startsWith('!') ? `./${path}` : path)));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      options.patterns.push(arg);
      continue;
    }
    const equals = arg.indexOf('=');
    const name = ALIASES[arg] ?? (equals === -1 ? arg : arg.slice(0, equals));
    const inline = equals === -1 || ALIASES[arg] ? undefined : arg.slice(equals + 1);
    const flag = FLAGS[name];
    if (!flag) throw new UsageError(`unknown option '${arg}'${closestFlag(name)}; run storylint --help for the list`);
    if (flag.kind === 'boolean') {
      if (inline !== undefined) throw new UsageError(`${name} does not take a value`);
      flag.apply(options);
    } else if (flag.kind === 'optional') {
      flag.apply(options, inline);
    } else {
      const value = inline ?? argv[++i];
      if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new UsageError(`${name} needs a value (${name} <${flag.name}>)`);
      flag.apply(options, value);
    }
  }
  if (options.fix && options.fixDryRun) throw new UsageError('use either --fix or --fix-dry-run, not both');
  if (options.stdin && options.fix) throw new UsageError('--fix cannot write to piped-in text; use --fix-dry-run to see the changes');
  if (options.stdin && options.patterns.length > 0) throw new UsageError('--stdin lints the piped-in text only; remove the file arguments');
  if (options.stdinFilename !== undefined && !options.stdin) throw new UsageError('--stdin-filename needs --stdin');
  if (options.config !== undefined && options.noConfig) throw new UsageError('use either --config or --no-config, not both');
  if (options.writeBaseline && options.stdin) throw new UsageError('--write-baseline records files on disk; remove --stdin');
  if (options.writeBaseline && options.fixDryRun) throw new UsageError('--write-baseline writes a file while --fix-dry-run writes nothing: use one of them');
  return options;
}

/** 10 MB: far above any story file; the performance suite lints 5 MB. */
export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;
const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, kb: 1024, mb: 1024 * 1024, gb: 1024 * 1024 * 1024 };

/** "5000", "500KB", "10MB" (1 KB = 1024 bytes) to a byte count. */
function parseSize(flag: string, value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(value.trim());
  const unit = match ? SIZE_UNITS[match[2]!.toLowerCase()] : undefined;
  if (!match || unit === undefined || Number(match[1]) <= 0) throw new UsageError(`${flag} expects a size like 500KB or 10MB, got "${value}"`);
  return Math.floor(Number(match[1]) * unit);
}

function closestFlag(name: string): string {
  const stem = name.replace(/^-+/, '');
  const close = Object.keys(FLAGS).find((flag) => stem.length > 2 && (flag.includes(stem) || flag.slice(2).startsWith(stem.slice(0, 4))));
  return close ? ` (did you mean ${close}?)` : '';
}

export const HELP = `Usage: storylint [options] [files, directories or globs...]

Lints user stories in Markdown. With no paths, lints the current directory.

Output:
  -f, --format <name>                 stylish (default), compact, json, eslint, sarif, github, gitlab, junit, html, summary
  -o, --output-file <path>            write the report to a file instead of stdout
  --quiet                             report errors only (warnings and infos neither shown nor counted)
  --max-warnings <count>              exit 1 when there are more warnings than this
  --color, --no-color                 force or turn off colours (default: on for a terminal; FORCE_COLOR, NO_COLOR)

Configuration:
  -c, --config <path>                 use this config file instead of searching for .storylintrc*
  --no-config                         ignore config files: rule defaults (and --rule) only
  --rule <name:severity>              set a rule's severity, e.g. --rule story-size:off (repeatable)
  --ignore-path <path>                also skip files matching the patterns in this file (gitignore syntax)
  --print-config <file>               print the configuration that applies to a file, and where it came from
  --init                              write a commented .storylintrc.jsonc starter in the current directory

Input:
  --stdin                             lint text piped to stdin
  --stdin-filename <path>             the path the piped text is linted as (config, messages)
  --max-file-size <size>              skip larger files with a warning, e.g. 500KB (default 10MB)

Adopting on an existing backlog:
  --baseline-file <path>              report only findings not recorded in this baseline file
  --write-baseline                    record today's findings in the baseline (default .storylint-baseline.json); exit 0
  --backlog <path-or-glob>            read these files as the rest of the backlog: backlog rules (unique ids, duplicates)
                                      see their stories, findings are reported for the named files only (repeatable)
  --no-error-on-unmatched-pattern     skip a folder or glob that matches no file instead of exiting 2
  Patterns starting with ! exclude, e.g. storylint 'backlog/**' '!backlog/archive/**'

Fixing:
  --fix                               apply fixes and write the files; report what remains
  --fix-dry-run                       print the fixes as a unified diff; write nothing

Caching:
  --cache                             only re-lint files whose content or config changed
  --cache-location <path>             cache file (default .storylintcache)

Directives:
  --report-unused-disable-directives[=severity]
                                      report storylint-disable comments that silence nothing (default warning)

  -h, --help                          show this help
  -v, --version                       print the version

Exit codes: 0 no errors (warnings within --max-warnings), 1 errors or too many warnings, 2 usage, config or file error.
Docs: https://github.com/storylint/storylint/blob/main/docs/cli.md
`;
