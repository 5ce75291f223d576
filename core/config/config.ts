import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import picomatch from 'picomatch';
import { CONFIG_FILE_NAMES, ConfigError, type ConfigSource, type KeyPath, packageJsonConfig, parseConfigText } from './load';
import { type FileResult, lintBacklog, lintFile, type LintOptions, type ReusedAnalysis, type RuleSetting } from '../engine/lint';
import type { StoryKind } from '../story/model';
import { type AnyRule, defaultOptions, type FindingSeverity, type OptionSpec, type Severity } from '../engine/rule';
import { linearPattern, RE2_SYNTAX_URL } from './regex-safety';
import { DEFAULT_SETTINGS, type SectionKind, type Settings, type StatementPart, type Template } from '../story/settings';

export { CONFIG_FILE_NAMES, ConfigError, type ConfigPlace, type ConfigSource, packageJsonConfig, parseConfigText } from './load';

/** Reads files for config resolution; the CLI and the language server each supply one. */
export interface ConfigHost {
  /** The file's text, or undefined when it does not exist. Other failures throw. */
  readFile(path: string): string | undefined;
  /** The path with every symlink resolved (what containment checks compare); the path itself when it does not exist. */
  realPath(path: string): string;
}

export type RuleEntry = Severity | [Severity] | [Severity, Record<string, unknown>];

/** A config file's content after validation (see docs/configuration.md). */
export interface StorylintConfig {
  $schema?: string;
  root?: boolean;
  extends?: string | string[];
  rules?: Record<string, RuleEntry>;
  files?: string[];
  ignores?: string[];
  sections?: Partial<Record<SectionKind, string[]>>;
  templates?: Template[];
  personas?: string[];
  idPattern?: string;
  vagueTerms?: string[] | { add?: string[]; remove?: string[] };
  requireSectionsFor?: StoryKind[];
}

/** Globs and the directory they are relative to (the config file's folder). */
export interface GlobSet {
  base: string;
  patterns: string[];
}

export interface ResolvedConfig {
  /** Every rule's severity and options, defaults filled in. */
  ruleSettings: Record<string, Required<RuleSetting>>;
  settings: Settings;
  /** Which files a directory walk lints; undefined = every *.md and *.markdown file but DEFAULT_IGNORE_PATTERNS. */
  files?: GlobSet;
  ignores: GlobSet[];
  /** Config files applied, farthest first (extended files before the file that extends them). */
  sources: string[];
  /** The nearest config file (where "turn this rule off" edits belong). */
  configPath?: string;
}

export const SEVERITIES: readonly Severity[] = ['off', 'info', 'warning', 'error'];
const SECTION_KINDS: readonly SectionKind[] = ['outcome', 'problem', 'acceptance', 'notes'];
const STATEMENT_PARTS: readonly StatementPart[] = ['role', 'means', 'ends', 'situation'];
const STORY_KINDS: readonly StoryKind[] = ['heading', 'file', 'line'];

/** Built-in presets for `extends`: each turns every rule into a severity derived from its default. */
export const PRESETS: Readonly<Record<string, (rule: AnyRule) => FindingSeverity>> = {
  /** Every rule at its default severity (what you get with no config). */
  'storylint:recommended': (rule) => rule.severity,
  /** Warnings become errors; infos stay infos. */
  'storylint:strict': (rule) => (rule.severity === 'warning' ? 'error' : rule.severity),
  /** Every rule on and counted: infos become warnings, the rest keep their default. */
  'storylint:all': (rule) => (rule.severity === 'info' ? 'warning' : rule.severity),
};

// ---------------------------------------------------------------------------------------------
// Validation: every problem names the file, the line when known, and the key.

type Check = (value: unknown, keyPath: KeyPath) => void;

class Validator {
  constructor(
    private readonly source: ConfigSource,
    private readonly rules: ReadonlyMap<string, AnyRule>,
  ) {}

  fail(keyPath: KeyPath, message: string): never {
    const key = keyPath.length > 0 ? `"${keyPath.join('.')}": ` : '';
    throw new ConfigError(this.source.path, `${key}${message}`, this.source.locate(keyPath));
  }

