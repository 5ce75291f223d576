// Resolution: the config layers that apply to a file (config files found walking up, what they
// extend, presets, command-line overrides) merged into one ResolvedConfig.
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { RuleSetting } from '../engine/lint';
import { type AnyRule, defaultOptions, type FindingSeverity } from '../engine/rule';
import { DEFAULT_SETTINGS, type Settings } from '../story/settings';
import { CONFIG_FILE_NAMES, ConfigError, packageJsonConfig, parseConfigText } from './load';
import { DEFAULT_FILE_PATTERNS, DEFAULT_IGNORE_PATTERNS, matchesGlobs } from './select';
import { type ConfigHost, type GlobSet, type ListEdit, type OverridableKey, type ResolvedConfig, type RuleEntry, SECTION_KINDS, type StorylintConfig } from './types';
import { validateConfig } from './validate';

/** Built-in presets for `extends`: each turns every rule into a severity derived from its default. */
export const PRESETS: Readonly<Record<string, (rule: AnyRule) => FindingSeverity>> = {
  /** Every rule at its default severity (what you get with no config). */
  'storylint:recommended': (rule) => rule.severity,
  /** Warnings become errors; infos stay infos. */
  'storylint:strict': (rule) => (rule.severity === 'warning' ? 'error' : rule.severity),
  /** Every rule on and counted: infos become warnings, the rest keep their default. */
  'storylint:all': (rule) => (rule.severity === 'info' ? 'warning' : rule.severity),
};

// Merging: farthest config first, each file's `extends` before its own keys, CLI overrides last.

/** A config layer ready to merge: validated data and the directory its globs are relative to. */
interface Layer {
  config: StorylintConfig;
  dir: string;
  path: string;
}

/** Everything resolution needs besides the file being linted. */
export interface ResolveOptions {
  rules: readonly AnyRule[];
  host: ConfigHost;
  /** `extends` may reach outside a config's folder only into this tree (the CLI's cwd, the editor workspace). */
  workspaceRoot: string;
  /** An explicit config file that replaces the search (`--config`). */
  configFile?: string;
  /** The editor's storylint.configFile: a workspace setting may name a file in the workspace only, not any file on the machine. */
  configFileInWorkspace?: boolean;
  /** false = ignore config files (`--no-config`). */
  useConfigFiles?: boolean;
  /** Applied after every file, e.g. `--rule` flags. */
  overrides?: StorylintConfig;
}

/** Resolves and caches configs by directory; one per CLI run or per server workspace. */
export class ConfigResolver {
  private readonly loaded = new Map<string, Layer[]>();
  private readonly nearest = new Map<string, Layer | null>();
  private readonly layersOf = new Map<string, ResolvedLayers>();
  private readonly resolved = new Map<string, ResolvedConfig>();

  constructor(readonly options: ResolveOptions) {}

  /**
   * The configuration that applies to a file (by its absolute path). Files of one folder share a
   * config object unless `overrides` match them differently: files with the same matching
   * overrides share one (backlog rules group files by config).
   */
  forFile(filePath: string): ResolvedConfig {
    const dir = dirname(resolve(filePath));
    let layers = this.layersOf.get(dir);
    if (!layers) {
      layers = this.layers(this.chainFor(dir));
      this.layersOf.set(dir, layers);
    }
    const matched = matchingOverrides(layers, resolve(filePath));
    const key = matched.length === 0 ? dir : `${dir}\0${matched.map(({ layer, index }) => `${layer}:${index}`).join(',')}`;
    let config = this.resolved.get(key);
    if (!config) {
      config = mergeLayers(layers, this.options.rules, matched);
      this.resolved.set(key, config);
    }
    return config;
  }

  private chainFor(dir: string): Layer[][] {
    const { configFile, useConfigFiles = true, workspaceRoot } = this.options;
    if (configFile) {
      const path = resolve(workspaceRoot, configFile);
      if (this.options.configFileInWorkspace && !this.contains(workspaceRoot, path)) {
        throw new ConfigError('storylint.configFile', `"${configFile}" is outside the workspace folder ${workspaceRoot}: name a config file inside it, or clear the setting to use the config files next to the stories`);
      }
      return [this.load(path, [], true)];
    }
    if (!useConfigFiles) return [];
    const chain: Layer[][] = [];
    for (let current: string | undefined = dir; current; current = parentOf(current)) {
      const layer = this.nearestIn(current);
      if (!layer) continue;
      chain.unshift(this.load(layer.path, [], true));
      if (layer.config.root) break;
    }
    return chain;
  }

  /** The config file in a directory, by the precedence of CONFIG_FILE_NAMES. */
  private nearestIn(dir: string): Layer | undefined {
    if (this.nearest.has(dir)) return this.nearest.get(dir) ?? undefined;
    let found: Layer | null = null;
    for (const name of CONFIG_FILE_NAMES) {
      const path = join(dir, name);
      const text = this.read(path);
      if (text === undefined) continue;
      const source = name === 'package.json' ? packageJsonConfig(path, text) : parseConfigText(path, text);
      if (!source) continue;
      found = { config: validateConfig(source, this.options.rules), dir, path };
      break;
    }
    this.nearest.set(dir, found);
    return found ?? undefined;
  }

