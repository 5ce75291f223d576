import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { isIgnoredByConfig, isSelectedByConfig } from '../core/config/select';
import type { ResolvedConfig } from '../core/config/types';
import type { ConfiguredFile } from '../core/engine/configured';
import { type ReadOutcome, readSourceFile, type SourceFile } from './io';

/** Never walked into, whatever the ignore files say. */
const ALWAYS_SKIPPED = new Set(['node_modules', '.git']);
const MARKDOWN = /\.(md|markdown)$/i;

export interface Candidate {
  /** Absolute path. */
  path: string;
  /** Named on the command line (linted even when it does not look like Markdown). */
  explicit: boolean;
  /** With every symbolic link resolved: one file reached by two names is one file. */
  realPath: string;
}

export interface Collected {
  files: Candidate[];
  /** Paths that could not be read: "cannot read 'x': reason". Exit code 2. */
  errors: string[];
  /** Notes for stderr that do not change the exit code (e.g. a folder without Markdown). */
  warnings: string[];
}

interface IgnoreScope {
  dir: string;
  rules: Ignore;
}

const toPosix = (path: string) => path.split(sep).join('/');

/** Human words for the errno codes a user can meet. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const reasons: Record<string, string> = {
    ENOENT: 'no such file or directory',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EISDIR: 'is a directory',
    ENOTDIR: 'not a directory',
    ELOOP: 'too many symbolic links',
    EROFS: 'read-only file system',
  };
  return (code && reasons[code]) ?? (error as Error).message;
}

/** How collectFiles selects: the config decides (`accept`), plus the command line's ignore file and unmatched-pattern policy. */
export interface CollectOptions {
  ignorePath?: string;
  /** A folder or glob that matches no file: an error (the CLI's default, as ESLint), a warning (the library's), or skipped silently. */
  unmatched: UnmatchedPolicy;
  accept: (path: string, explicit: boolean) => boolean;
}

export type UnmatchedPolicy = 'error' | 'warn' | 'ignore';

/**
 * Expands the command-line paths: files as given, directories walked for Markdown (honouring
 * .gitignore files and `--ignore-path`), globs matched from their base directory. Patterns starting
 * with `!` exclude what they match (relative to the cwd) from the others, as in markdownlint-cli2.
 * `accept(path, explicit)` lets the config's `files` and `ignores` decide.
 */
export function collectFiles(patterns: readonly string[], cwd: string, options: CollectOptions): Collected {
  const collected: Collected = { files: [], errors: [], warnings: [] };
  const seen = new Set<string>();
  const extra = options.ignorePath ? loadIgnoreFile(resolve(cwd, options.ignorePath), collected) : undefined;
  const negated = negationMatcher(patterns, cwd);
  const skipped = (path: string, isDir: boolean): boolean => {
    const rel = toPosix(relative(cwd, path));
    if (rel === '' || rel.startsWith('../')) return false;
    return negated(rel) || (extra !== undefined && extra.ignores(isDir ? `${rel}/` : rel));
  };
  // A file reached twice (through a link, or named twice) is linted once: its stories are not duplicates.
  const add = (path: string, explicit: boolean, real = realPathOf(path)): boolean => {
    if (skipped(path, false) || !options.accept(path, explicit)) return false;
    if (seen.has(real)) return true;
    seen.add(real);
    collected.files.push({ path, explicit, realPath: real });
    return true;
  };
  const positive = patterns.filter((pattern) => !pattern.startsWith('!'));
  for (const pattern of positive.length > 0 ? positive : ['.']) {
    const matched = expandPattern(pattern, cwd, add, skipped, collected);
    if (matched !== false || options.unmatched === 'ignore') continue;
    const what = picomatch.scan(pattern).isGlob ? `no files match the pattern '${pattern}'` : `no Markdown files found in '${pattern}'`;
    if (options.unmatched === 'warn') collected.warnings.push(what);
    else collected.errors.push(`${what}; check the pattern, or pass --no-error-on-unmatched-pattern to allow it`);
  }
  return collected;
}