  config(): StorylintConfig {
    const data = this.source.data;
    if (!isRecord(data)) this.fail([], 'the configuration must be an object');
    const checks: Record<keyof StorylintConfig, Check> = {
      $schema: this.string,
      root: this.boolean,
      extends: (value, path) => (typeof value === 'string' ? undefined : this.strings(value, path)),
      rules: (value, path) => this.ruleEntries(value, path),
      files: this.strings,
      ignores: this.strings,
      sections: (value, path) => this.record(value, path, SECTION_KINDS, this.strings),
      templates: (value, path) => this.templates(value, path),
      personas: this.strings,
      idPattern: (value, path) => this.idPattern(value, path),
      vagueTerms: (value, path) =>
        Array.isArray(value) ? this.strings(value, path) : this.record(value, path, ['add', 'remove'], this.strings),
      requireSectionsFor: (value, path) => this.oneOfEach(value, path, STORY_KINDS),
    };
    this.record(data, [], Object.keys(checks), (value, path) => checks[path[0] as keyof StorylintConfig](value, path));
    return data as StorylintConfig;
  }

  private record(value: unknown, path: KeyPath, keys: readonly string[], check: Check): void {
    if (!isRecord(value)) this.fail(path, 'expected an object');
    for (const [key, item] of Object.entries(value)) {
      if (!keys.includes(key)) this.fail([...path, key], `unknown key; expected one of ${keys.join(', ')}`);
      check.call(this, item, [...path, key]);
    }
  }

  private readonly string: Check = (value, path) => {
    if (typeof value !== 'string') this.fail(path, `expected a string, got ${typeName(value)}`);
  };

  private readonly boolean: Check = (value, path) => {
    if (typeof value !== 'boolean') this.fail(path, `expected true or false, got ${typeName(value)}`);
  };

  private readonly strings: Check = (value, path) => {
    if (!Array.isArray(value)) this.fail(path, `expected a list of strings, got ${typeName(value)}`);
    value.forEach((item, index) => {
      if (typeof item !== 'string') this.fail([...path, index], `expected a string, got ${typeName(item)}`);
    });
  };

  private oneOfEach(value: unknown, path: KeyPath, allowed: readonly string[]): void {
    this.strings(value, path);
    (value as string[]).forEach((item, index) => {
      if (!allowed.includes(item)) this.fail([...path, index], `"${item}" is not one of ${allowed.join(', ')}`);
    });
  }

  private idPattern(value: unknown, path: KeyPath): void {
    this.string(value, path);
    try {
      linearPattern(value as string);
    } catch (error) {
      this.fail(path, `not a pattern RE2 can run (${(error as Error).message}): write it in RE2 syntax (${RE2_SYNTAX_URL}), with no backreferences, lookahead or lookbehind`);
    }
  }

  private templates(value: unknown, path: KeyPath): void {
    if (!Array.isArray(value)) this.fail(path, `expected a list of templates, got ${typeName(value)}`);
    value.forEach((template, index) => {
      const at = [...path, index];
      this.record(template, at, ['name', 'slots'], (item, itemPath) => {
        if (itemPath[itemPath.length - 1] === 'name') return this.string(item, itemPath);
        if (!Array.isArray(item) || item.length === 0) this.fail(itemPath, 'expected a non-empty list of slots');
        item.forEach((slot, slotIndex) =>
          this.record(slot, [...itemPath, slotIndex], ['part', 'keywords', 'optional'], (field, fieldPath) => {
            const key = fieldPath[fieldPath.length - 1];
            if (key === 'part') this.oneOfEach([field], fieldPath, STATEMENT_PARTS);
            else if (key === 'optional') this.boolean(field, fieldPath);
            else {
              this.strings(field, fieldPath);
              if ((field as string[]).length === 0) this.fail(fieldPath, 'a slot needs at least one keyword');
            }
          }),
        );
      });
      for (const required of ['name', 'slots']) {
        if (!(required in (template as object))) this.fail(at, `a template needs "${required}"`);
      }
    });
  }