  private read(path: string): string | undefined {
    try {
      return this.options.host.readFile(path);
    } catch (error) {
      throw new ConfigError(path, `cannot read the configuration: ${(error as Error).message}`);
    }
  }

  /** Whether `path` is inside `dir` once symlinks are resolved: a link inside may point anywhere. */
  private contains(dir: string, path: string): boolean {
    const real = (target: string) => {
      try {
        return this.options.host.realPath(resolve(target));
      } catch (error) {
        throw new ConfigError(target, `cannot resolve the path: ${(error as Error).message}`);
      }
    };
    return isInside(real(path), real(dir));
  }

  /** A config file and, before it, everything it extends (depth first, in order). */
  private load(path: string, stack: readonly string[], required: boolean): Layer[] {
    const cached = this.loaded.get(path);
    if (cached) return cached;
    const text = this.read(path);
    if (text === undefined) {
      if (required) throw new ConfigError(path, 'configuration file not found');
      return [];
    }
    const source = path.endsWith('package.json') ? packageJsonConfig(path, text) : parseConfigText(path, text);
    if (!source) throw new ConfigError(path, 'package.json has no "storylint" key');
    const config = validateConfig(source, this.options.rules);
    const dir = dirname(path);
    const layers: Layer[] = [];
    const parents = config.extends === undefined ? [] : Array.isArray(config.extends) ? config.extends : [config.extends];
    parents.forEach((parent, index) => {
      const keyPath = Array.isArray(config.extends) ? ['extends', index] : ['extends'];
      const where = source.locate(keyPath);
      if (parent.startsWith('storylint:')) {
        if (!PRESETS[parent]) throw new ConfigError(path, `unknown preset "${parent}"; presets are ${Object.keys(PRESETS).join(', ')}`, where);
        layers.push({ config: { rules: presetRules(parent, this.options.rules) }, dir, path: parent });
        return;
      }
      const target = resolve(dir, parent);
      if (!this.contains(dir, target) && !this.contains(this.options.workspaceRoot, target)) {
        throw new ConfigError(path, `"extends": "${parent}" points outside the project; extend files inside ${this.options.workspaceRoot}`, where);
      }
      if (stack.includes(target) || target === path) {
        throw new ConfigError(path, `"extends" cycle: ${[...stack, path, target].map((p) => relative(this.options.workspaceRoot, p) || p).join(' -> ')}`, where);
      }
      if (this.read(target) === undefined) throw new ConfigError(path, `"extends": cannot find "${parent}"`, where);
      layers.push(...this.load(target, [...stack, path], true));
    });
    layers.push({ config, dir, path });
    this.loaded.set(path, layers);
    return layers;
  }

  /** Every layer in merge order (the command line last) and the nearest config file. */
  private layers(chain: readonly Layer[][]): ResolvedLayers {
    const { overrides } = this.options;
    const layers = chain.flat();
    if (overrides) layers.push({ config: overrides, dir: resolve(this.options.workspaceRoot), path: '<command line>' });
    const nearest = chain[chain.length - 1];
    return { layers, configPath: nearest?.[nearest.length - 1]?.path };
  }
}

interface ResolvedLayers {
  layers: Layer[];
  configPath: string | undefined;
}

/** An override block that matches a file: the layer it is in and its place in that layer's `overrides`. */
interface MatchedOverride {
  layer: number;
  index: number;
}

/** The override blocks whose `files` match the file and whose `excludedFiles` do not, in merge order. */
function matchingOverrides({ layers }: ResolvedLayers, filePath: string): MatchedOverride[] {
  const matched: MatchedOverride[] = [];
  layers.forEach(({ config, dir }, layer) => {
    config.overrides?.forEach((block, index) => {
      const excluded = block.excludedFiles && matchesGlobs({ base: dir, patterns: block.excludedFiles }, filePath, OVERRIDE_GLOBS);
      if (!excluded && matchesGlobs({ base: dir, patterns: block.files }, filePath, OVERRIDE_GLOBS)) matched.push({ layer, index });
    });
  });
  return matched;
}

/** As ESLint's overrides: a glob without a slash (`*.draft.md`) matches the file name at any depth. */
const OVERRIDE_GLOBS = { basename: true };

function presetRules(preset: string, rules: readonly AnyRule[]): Record<string, RuleEntry> {
  return Object.fromEntries(rules.map((rule) => [rule.name, PRESETS[preset]!(rule)]));
}

const parentOf = (dir: string): string | undefined => {
  const parent = dirname(dir);
  return parent === dir ? undefined : parent;
};

