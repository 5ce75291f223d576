// The library's public types. They are the engine's shapes restated without the engine's internals
// (parse trees, caches), so the declarations a user installs need no other type package. lib/lint.ts
// converts engine results to these and lib/format.ts passes these to the formatters, so tsc checks
// both directions: a drift between the two fails the build.
/** A rule's configured level. `off` disables it. */
export type Severity = 'off' | 'info' | 'warning' | 'error';
/** The level a finding is reported with. Only `error` fails a run. */
export type FindingSeverity = Exclude<Severity, 'off'>;
/** [start, end) UTF-16 offsets into the linted text. */
export type Span = readonly [start: number, end: number];
/** A story under a heading, a whole file, or one list line; or a product outcome an outcomes file declares. */
export type StoryKind = 'heading' | 'file' | 'line' | 'outcome';
/** The sections the section rules look for (their heading names are configurable). */
export type SectionKind = 'outcome' | 'problem' | 'acceptance' | 'notes';
/** The parts of a story statement a template names. */
export type StatementPart = 'role' | 'means' | 'ends' | 'situation';

/** A statement template: slots in order, each introduced by one of its keywords (docs/configuration.md). */
export interface Template {
  name: string;
  slots: readonly { part: StatementPart; keywords: readonly string[]; optional?: boolean }[];
}

/** One replacement: the text in `span` becomes `text`. */
export interface Edit {
  span: Span;
  text: string;
}

/** Edits applied together; `title` says what they do ("Insert an Outcome section"). */
export interface Fix {
  title: string;
  edits: Edit[];
}

/** 1-based line and column of a finding's start, and of its end (exclusive). */
export interface Position {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** Another place that explains a finding (the story a duplicate repeats). */
export interface RelatedFinding extends Position {
  filePath: string;
  span: Span;
  message: string;
}

/** One problem in a file: what ESLint calls a lint message. */
export interface Finding extends Position {
  ruleId: string;
  messageId: string;
  severity: FindingSeverity;
  message: string;
  span: Span;
  /** Index of the story in the result's `stories`, when the finding belongs to one. */
  storyIndex?: number;
  /** Applied by `fix: true` (and the CLI's `--fix`). */
  fix?: Fix;
  /** Offered to a person only: they change what the story says. */
  suggestions?: Fix[];
  related?: RelatedFinding[];
}

/** A story the file holds, with its quality score. */
export interface StorySummary {
  kind: StoryKind;
  title: string;
  /** The story's id (`ONB-12`), when its heading has one. */
  id?: string;
  /** 1-based line of the heading (or of the one-line story). */
  line: number;
  /** Quality score 0-100. */
  score: number;
}

/** The lint result of one file. */
export interface LintResult {
  /** Absolute path (for lintText without `filePath`, `<text>` in the cwd). */
  filePath: string;
  findings: Finding[];
  /** Findings silenced by `storylint-disable` comments. */
  suppressed: Finding[];
  errorCount: number;
  warningCount: number;
  infoCount: number;
  /** Findings with a fix. */
  fixableCount: number;
  stories: StorySummary[];
  /** With `fix: true`: the fixed text, when a fix changed it (`outputFixes` writes it). */
  output?: string;
}

/** A rule's setting in a config: a severity, or a severity and options. */
export type RuleEntry = Severity | [Severity] | [Severity, Record<string, unknown>];

/** A config file's content (docs/configuration.md; schema/storylint.schema.json). */
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

/** An `overrides` entry: rules and story settings for the files its globs match (relative to its config file's folder). */
export type OverrideBlock = Pick<StorylintConfig, 'rules' | 'sections' | 'templates' | 'personas' | 'idPattern' | 'requireSectionsFor'> & {
  files: string[];
  excludedFiles?: string[];
};

/** A rule option: its type, default and meaning (they also make the JSON schema). */
export type OptionSpec =
  | { type: 'number'; default: number; minimum?: number; description: string }
  | { type: 'boolean'; default: boolean; description: string }
  | { type: 'string'; default: string; description: string }
  | { type: 'string[]'; default: readonly string[]; description: string };

/** What a rule is, for documentation and tooling (the rule's logic is not exposed). */
export interface RuleMeta {
  name: string;
  description: string;
  /** `story`: checks each story alone; `backlog`: compares the stories of all files linted together. */
  scope: 'story' | 'backlog';
  /** Default severity. */
  severity: FindingSeverity;
  fixable: boolean;
  tags: readonly string[];
  options: Readonly<Record<string, OptionSpec>>;
  /** Message templates by `messageId`. */
  messages: Readonly<Record<string, string>>;
  docsUrl: string;
}

/** The config that applies to a file, as `storylint --print-config <file>` prints it. */
export interface FileConfig {
  filePath: string;
  /** Config files applied, farthest first (presets by name, `<options.config>` for the `config` option). */
  sources: string[];
  /** The nearest config file, if any. */
  configPath?: string;
  /** Whether the config's `ignores` cover the file. */
  ignored: boolean;
  /** Every rule's severity and options, defaults filled in, and the story settings. */
  config: {
    rules: Record<string, RuleEntry>;
    sections: Record<SectionKind, readonly string[]>;
    templates: readonly Template[];
    idPattern: string;
    personas: readonly string[];
    requireSectionsFor: readonly StoryKind[];
    /** Absolute globs of the files a directory walk lints. */
    files: string[];
    ignores: string[];
    defaultIgnores: string[];
  };
}
