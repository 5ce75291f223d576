import { basename, sep } from 'node:path';
import {
  CONFIG_FILE_NAMES,
  ConfigError,
  ConfigResolver as CoreConfigResolver,
  DEFAULT_SETTINGS,
  isIgnoredByConfig,
  isSelectedByConfig,
  type ResolvedConfig,
} from '../core';
import { nodeConfigHost } from '../host/node-config';
import { rules } from '../rules';

/** Config file globs the server watches; a change to one re-lints the workspace. */
export const CONFIG_FILE_GLOBS = CONFIG_FILE_NAMES.map((name) => `**/${name}`);

export const isConfigFile = (filePath: string): boolean => (CONFIG_FILE_NAMES as readonly string[]).includes(basename(filePath));

/** Rules at their defaults: what a file gets while its config file has an error. */
const FALLBACK: ResolvedConfig = {
  ruleSettings: Object.fromEntries(rules.map((rule) => [rule.name, { severity: rule.severity, options: {} }])),
  settings: DEFAULT_SETTINGS,
  ignores: [],
  sources: [],
};

export interface ConfigOptions {
  roots: readonly string[];
  /** storylint.configFile: one config file for the whole workspace instead of the search. */
  configFile?: string;
  /** Config errors are reported once each (log and message), not on every keystroke. */
  onError: (error: ConfigError) => void;
}

/**
 * The CLI's config resolution (core/config/resolve.ts), one resolver per workspace folder, so the editor
 * and `storylint` agree on every file. A broken config file falls back to the defaults.
 */
export class WorkspaceConfig {
  private readonly resolvers = new Map<string, CoreConfigResolver>();
  private readonly reported = new Set<string>();

  constructor(private readonly options: ConfigOptions) {}

  /** The workspace folder holding a file (the longest match), or the first one. */
  rootOf(filePath: string): string {
    const matching = this.options.roots.filter((root) => filePath === root || filePath.startsWith(root.endsWith(sep) ? root : root + sep));
    return matching.sort((a, b) => b.length - a.length)[0] ?? this.options.roots[0] ?? filePath.slice(0, filePath.lastIndexOf(sep));
  }

  forFile(filePath: string): ResolvedConfig {
    const root = this.rootOf(filePath);
    let resolver = this.resolvers.get(root);
    if (!resolver) {
      resolver = new CoreConfigResolver({ rules, host: nodeConfigHost, workspaceRoot: root, configFile: this.options.configFile, configFileInWorkspace: true });
      this.resolvers.set(root, resolver);
    }
    try {
      return resolver.forFile(filePath);
    } catch (cause) {
      // Whatever went wrong, this file gets the defaults and the next call reads the config again:
      // one failed load must not make every later request fail.
      this.resolvers.delete(root);
      const error = cause instanceof ConfigError ? cause : new ConfigError(filePath, `cannot load the configuration for this file: ${(cause as Error).message}`);
      if (!this.reported.has(error.message)) {
        this.reported.add(error.message);
        this.options.onError(error);
      }
      return FALLBACK;
    }
  }

  /** An open file is linted unless its config ignores it. */
  ignores(filePath: string): boolean {
    return isIgnoredByConfig(this.forFile(filePath), filePath);
  }

  /** A file the background scan lints: it matches the config's `files` and no `ignores`. */
  selects(filePath: string): boolean {
    return isSelectedByConfig(this.forFile(filePath), filePath);
  }
}
