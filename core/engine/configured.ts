// Linting with per-file configs, which the CLI and the language server share: each file gets its
// own config's rule settings, and backlog rules compare the files whose configs agree.
import type { ResolvedConfig } from '../config/types';
import { type FileResult, lintBacklog, lintFile, type LintOptions, type ReusedAnalysis } from './lint';
import type { AnyRule } from './rule';

export interface ConfiguredFile {
  filePath: string;
  text: string;
  config: ResolvedConfig;
  /** A cached analysis of this exact text and config (skips the parse and the story rules). */
  reuse?: ReusedAnalysis;
}

export type SharedLintOptions = Omit<LintOptions, 'ruleSettings' | 'settings'>;

export const lintOptionsFor = (config: ResolvedConfig, shared: SharedLintOptions): LintOptions => ({
  ...shared,
  ruleSettings: config.ruleSettings,
  settings: config.settings,
});

/**
 * Lints files that may have different configs. Story rules use each file's config. Backlog rules
 * (uniqueness, uniform template) compare the stories of files whose backlog-rule settings and
 * story settings are the same: one backlog per such group.
 */
export function lintWithConfig(files: readonly ConfiguredFile[], shared: SharedLintOptions): FileResult[] {
  const results = files.map((file) => lintFile(file.filePath, file.text, lintOptionsFor(file.config, shared), file.reuse));
  lintBacklogWithConfig(results.map((result, index) => ({ result, config: files[index]!.config })), shared);
  return results;
}

/** The backlog half of lintWithConfig, for callers that keep story results (the language server). */
export function lintBacklogWithConfig(files: readonly { result: FileResult; config: ResolvedConfig }[], shared: SharedLintOptions): void {
  const groups = new Map<string, { config: ResolvedConfig; results: FileResult[] }>();
  for (const { result, config } of files) {
    const key = backlogKey(config, shared.rules);
    const group = groups.get(key) ?? { config, results: [] };
    group.results.push(result);
    groups.set(key, group);
  }
  for (const group of groups.values()) lintBacklog(group.results, lintOptionsFor(group.config, shared));
}

const backlogKeys = new WeakMap<ResolvedConfig, string>();
/** Files whose configs give the same backlog rules and settings are one backlog: they share this key. */
export function backlogKey(config: ResolvedConfig, rules: readonly AnyRule[]): string {
  let key = backlogKeys.get(config);
  if (key === undefined) {
    const backlogRules = rules.filter((rule) => rule.scope === 'backlog').map((rule) => [rule.name, config.ruleSettings[rule.name]]);
    key = JSON.stringify([backlogRules, config.settings]);
    backlogKeys.set(config, key);
  }
  return key;
}
