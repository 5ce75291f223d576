// The shape of a config file and of the configuration resolved from its layers, shared by
// validation, resolution, file selection and the shells.
import type { RuleSetting } from '../engine/lint';
import type { Severity } from '../engine/rule';
import type { StoryKind } from '../story/model';
import type { SectionKind, Settings, StatementPart, Template } from '../story/settings';

/** Reads files for config resolution; the CLI and the language server each supply one. */
export interface ConfigHost {
  /** The file's text, or undefined when it does not exist. Other failures throw. */
  readFile(path: string): string | undefined;
  /** The path with every symlink resolved (what containment checks compare); the path itself when it does not exist. */
  realPath(path: string): string;
}

export type RuleEntry = Severity | [Severity] | [Severity, Record<string, unknown>];

/** A `string[]` rule option written as an edit of the current list instead of a list that replaces it. */
export interface ListEdit {
  add?: string[];
  /** Case-insensitive. */
  remove?: string[];
}

/** The keys an `overrides` block may set for the files it matches: rules and story settings. */
export type OverridableKey = 'rules' | 'sections' | 'templates' | 'personas' | 'idPattern' | 'requireSectionsFor';

/** An `overrides` entry: settings for the files its globs match (relative to its config file's folder). */
export type OverrideBlock = Pick<StorylintConfig, OverridableKey> & {
  files: string[];
  excludedFiles?: string[];
};

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
  requireSectionsFor?: StoryKind[];
  /** Globs of the files that declare product outcomes, relative to this config file's folder. */
  outcomes?: string[];
  /** Regular expression (RE2 syntax) matching an outcome id. */
  outcomeIdPattern?: string;
  /** Per-glob settings, applied after this file's own keys, later entries winning. */
  overrides?: OverrideBlock[];
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
  /** The `overrides` blocks that apply to the file, as `config-path#overrides[i]`, in merge order. */
  appliedOverrides?: string[];
  /** The nearest config file (where "turn this rule off" edits belong). */
  configPath?: string;
}

export const SEVERITIES: readonly Severity[] = ['off', 'info', 'warning', 'error'];
export const SECTION_KINDS: readonly SectionKind[] = ['outcome', 'problem', 'acceptance', 'notes'];
export const STATEMENT_PARTS: readonly StatementPart[] = ['role', 'means', 'ends', 'situation'];
export const STORY_KINDS: readonly StoryKind[] = ['heading', 'file', 'line'];
