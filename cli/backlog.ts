// --backlog: files read as the rest of the backlog. A pre-commit hook lints the staged files; the
// backlog rules (unique ids, duplicates, uniform template) must still compare them with the
// committed stories, yet only the staged files' findings are reported.
import type { ResolvedConfig } from '../core/config/types';
import type { FileResult } from '../core/engine/lint';
import type { AnyRule } from '../core/engine/rule';
import type { LintInput } from './run';

const storyRulesOff = new WeakMap<ResolvedConfig, ResolvedConfig>();

/**
 * The config a backlog-only file is linted with: its story rules off (their findings would not be
 * reported, and they are most of the cost); its backlog rules and settings as they are, so it joins
 * the same backlog group as the linted files (the group key reads only those). One object per
 * config, so files that shared a config still share one.
 */
export function backlogOnlyConfig(config: ResolvedConfig, rules: readonly AnyRule[]): ResolvedConfig {
  let derived = storyRulesOff.get(config);
  if (!derived) {
    const ruleSettings = { ...config.ruleSettings };
    for (const rule of rules) if (rule.scope === 'story') ruleSettings[rule.name] = { ...ruleSettings[rule.name]!, severity: 'off' };
    derived = { ...config, ruleSettings };
    storyRulesOff.set(config, derived);
  }
  return derived;
}

/** The backlog files that are not also linted (a file named both ways counts once, as linted). */
export function backlogOnly(backlog: readonly LintInput[], linted: readonly LintInput[]): LintInput[] {
  const named = new Set(linted.flatMap((input) => [input.filePath, input.realPath ?? input.filePath]));
  return backlog.filter((input) => !named.has(input.filePath) && !named.has(input.realPath ?? input.filePath));
}

/** The results of the linted files only: a backlog-only file's findings are never reported. */
export function reportedResults(results: readonly FileResult[], inputs: readonly LintInput[]): FileResult[] {
  const hidden = new Set(inputs.flatMap((input) => (input.backlogOnly ? [input.filePath] : [])));
  return hidden.size === 0 ? [...results] : results.filter((result) => !hidden.has(result.filePath));
}
