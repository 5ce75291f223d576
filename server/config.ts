import { basename, dirname, isAbsolute, sep } from 'node:path';
import {
  CONFIG_FILE_NAMES,
  ConfigError,
  type ConfigHost,
  ConfigResolver as CoreConfigResolver,
  DEFAULT_SETTINGS,
  isIgnoredByConfig,
  isSelectedByConfig,
  type ResolvedConfig,
} from '../core';
import { rules } from '../rules';

/** Config file globs the server watches; a change to one re-lints the workspace. */
export const CONFIG_FILE_GLOBS = CONFIG_FILE_NAMES.map((name) => `**/${name}`);

export const isConfigFile = (filePath: string): boolean => (CONFIG_FILE_NAMES as readonly string[]).includes(basename(filePath));

/** Rules at their defaults: what a file gets while its config has an error and never had a valid state. */
const FALLBACK: ResolvedConfig = {
  ruleSettings: Object.fromEntries(rules.map((rule) => [rule.name, { severity: rule.severity, options: {} }])),
  settings: DEFAULT_SETTINGS,
  ignores: [],
  sources: [],
};

/**
 * The last configuration that resolved for each directory. It outlives reloads, so that a typo in a
 * config file keeps the rules the team chose instead of switching every rule back to its default.
 */
export class LastValidConfigs {
  // By file first: with `overrides`, files of one folder can have different configs.
  private readonly byFile = new Map<string, ResolvedConfig>();
  private readonly byDir = new Map<string, ResolvedConfig>();
  private configFile = '';

  /** storylint.configFile names the config to use: configs remembered under another one no longer apply. */
  use(configFile: string | undefined): void {
    if ((configFile ?? '') !== this.configFile) {
      this.byFile.clear();
      this.byDir.clear();
    }
    this.configFile = configFile ?? '';
  }

  remember(filePath: string, config: ResolvedConfig): void {
    this.byFile.set(filePath, config);
    this.byDir.set(dirname(filePath), config);
  }

  /** The file's last valid config; for a file not seen yet, the last of its folder or the nearest folder above it up to `root`. */
  find(filePath: string, root: string): ResolvedConfig | undefined {
    const own = this.byFile.get(filePath);
    if (own) return own;
    for (let current = dirname(filePath); ; current = dirname(current)) {
      const config = this.byDir.get(current);
      if (config || current === root || dirname(current) === current || !current.startsWith(root)) return config;
    }
  }
}

/** A config problem as the server reports it: which configuration the folder uses meanwhile. */
export interface ConfigProblemReport {
  error: ConfigError;
  /** The workspace folder of the files it affects. */
  root: string;
  using: 'last-valid' | 'defaults';
  /**
   * The config file is empty: being written (an editor creates a file, then fills it; "Turn off …"
   * on a new config does), so not an error to show until it has content.
   */
  settling: boolean;
}

export interface ConfigOptions {
  roots: readonly string[];
  /** Where config files are read (the disk, or what the web host fetched). */
  host: ConfigHost;
  /** storylint.configFile: one config file for the whole workspace instead of the search. */
  configFile?: string;
  /** Shared by the sessions of one server: what a folder falls back to on an invalid config (default: this config's own). */
  lastValid?: LastValidConfigs;
  /** Each problem is reported once per session, not on every keystroke. */
  onError: (report: ConfigProblemReport) => void;
}

/** An empty config file on disk: one being written, not (yet) a broken one. */
function isEmptyFile(host: ConfigHost, path: string): boolean {
  if (!isAbsolute(path) || !isConfigFile(path)) return false;
  try {
    return host.readFile(path)?.trim() === '';
  } catch {
    return false;
  }
}

/**
 * The CLI's config resolution (core/config/resolve.ts), one resolver per workspace folder, so the editor
 * and `storylint` agree on every file. A broken config file falls back to the folder's last valid
 * configuration, or to the defaults when it never had one.
 */
export class WorkspaceConfig {
  private readonly resolvers = new Map<string, CoreConfigResolver>();
  private readonly reported = new Set<string>();
  private readonly lastValid: LastValidConfigs;

  constructor(private readonly options: ConfigOptions) {
    this.lastValid = options.lastValid ?? new LastValidConfigs();
    this.lastValid.use(options.configFile);
  }

  /** The workspace folder holding a file (the longest match), or the first one. */
  rootOf(filePath: string): string {
    const matching = this.options.roots.filter((root) => filePath === root || filePath.startsWith(root.endsWith(sep) ? root : root + sep));
    return matching.sort((a, b) => b.length - a.length)[0] ?? this.options.roots[0] ?? dirname(filePath);
  }

  forFile(filePath: string): ResolvedConfig {
    const root = this.rootOf(filePath);
    let resolver = this.resolvers.get(root);
    if (!resolver) {
      resolver = new CoreConfigResolver({ rules, host: this.options.host, workspaceRoot: root, configFile: this.options.configFile, configFileInWorkspace: true });
      this.resolvers.set(root, resolver);
    }
    try {
      const config = resolver.forFile(filePath);
      this.lastValid.remember(filePath, config);
      return config;
    } catch (cause) {
      // Whatever went wrong, this file gets the last valid config and the next call reads the config
      // again: one failed load must not make every later request fail.
      this.resolvers.delete(root);
      const error = cause instanceof ConfigError ? cause : new ConfigError(filePath, `cannot load the configuration for this file: ${(cause as Error).message}`);
      const last = this.lastValid.find(filePath, root);
      if (!this.reported.has(error.message)) {
        this.reported.add(error.message);
        this.options.onError({ error, root, using: last ? 'last-valid' : 'defaults', settling: isEmptyFile(this.options.host, error.file) });
      }
      return last ?? FALLBACK;
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