  private ruleEntries(value: unknown, path: KeyPath): void {
    if (!isRecord(value)) this.fail(path, 'expected an object of rule names');
    for (const [name, entry] of Object.entries(value)) {
      const at = [...path, name];
      const rule = this.rules.get(name);
      if (!rule) this.fail(at, `unknown rule "${name}"${suggestion(name, [...this.rules.keys()])}`);
      const [severity, options, ...rest] = Array.isArray(entry) ? entry : [entry];
      if (typeof severity !== 'string' || !SEVERITIES.includes(severity as Severity)) {
        this.fail(Array.isArray(entry) ? [...at, 0] : at, `severity must be one of ${SEVERITIES.map((s) => `"${s}"`).join(', ')}, got ${JSON.stringify(severity)}`);
      }
      if (rest.length > 0) this.fail(at, 'expected [severity] or [severity, {options}]');
      if (options === undefined) continue;
      if (!isRecord(options)) this.fail([...at, 1], 'options must be an object');
      const specs = rule.options as Record<string, OptionSpec>;
      for (const [key, option] of Object.entries(options)) {
        const spec = specs[key];
        const optionPath = [...at, 1, key];
        if (!spec) {
          const known = Object.keys(specs);
          this.fail(optionPath, `rule "${name}" has no option "${key}"; ${known.length ? `its options are ${known.join(', ')}` : 'it takes no options'}`);
        }
        this.option(spec, option, optionPath);
      }
    }
  }