/**
 * Adds the files one pattern names; false when a folder or glob matched none (undefined for a file
 * named as such, which is reported when it cannot be read and skipped silently when ignored).
 */
function expandPattern(
  pattern: string,
  cwd: string,
  add: (path: string, explicit: boolean, real?: string) => boolean,
  skipped: (path: string, isDir: boolean) => boolean,
  collected: Collected,
): boolean | undefined {
  let matched = false;
  const scanned = picomatch.scan(pattern);
  // A name that exists is that file or folder, glob characters or not (`notes (draft).md`, `sprint [2].md`).
  if (scanned.isGlob && !existsSync(resolve(cwd, pattern))) {
    const base = resolve(cwd, scanned.base || '.');
    // A glob under a folder that does not exist matches nothing, like any other glob.
    if (!existsSync(base)) return false;
    const isMatch = picomatch(toPosix(relative(cwd, resolve(cwd, pattern))), { dot: false });
    const visit = (file: string, real: string): void => {
      if (isMatch(toPosix(relative(cwd, file))) && add(file, false, real)) matched = true;
    };
    walk(base, cwd, ancestorScopes(base), visit, skipped, collected);
    return matched;
  }
  const path = resolve(cwd, pattern);
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch (error) {
    collected.errors.push(`cannot read '${pattern}': ${describeFsError(error)}`);
    return undefined;
  }
  if (!isDirectory) {
    add(path, true);
    return undefined;
  }
  const visit = (file: string, real: string): void => {
    if (MARKDOWN.test(file) && add(file, false, real)) matched = true;
  };
  walk(path, cwd, ancestorScopes(path), visit, skipped, collected);
  return matched;
}

/**
 * Whether a cwd-relative path is excluded by a `!pattern`. A negated path without glob characters
 * excludes that file or folder and everything below it.
 */
function negationMatcher(patterns: readonly string[], cwd: string): (rel: string) => boolean {
  const globs = patterns
    .filter((pattern) => pattern.startsWith('!') && pattern.length > 1)
    .flatMap((pattern) => {
      const rel = toPosix(relative(cwd, resolve(cwd, pattern.slice(1))));
      // `!.` excludes the whole cwd (picomatch takes no empty pattern).
      if (rel === '') return ['**'];
      return picomatch.scan(pattern.slice(1)).isGlob ? [rel] : [rel, `${rel}/**`];
    });
  return globs.length === 0 ? () => false : picomatch(globs, { dot: true });
}

function realPathOf(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    // A dangling link: reading it reports the error.
    return path;
  }
}

/** .gitignore files above a walk's start, up to the repository root (the folder holding .git). */
function ancestorScopes(start: string): IgnoreScope[] {
  // At the repository root the walk itself reads the root .gitignore.
  if (existsSync(join(start, '.git'))) return [];
  const scopes: IgnoreScope[] = [];
  for (let dir = dirname(start); ; dir = dirname(dir)) {
    const scope = readGitignore(dir);
    if (scope) scopes.unshift(scope);
    if (existsSync(join(dir, '.git'))) return scopes;
    // Outside a repository no ignore file from above applies.
    if (dirname(dir) === dir) return [];
  }
}

function readGitignore(dir: string): IgnoreScope | undefined {
  let text: string;
  try {
    text = readFileSync(join(dir, '.gitignore'), 'utf8');
  } catch {
    return undefined;
  }
  return { dir, rules: ignore().add(text) };
}

function loadIgnoreFile(path: string, collected: Collected): Ignore | undefined {
  try {
    return ignore().add(readFileSync(path, 'utf8'));
  } catch (error) {
    collected.errors.push(`cannot read '${path}': ${describeFsError(error)}`);
    return undefined;
  }
}

