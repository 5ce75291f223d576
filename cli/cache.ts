import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import type { ResolvedConfig } from '../core/config/types';
import { lintWithConfig, type SharedLintOptions } from '../core/engine/configured';
import { ANALYSIS_FORMAT, type FileResult, type ReusedAnalysis, reusableAnalysis } from '../core/engine/lint';
import { writeFileAtomic } from './io';
import type { LintInput } from './run';

interface CacheEntry {
  content: string;
  config: string;
  analysis: ReusedAnalysis;
}

interface CacheFile {
  /** storylint version, analysis format and rule list: a different build invalidates everything. */
  key: string;
  files: Record<string, CacheEntry>;
}

const hash = (text: string) => createHash('sha256').update(text).digest('hex');

const configHashes = new WeakMap<ResolvedConfig, string>();
function configHash(config: ResolvedConfig): string {
  let value = configHashes.get(config);
  if (value === undefined) {
    value = hash(JSON.stringify([config.ruleSettings, config.settings]));
    configHashes.set(config, value);
  }
  return value;
}

function readCache(path: string, key: string, warn: (message: string) => void): CacheFile {
  let text: string;
  try {
    // A device or FIFO as the cache location holds no cache (and reading a FIFO would wait).
    if (!statSync(path).isFile()) return { key, files: {} };
    text = readFileSync(path, 'utf8');
  } catch {
    return { key, files: {} };
  }
  try {
    const data = JSON.parse(text) as CacheFile;
    if (data && data.key === key && typeof data.files === 'object' && data.files !== null) return data;
  } catch {
    warn(`the cache '${path}' is unreadable; rebuilding it`);
  }
  return { key, files: {} };
}

/**
 * Lints with a cache. A file whose text and resolved config are unchanged reuses its stored
 * stories and story-rule findings (no parse, no story rules). Backlog rules and directives always
 * run again over every file's stories, so cross-file findings stay correct when any file changes.
 */
export function lintCached(inputs: readonly LintInput[], shared: SharedLintOptions, path: string, version: string, warn: (message: string) => void): FileResult[] {
  const key = hash(JSON.stringify([version, ANALYSIS_FORMAT, shared.rules.map((rule) => rule.name)]));
  const cache = readCache(path, key, warn);
  const hashes = inputs.map((input) => ({ content: hash(input.text), config: configHash(input.config) }));
  const files = inputs.map((input, index) => {
    const entry = cache.files[input.filePath];
    const fresh = entry && entry.content === hashes[index]!.content && entry.config === hashes[index]!.config;
    return fresh ? { ...input, reuse: entry.analysis } : input;
  });
  const results = lintWithConfig(files, shared);
  results.forEach((result, index) => {
    // A --backlog file is analysed without its story rules: storing that would evict its full analysis.
    if (files[index]!.reuse || inputs[index]!.backlogOnly) return;
    cache.files[result.filePath] = { ...hashes[index]!, analysis: reusableAnalysis(result, shared.rules) };
  });
  try {
    writeFileAtomic(path, JSON.stringify(cache));
  } catch (error) {
    warn(`cannot write the cache '${path}': ${(error as Error).message}`);
  }
  return results;
}
