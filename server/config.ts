import { DEFAULT_SETTINGS, type RuleSetting, type Settings } from '../core';

/**
 * What the server needs to know about a file's configuration. The seam is kept this small on
 * purpose: it is filled from the shared config loader in core/ (the same resolution as the CLI).
 */
export interface FileConfig {
  ruleSettings: Readonly<Record<string, RuleSetting>>;
  settings: Settings;
  /** The config file that applies, when there is one (where "Turn off rule" edits go). */
  configPath?: string;
  /** Files the config excludes from linting. */
  ignored: boolean;
}

/** Config file names the server watches; a change to one re-lints the workspace. */
export const CONFIG_FILE_GLOBS = ['**/.storylintrc', '**/.storylintrc.*', '**/package.json'];

export function isConfigFile(filePath: string): boolean {
  const name = filePath.slice(Math.max(filePath.lastIndexOf('/'), filePath.lastIndexOf('\\')) + 1);
  return name === 'package.json' || name === '.storylintrc' || name.startsWith('.storylintrc.');
}

export interface ConfigOptions {
  /** storylint.configFile: an explicit config file that replaces the search. */
  configFile?: string;
  roots: readonly string[];
}

/** Resolves the configuration of each file, cached until a config file changes. */
export class ConfigResolver {
  private readonly cache = new Map<string, FileConfig>();

  constructor(private readonly options: ConfigOptions) {}

  forFile(filePath: string): FileConfig {
    let config = this.cache.get(filePath);
    if (!config) {
      config = { ruleSettings: {}, settings: DEFAULT_SETTINGS, ignored: false };
      this.cache.set(filePath, config);
    }
    return config;
  }

  /** Backlog rules compare stories across files; they run with the first workspace folder's config. */
  forBacklog(): FileConfig {
    return this.forFile(`${this.options.roots[0] ?? '.'}/.storylint-backlog`);
  }

  /** Forgets resolved configs after a config file changed. */
  clear(): void {
    this.cache.clear();
  }

  /** Problems reading config files (shown once in the log). */
  readonly errors: string[] = [];
}
