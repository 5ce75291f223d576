// Validation of a parsed config file against the rules' metadata: every problem names the file,
// the line when known, and the key.
import type { AnyRule, OptionSpec, Severity } from '../engine/rule';
import { ConfigError, type ConfigSource, type KeyPath } from './load';
import { linearPattern, RE2_SYNTAX_URL } from './regex-safety';
import { type OverridableKey, SECTION_KINDS, SEVERITIES, STATEMENT_PARTS, STORY_KINDS, type StorylintConfig } from './types';

type Check = (value: unknown, keyPath: KeyPath) => void;

/** Top-level keys that became rule options: a config still setting one is told where it went. */
/** Top-level keys an override cannot set, and why. */
const NOT_IN_OVERRIDES: Readonly<Record<string, string>> = {
  root: 'set "root" at the top level of the config file',
  extends: 'put "extends" at the top level of the config file',
  ignores: 'put the globs in the top-level "ignores", or in this override\'s "excludedFiles" to keep its settings off those files',
  overrides: 'overrides do not nest; add another entry to the top-level "overrides" list',
  $schema: 'set "$schema" at the top level',
  // Outcomes are declared once for the backlog: every story must see the same ones.
  outcomes: 'set "outcomes" at the top level: the whole backlog shares one set of declared outcomes',
  outcomeIdPattern: 'set "outcomeIdPattern" at the top level: the whole backlog shares one set of declared outcomes',
};

const MOVED_TO_RULE_OPTIONS: Readonly<Record<string, string>> = {
  vagueTerms: 'moved to an option of testable-criteria; set it there, e.g. "rules": {"testable-criteria": ["warning", {"vagueTerms": {"add": ["snappy"]}}]}',
};

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
      files: this.strings,
      ignores: this.strings,
      overrides: (value, path) => this.overrides(value, path),
      outcomes: this.strings,
      outcomeIdPattern: (value, path) => this.idPattern(value, path),
      ...this.overridableChecks(),
    };
    for (const key of Object.keys(data)) {
      const moved = MOVED_TO_RULE_OPTIONS[key];
      if (moved) this.fail([key], moved);
    }
    this.record(data, [], Object.keys(checks), (value, path) => checks[path[0] as keyof StorylintConfig](value, path));
    return data as StorylintConfig;
  }

  /** The keys an override may set, checked as at the top level. */
  private overridableChecks(): Record<OverridableKey, Check> {
    return {
      rules: (value, path) => this.ruleEntries(value, path),
      sections: (value, path) => this.record(value, path, SECTION_KINDS, this.strings),
      templates: (value, path) => this.templates(value, path),
      personas: this.strings,
      idPattern: (value, path) => this.idPattern(value, path),
      requireSectionsFor: (value, path) => this.oneOfEach(value, path, STORY_KINDS),
    };
  }

  /** `overrides`: a list of {files, excludedFiles?, ...settings}; keys that only make sense per config file are refused with why. */
  private overrides(value: unknown, path: KeyPath): void {
    if (!Array.isArray(value)) this.fail(path, `expected a list of {"files": [...], "rules": {...}} entries, got ${typeName(value)}`);
    const checks = { files: this.globs, excludedFiles: this.strings, ...this.overridableChecks() };
    value.forEach((block, index) => {
      const at = [...path, index];
      if (!isRecord(block)) this.fail(at, `expected an object like {"files": ["drafts/**"], "rules": {...}}, got ${typeName(block)}`);
      for (const key of Object.keys(block)) {
        const why = NOT_IN_OVERRIDES[key];
        if (why) this.fail([...at, key], `not allowed in an override: ${why}`);
      }
      this.record(block, at, Object.keys(checks), (item, itemPath) => checks[itemPath[itemPath.length - 1] as keyof typeof checks](item, itemPath));
      if (!('files' in block)) this.fail(at, 'an override needs "files": the globs (relative to this config file) of the files it applies to');
    });
  }

  /** A non-empty list of globs. */
  private readonly globs: Check = (value, path) => {
    this.strings(value, path);
    if ((value as string[]).length === 0) this.fail(path, 'expected at least one glob, e.g. ["drafts/**"]');
  };

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

  /** A list that replaces the current one, or `{add, remove}` that edits it (see ListEdit). */
  private readonly listOrEdit: Check = (value, path) => {
    if (Array.isArray(value)) return this.strings(value, path);
    if (!isRecord(value)) this.fail(path, `expected a list of strings or {"add": [...], "remove": [...]}, got ${typeName(value)}`);
    this.record(value, path, ['add', 'remove'], this.strings);
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
        return this.listOrEdit(value, path);
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