const isInside = (path: string, dir: string): boolean => {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

function mergeLayers({ layers, configPath }: ResolvedLayers, rules: readonly AnyRule[], matched: readonly MatchedOverride[]): ResolvedConfig {
  const ruleSettings: Record<string, Required<RuleSetting>> = {};
  for (const rule of rules) ruleSettings[rule.name] = { severity: rule.severity, options: defaultOptions(rule.options) };
  let settings: Settings = { ...DEFAULT_SETTINGS };
  let files: GlobSet | undefined;
  const ignores: GlobSet[] = [];
  const sources: string[] = [];
  const appliedOverrides: string[] = [];

  layers.forEach(({ config, dir, path }, layer) => {
    if (!sources.includes(path)) sources.push(path);
    mergeRules(ruleSettings, config.rules);
    if (config.files) files = { base: dir, patterns: config.files };
    if (config.ignores) ignores.push({ base: dir, patterns: config.ignores });
    settings = mergeSettings(settings, config);
    if (config.outcomes) settings = { ...settings, outcomes: config.outcomes, outcomesBase: dir };
    if (config.outcomeIdPattern !== undefined) settings = { ...settings, outcomeIdPattern: config.outcomeIdPattern };
    // A file's overrides come right after its own keys: a nearer config file still wins over them.
    for (const match of matched) {
      if (match.layer !== layer) continue;
      const block = config.overrides![match.index]!;
      mergeRules(ruleSettings, block.rules);
      settings = mergeSettings(settings, block);
      appliedOverrides.push(`${path}#overrides[${match.index}]`);
    }
  });
  return { ruleSettings, settings, files, ignores, sources, configPath, ...(appliedOverrides.length > 0 ? { appliedOverrides } : {}) };
}

/** A layer's `rules` over the current settings: a later severity replaces, options merge. */
function mergeRules(ruleSettings: Record<string, Required<RuleSetting>>, entries: StorylintConfig['rules']): void {
  for (const [name, entry] of Object.entries(entries ?? {})) {
    const current = ruleSettings[name];
    if (!current) continue;
    const [severity, options] = Array.isArray(entry) ? entry : [entry];
    ruleSettings[name] = { severity, options: options ? mergeOptions(current.options, options) : current.options };
  }
}

/**
 * A layer's rule options over the current ones. Validation lets only a `string[]` option be an
 * object: {add, remove}, which edits the current list instead of replacing it.
 */
function mergeOptions(current: Readonly<Record<string, unknown>>, options: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const merged = { ...current };
  for (const [key, value] of Object.entries(options)) {
    merged[key] = typeof value === 'object' && value !== null && !Array.isArray(value) ? editList(current[key] as readonly string[], value as ListEdit) : value;
  }
  return merged;
}

/** The list with `add` appended (once each) and `remove` taken out, compared case-insensitively. */
function editList(list: readonly string[], edit: ListEdit): string[] {
  const remove = new Set((edit.remove ?? []).map((item) => item.toLowerCase()));
  return [...new Set([...list, ...(edit.add ?? [])])].filter((item) => !remove.has(item.toLowerCase()));
}

function mergeSettings(settings: Settings, config: Pick<StorylintConfig, OverridableKey>): Settings {
  const next: Settings = { ...settings };
  if (config.sections) {
    const sections = { ...settings.sections };
    for (const kind of SECTION_KINDS) {
      const extra = config.sections[kind];
      if (extra) sections[kind] = [...new Set([...sections[kind], ...extra.map((name) => name.toLowerCase())])];
    }
    next.sections = sections;
  }
  if (config.templates) {
    const byName = new Map(settings.templates.map((template) => [template.name, template]));
    for (const template of config.templates) byName.set(template.name, template);
    next.templates = [...byName.values()];
  }
  if (config.personas) next.personas = config.personas;
  if (config.idPattern !== undefined) next.idPattern = config.idPattern;
  if (config.requireSectionsFor) next.requireSectionsFor = config.requireSectionsFor;
  return next;
}

/** Serialisable view for `--print-config`. */
export function describeConfig(config: ResolvedConfig): Record<string, unknown> {
  return {
    rules: Object.fromEntries(
      Object.entries(config.ruleSettings).map(([name, setting]) => [name, Object.keys(setting.options).length ? [setting.severity, setting.options] : setting.severity]),
    ),
    ...describedSettings(config.settings),
    files: config.files ? config.files.patterns.map((pattern) => `${config.files!.base}/${pattern}`) : DEFAULT_FILE_PATTERNS,
    ignores: config.ignores.flatMap((set) => set.patterns.map((pattern) => `${set.base}/${pattern}`)),
    // What a directory walk skips besides `ignores`: nothing once `files` says where stories live.
    defaultIgnores: config.files ? [] : DEFAULT_IGNORE_PATTERNS,
  };
}

/** The settings as --print-config shows them: outcome globs absolute, like `files`. */
function describedSettings({ outcomesBase, ...settings }: Settings): Omit<Settings, 'outcomesBase'> {
  return outcomesBase ? { ...settings, outcomes: settings.outcomes.map((pattern) => `${outcomesBase}/${pattern}`) } : settings;
}