function isIgnored(scopes: readonly IgnoreScope[], path: string, isDir: boolean): boolean {
  for (const scope of scopes) {
    const rel = toPosix(relative(scope.dir, path));
    if (rel === '' || rel.startsWith('../')) continue;
    if (scope.rules.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

/** Depth-first, sorted, so output order is stable. Symbolic links to folders are not walked into (no cycles). */
function walk(
  dir: string,
  cwd: string,
  parentScopes: readonly IgnoreScope[],
  visit: (path: string, realPath: string) => void,
  skipped: (path: string, isDir: boolean) => boolean,
  collected: Collected,
): void {
  const own = readGitignore(dir);
  const scopes = own ? [...parentScopes, own] : parentScopes;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (error) {
    collected.errors.push(`cannot read '${relative(cwd, dir) || '.'}': ${describeFsError(error)}`);
    return;
  }
  // One realpath per folder: below it only a link can lead elsewhere.
  const realDir = realPathOf(dir);
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (ALWAYS_SKIPPED.has(entry.name) || isIgnored(scopes, path, true) || skipped(path, true)) continue;
      walk(path, cwd, scopes, visit, skipped, collected);
    } else {
      // Links, FIFOs and devices too: reading skips what is not a regular file, with a warning.
      if (isIgnored(scopes, path, false)) continue;
      visit(path, entry.isSymbolicLink() ? realPathOf(path) : join(realDir, entry.name));
    }
  }
}

/** A file ready to lint: its source and its config. */
export interface LintInput extends ConfiguredFile {
  source?: SourceFile;
  /** The path with links resolved, to tell one file named twice. */
  realPath?: string;
  /** Read with --backlog only: its stories take part in the backlog rules, its findings are not reported or fixed. */
  backlogOnly?: true;
}

/** How the selected files are read (the CLI's flags, the library's options). */
export interface ReadSelectedOptions extends Omit<CollectOptions, 'accept'> {
  maxFileSize: number;
  /** How the size limit is named in the warning that skips a larger file (`--max-file-size`, `maxFileSize`). */
  maxFileSizeName: string;
  configFor(filePath: string): ResolvedConfig;
}

/**
 * The files the patterns select (their config's `files` and `ignores` decide), read. A file skipped
 * (binary, not regular, too large) is warned about; a path not read is a failure (the CLI exits 2).
 */
export function readSelectedFiles(patterns: readonly string[], cwd: string, options: ReadSelectedOptions, log: { warn(message: string): void; fail(message: string): void }): LintInput[] {
  const collected = collectFiles(patterns, cwd, {
    ...options,
    accept: (path, explicit) => {
      const config = options.configFor(path);
      return explicit ? !isIgnoredByConfig(config, path) : isSelectedByConfig(config, path);
    },
  });
  collected.errors.forEach((message) => log.fail(message));
  collected.warnings.forEach((message) => log.warn(message));
  return collected.files.flatMap((candidate) => {
    const input = readInput(candidate.path, cwd, options, log);
    return input ? [{ ...input, realPath: candidate.realPath }] : [];
  });
}

/** One file to lint; undefined for one skipped (a warning) or not read (a failure). */
function readInput(path: string, cwd: string, options: ReadSelectedOptions, log: { warn(message: string): void; fail(message: string): void }): LintInput | undefined {
  const shown = relative(cwd, path) || path;
  let outcome: ReadOutcome;
  try {
    outcome = readSourceFile(path, options.maxFileSize);
  } catch (error) {
    log.fail(`cannot read '${shown}': ${describeFsError(error)}`);
    return undefined;
  }
  if ('file' in outcome) return { filePath: path, text: outcome.file.text, source: outcome.file, config: options.configFor(path) };
  const kind =
    'binary' in outcome
      ? 'a binary file, not Markdown'
      : 'special' in outcome
        ? `${outcome.special}, not a regular file`
        : `${megabytes(outcome.tooLarge)}, over the ${megabytes(options.maxFileSize)} limit (${options.maxFileSizeName})`;
  log.warn(`skipping '${shown}': it is ${kind}`);
  return undefined;
}

const megabytes = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
