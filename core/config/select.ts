// Which files a config selects: the default patterns and ignores, and a config's `files` and `ignores`.
import { relative, resolve } from 'node:path';
import picomatch from 'picomatch';
import type { Settings } from '../story/settings';
import type { GlobSet, ResolvedConfig } from './types';

/** Default files a directory walk lints. */
export const DEFAULT_FILE_PATTERNS = ['**/*.md', '**/*.markdown'];

/**
 * Well-known files that are never a backlog (release notes, licences, community files, issue and
 * pull request templates, which are placeholders by design): a directory walk skips them unless a
 * config says where stories live with `files`. Matched at any depth. A file named on the command
 * line or open in the editor is still linted; `ignores` is what silences those.
 */
export const DEFAULT_IGNORE_PATTERNS = [
  '**/CHANGELOG*',
  '**/{Changelog,changelog,CHANGES}.{md,markdown}',
  '**/HISTORY*',
  '**/History.{md,markdown}',
  '**/CODE_OF_CONDUCT*',
  '**/LICENSE*',
  '**/SECURITY*',
  '**/CONTRIBUTING*',
  '**/.github/ISSUE_TEMPLATE/**',
  '**/{ISSUE_TEMPLATE,issue_template}.md',
  '**/PULL_REQUEST_TEMPLATE*',
  '**/PULL_REQUEST_TEMPLATE/**',
  '**/pull_request_template.md',
];

const MARKDOWN_FILE = /\.(md|markdown)$/i;
/** Compiled on first use: a run that names its files never needs it. */
let isDefaultIgnore: picomatch.Matcher | undefined;

/** true when the file is one of DEFAULT_IGNORE_PATTERNS (by its absolute path). */
export function isIgnoredByDefault(filePath: string): boolean {
  isDefaultIgnore ??= picomatch(DEFAULT_IGNORE_PATTERNS, { dot: true });
  return isDefaultIgnore(resolve(filePath).split('\\').join('/'));
}

const matcherCache = new Map<string, (path: string) => boolean>();

/**
 * true when the file (absolute) matches one of the globs, relative to their base folder; files
 * outside it never match. `basename`: a glob without a slash matches the file name at any depth.
 */
export function matchesGlobs(set: GlobSet, filePath: string, options: { basename?: boolean } = {}): boolean {
  const rel = relative(set.base, filePath).split('\\').join('/');
  if (rel.startsWith('../') || rel === '..') return false;
  if (!options.basename) return matcherOf(set.patterns)(rel);
  // picomatch's own `basename` option stops globs with a slash from matching at all: split them.
  const byName = set.patterns.filter((pattern) => !pattern.includes('/'));
  const byPath = set.patterns.filter((pattern) => pattern.includes('/'));
  return (byPath.length > 0 && matcherOf(byPath)(rel)) || (byName.length > 0 && matcherOf(byName)(rel.slice(rel.lastIndexOf('/') + 1)));
}

function matcherOf(patterns: readonly string[]): (path: string) => boolean {
  const key = patterns.join('\0');
  let matcher = matcherCache.get(key);
  if (!matcher) {
    matcher = picomatch([...patterns], { dot: true });
    matcherCache.set(key, matcher);
  }
  return matcher;
}

/** true when a config's `ignores` cover the file. */
export function isIgnoredByConfig(config: ResolvedConfig, filePath: string): boolean {
  return config.ignores.some((set) => matchesGlobs(set, filePath));
}

/**
 * true when a directory walk should lint the file: it matches `files` and no `ignores`. Without
 * `files`, every Markdown file but the well-known non-backlogs (DEFAULT_IGNORE_PATTERNS) matches.
 */
export function isSelectedByConfig(config: ResolvedConfig, filePath: string): boolean {
  if (isIgnoredByConfig(config, filePath)) return false;
  return config.files ? matchesGlobs(config.files, filePath) : MARKDOWN_FILE.test(filePath) && !isIgnoredByDefault(filePath);
}

/**
 * true when the file declares product outcomes: it matches the `outcomes` globs, relative to the
 * folder of the config that set them; the defaults ("**\/outcomes.md") match at any depth.
 */
export function isOutcomesFile(settings: Pick<Settings, 'outcomes' | 'outcomesBase'>, filePath: string): boolean {
  if (settings.outcomes.length === 0) return false;
  if (settings.outcomesBase) return matchesGlobs({ base: settings.outcomesBase, patterns: [...settings.outcomes] }, filePath, { basename: true });
  const path = filePath.split('\\').join('/').replace(/^(?:[A-Za-z]:)?\/+/, '');
  return matcherOf(settings.outcomes)(path) || matcherOf(settings.outcomes)(path.slice(path.lastIndexOf('/') + 1));
}