  private option(spec: OptionSpec, value: unknown, path: KeyPath): void {
    switch (spec.type) {
      case 'number':
        if (typeof value !== 'number' || !Number.isFinite(value)) this.fail(path, `expected a number, got ${typeName(value)}`);
        if (spec.minimum !== undefined && value < spec.minimum) this.fail(path, `must be at least ${spec.minimum}, got ${value}`);
        return;
      case 'boolean':
        return this.boolean(value, path);
      case 'string':
        return this.string(value, path);
      case 'string[]':
        return this.strings(value, path);
    }
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const typeName = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`);

function suggestion(name: string, known: readonly string[]): string {
  const close = known.find((candidate) => candidate.includes(name) || name.includes(candidate));
  return close ? ` (did you mean "${close}"?)` : '';
}

/** Validates a parsed config file against the rules' metadata; throws ConfigError. */
export function validateConfig(source: ConfigSource, rules: readonly AnyRule[]): StorylintConfig {
  return new Validator(source, new Map(rules.map((rule) => [rule.name, rule]))).config();
}

// ---------------------------------------------------------------------------------------------
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
  private readonly resolved = new Map<string, ResolvedConfig>();

  constructor(readonly options: ResolveOptions) {}

  /** The configuration that applies to a file (by its absolute path). */
  forFile(filePath: string): ResolvedConfig {
    const dir = dirname(resolve(filePath));
    let config = this.resolved.get(dir);
    if (!config) {
      config = this.build(this.chainFor(dir));
      this.resolved.set(dir, config);
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

  private build(chain: readonly Layer[][]): ResolvedConfig {
    const { rules, overrides } = this.options;
    const layers = chain.flat();
    if (overrides) layers.push({ config: overrides, dir: resolve(this.options.workspaceRoot), path: '<command line>' });
    const nearest = chain[chain.length - 1];
    return mergeLayers(layers, rules, nearest?.[nearest.length - 1]?.path);
  }
}

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

function mergeLayers(layers: readonly Layer[], rules: readonly AnyRule[], configPath: string | undefined): ResolvedConfig {
  const ruleSettings: Record<string, Required<RuleSetting>> = {};
  for (const rule of rules) ruleSettings[rule.name] = { severity: rule.severity, options: defaultOptions(rule.options) };
  let settings: Settings = { ...DEFAULT_SETTINGS };
  let files: GlobSet | undefined;
  const ignores: GlobSet[] = [];
  const sources: string[] = [];

  for (const { config, dir, path } of layers) {
    if (!sources.includes(path)) sources.push(path);
    for (const [name, entry] of Object.entries(config.rules ?? {})) {
      const current = ruleSettings[name];
      if (!current) continue;
      const [severity, options] = Array.isArray(entry) ? entry : [entry];
      ruleSettings[name] = { severity, options: options ? { ...current.options, ...options } : current.options };
    }
    if (config.files) files = { base: dir, patterns: config.files };
    if (config.ignores) ignores.push({ base: dir, patterns: config.ignores });
    settings = mergeSettings(settings, config);
  }
  return { ruleSettings, settings, files, ignores, sources, configPath };
}

function mergeSettings(settings: Settings, config: StorylintConfig): Settings {
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
  if (config.vagueTerms) {
    if (Array.isArray(config.vagueTerms)) next.vagueTerms = config.vagueTerms;
    else {
      const remove = new Set((config.vagueTerms.remove ?? []).map((term) => term.toLowerCase()));
      next.vagueTerms = [...new Set([...settings.vagueTerms, ...(config.vagueTerms.add ?? [])])].filter((term) => !remove.has(term.toLowerCase()));
    }
  }
  if (config.requireSectionsFor) next.requireSectionsFor = config.requireSectionsFor;
  return next;
}

// ---------------------------------------------------------------------------------------------
// Which files a config selects.

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
function matches(set: GlobSet, filePath: string): boolean {
  const rel = relative(set.base, filePath).split('\\').join('/');
  if (rel.startsWith('../') || rel === '..') return false;
  const key = set.patterns.join('\0');
  let matcher = matcherCache.get(key);
  if (!matcher) {
    matcher = picomatch(set.patterns, { dot: true });
    matcherCache.set(key, matcher);
  }
  return matcher(rel);
}

/** true when a config's `ignores` cover the file. */
export function isIgnoredByConfig(config: ResolvedConfig, filePath: string): boolean {
  return config.ignores.some((set) => matches(set, filePath));
}

/**
 * true when a directory walk should lint the file: it matches `files` and no `ignores`. Without
 * `files`, every Markdown file but the well-known non-backlogs (DEFAULT_IGNORE_PATTERNS) matches.
 */
export function isSelectedByConfig(config: ResolvedConfig, filePath: string): boolean {
  if (isIgnoredByConfig(config, filePath)) return false;
  return config.files ? matches(config.files, filePath) : MARKDOWN_FILE.test(filePath) && !isIgnoredByDefault(filePath);
}

/** Parses `--rule name:severity` (or `name:[severity, {options}]` as JSON) into a config layer. */
export function ruleOverride(spec: string, rules: readonly AnyRule[]): StorylintConfig {
  const colon = spec.indexOf(':');
  if (colon <= 0) throw new ConfigError('--rule', `expected name:severity, got "${spec}"`);
  const name = spec.slice(0, colon).trim();
  const value = spec.slice(colon + 1).trim();
  let entry: unknown = value;
  if (value.startsWith('[')) {
    try {
      entry = JSON.parse(value);
    } catch {
      throw new ConfigError('--rule', `"${value}" is not valid JSON`);
    }
  }
  const source: ConfigSource = { path: '--rule', data: { rules: { [name]: entry } }, locate: () => undefined };
  return validateConfig(source, rules);
}

/** Serialisable view for `--print-config`. */
export function describeConfig(config: ResolvedConfig): Record<string, unknown> {
  return {
    rules: Object.fromEntries(
      Object.entries(config.ruleSettings).map(([name, setting]) => [name, Object.keys(setting.options).length ? [setting.severity, setting.options] : setting.severity]),
    ),
    ...config.settings,
    files: config.files ? config.files.patterns.map((pattern) => `${config.files!.base}/${pattern}`) : DEFAULT_FILE_PATTERNS,
    ignores: config.ignores.flatMap((set) => set.patterns.map((pattern) => `${set.base}/${pattern}`)),
    // What a directory walk skips besides `ignores`: nothing once `files` says where stories live.
    defaultIgnores: config.files ? [] : DEFAULT_IGNORE_PATTERNS,
  };
}

// ---------------------------------------------------------------------------------------------
// Linting with per-file configs: the CLI and the language server share this.

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
