import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../core/config/load';
import { ConfigResolver, describeConfig, type ResolveOptions } from '../core/config/resolve';
import { isOutcomesFile, isSelectedByConfig } from '../core/config/select';
import type { ConfigHost, ResolvedConfig } from '../core/config/types';
import { lintWithConfig } from '../core/engine/configured';
import { configSchema, configSchemaText } from '../core/config/schema';
import { DEFAULT_SETTINGS } from '../core/story/settings';
import { rules } from '../rules';

const RULE = 'require-acceptance-criteria';
const WARNING_RULE = rules.find((rule) => rule.severity === 'warning');
const INFO_RULE = rules.find((rule) => rule.severity === 'info');

/** Config files in memory: the resolver never touches the disk. */
const memoryHost = (files: Record<string, string>): ConfigHost => ({ readFile: (path) => files[path], realPath: (path) => path });

const resolverFor = (files: Record<string, string>, options: Partial<ResolveOptions> = {}) =>
  new ConfigResolver({ rules, host: memoryHost(files), workspaceRoot: '/repo', ...options });

const errorOf = (action: () => unknown): ConfigError => {
  try {
    action();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('finding and merging config files', () => {
  it('without config files every rule runs at its default severity with default options', () => {
    const config = resolverFor({}).forFile('/repo/docs/story.md');
    expect(config.sources).toEqual([]);
    expect(Object.keys(config.ruleSettings)).toEqual(rules.map((rule) => rule.name));
    for (const rule of rules) expect(config.ruleSettings[rule.name]!.severity).toBe(rule.severity);
    expect(config.settings).toEqual(DEFAULT_SETTINGS);
  });

  it('walks up from the file: nearer files override farther ones; root: true stops the walk', () => {
    const files = {
      '/.storylintrc.json': JSON.stringify({ personas: ['Outside'] }),
      '/repo/.storylintrc.json': JSON.stringify({ root: true, rules: { [RULE]: ['warning', { minimum: 2 }] }, personas: ['Sam'] }),
      '/repo/docs/.storylintrc.yaml': `rules:\n  ${RULE}: error\n`,
    };
    const config = resolverFor(files).forFile('/repo/docs/deep/story.md');
    expect(config.sources).toEqual(['/repo/.storylintrc.json', '/repo/docs/.storylintrc.yaml']);
    expect(config.configPath).toBe('/repo/docs/.storylintrc.yaml');
    // A severity-only entry keeps the options set farther up.
    expect(config.ruleSettings[RULE]).toEqual({ severity: 'error', options: { minimum: 2 } });
    expect(config.settings.personas).toEqual(['Sam']);
  });

  it('reads .storylintrc.jsonc with comments and the storylint key of package.json; json wins in one folder', () => {
    const config = resolverFor({
      '/repo/a/.storylintrc.jsonc': `// team config\n{ "rules": { "${RULE}": "info", }, }`,
      '/repo/b/package.json': JSON.stringify({ name: 'b', storylint: { rules: { [RULE]: 'off' } } }),
      '/repo/c/package.json': JSON.stringify({ name: 'c' }),
      '/repo/d/.storylintrc.json': JSON.stringify({ rules: { [RULE]: 'warning' } }),
      '/repo/d/.storylintrc.yaml': `rules:\n  ${RULE}: off\n`,
    });
    expect(config.forFile('/repo/a/s.md').ruleSettings[RULE]!.severity).toBe('info');
    expect(config.forFile('/repo/b/s.md').ruleSettings[RULE]!.severity).toBe('off');
    expect(config.forFile('/repo/c/s.md').sources).toEqual([]);
    expect(config.forFile('/repo/d/s.md').ruleSettings[RULE]!.severity).toBe('warning');
  });

  it('presets: recommended = defaults, strict = warnings become errors, all = infos become warnings', () => {
    const severities = (preset: string) => resolverFor({ '/repo/.storylintrc.json': JSON.stringify({ extends: preset }) }).forFile('/repo/s.md').ruleSettings;
    for (const rule of rules) expect(severities('storylint:recommended')[rule.name]!.severity).toBe(rule.severity);
    if (WARNING_RULE) expect(severities('storylint:strict')[WARNING_RULE.name]!.severity).toBe('error');
    if (INFO_RULE) {
      expect(severities('storylint:strict')[INFO_RULE.name]!.severity).toBe('info');
      expect(severities('storylint:all')[INFO_RULE.name]!.severity).toBe('warning');
    }
    // A file's own rules override what it extends.
    const own = resolverFor({ '/repo/.storylintrc.json': JSON.stringify({ extends: 'storylint:strict', rules: { [RULE]: 'info' } }) });
    expect(own.forFile('/repo/s.md').ruleSettings[RULE]!.severity).toBe('info');
  });

  it('extends relative files in order, and reports cycles and escapes from the project', () => {
    const ok = resolverFor({
      '/repo/shared/base.yaml': `rules:\n  ${RULE}: warning\npersonas: [Base]\n`,
      '/repo/app/.storylintrc.json': JSON.stringify({ extends: ['../shared/base.yaml'], personas: ['App'] }),
    }).forFile('/repo/app/s.md');
    expect(ok.sources).toEqual(['/repo/shared/base.yaml', '/repo/app/.storylintrc.json']);
    expect(ok.ruleSettings[RULE]!.severity).toBe('warning');
    expect(ok.settings.personas).toEqual(['App']);

    const cycle = errorOf(() =>
      resolverFor({
        '/repo/.storylintrc.json': JSON.stringify({ extends: './a.json' }),
        '/repo/a.json': JSON.stringify({ extends: './b.json' }),
        '/repo/b.json': JSON.stringify({ extends: './a.json' }),
      }).forFile('/repo/s.md'),
    );
    expect(cycle.message).toContain('"extends" cycle: .storylintrc.json -> a.json -> b.json -> a.json');

    const escape = errorOf(() => resolverFor({ '/repo/.storylintrc.json': '{\n  "extends": "../../../etc/passwd"\n}' }).forFile('/repo/s.md'));
    expect(escape.message).toBe('/repo/.storylintrc.json:2:3: "extends": "../../../etc/passwd" points outside the project; extend files inside /repo');
    expect(errorOf(() => resolverFor({ '/repo/.storylintrc.json': '{"extends": "storylint:loose"}' }).forFile('/repo/s.md')).detail).toContain('unknown preset "storylint:loose"');
    expect(errorOf(() => resolverFor({ '/repo/.storylintrc.json': '{"extends": "./missing.json"}' }).forFile('/repo/s.md')).detail).toContain('cannot find "./missing.json"');
  });

  it('--config replaces the search; --no-config ignores files; overrides come last', () => {
    const files = { '/repo/.storylintrc.json': JSON.stringify({ rules: { [RULE]: 'off' } }), '/repo/ci.json': JSON.stringify({ rules: { [RULE]: 'info' } }) };
    expect(resolverFor(files, { configFile: 'ci.json' }).forFile('/repo/s.md').ruleSettings[RULE]!.severity).toBe('info');
    expect(resolverFor(files, { useConfigFiles: false }).forFile('/repo/s.md').ruleSettings[RULE]!.severity).toBe('error');
    expect(resolverFor(files, { overrides: { rules: { [RULE]: 'warning' } } }).forFile('/repo/s.md').ruleSettings[RULE]!.severity).toBe('warning');
    expect(errorOf(() => resolverFor(files, { configFile: 'nope.json' }).forFile('/repo/s.md')).message).toBe('/repo/nope.json: configuration file not found');
  });

  it('settings: sections extend the defaults, templates by name', () => {
    const config = resolverFor({
      '/repo/.storylintrc.json': JSON.stringify({
        sections: { outcome: ['North Star'] },
        templates: [{ name: 'given-story', slots: [{ part: 'role', keywords: ['for'] }, { part: 'means', keywords: ['provide'] }] }],
        requireSectionsFor: ['heading'],
        idPattern: 'STORY-\\d+',
      }),
    });
    const settings = config.forFile('/repo/s.md').settings;
    expect(settings.sections.outcome).toEqual([...DEFAULT_SETTINGS.sections.outcome, 'north star']);
    expect(settings.templates.map((template) => template.name)).toEqual([...DEFAULT_SETTINGS.templates.map((template) => template.name), 'given-story']);
    expect(settings.requireSectionsFor).toEqual(['heading']);
    expect(settings.idPattern).toBe('STORY-\\d+');
  });

  it('a string[] rule option: a list replaces the default, {add, remove} edits the current list (remove ignores case)', () => {
    const vagueTerms = (config: ResolvedConfig) => config.ruleSettings['testable-criteria']!.options.vagueTerms as readonly string[];
    const defaults = vagueTerms(resolverFor({}).forFile('/repo/s.md'));
    expect(defaults).toContain('fast');
    const config = resolverFor({
      '/repo/.storylintrc.json': JSON.stringify({ rules: { 'testable-criteria': ['warning', { vagueTerms: { add: ['snappy'], remove: ['FAST'] } }] } }),
      '/repo/strict/.storylintrc.json': JSON.stringify({ rules: { 'testable-criteria': ['error', { vagueTerms: ['only-this'] }] } }),
      '/repo/more/.storylintrc.yaml': 'rules:\n  testable-criteria: [warning, {vagueTerms: {add: [zippy], remove: [snappy]}}]\n',
    });
    expect(vagueTerms(config.forFile('/repo/s.md'))).toEqual([...defaults.filter((term) => term !== 'fast'), 'snappy']);
    expect(vagueTerms(config.forFile('/repo/strict/s.md'))).toEqual(['only-this']);
    // Each layer edits the list the layers before it left.
    expect(vagueTerms(config.forFile('/repo/more/s.md'))).toEqual([...defaults.filter((term) => term !== 'fast'), 'zippy']);
    // The rule reads the option: an added term is reported, a removed one is not.
    const story = '# Story\n\nAs a nurse, I want to see my shifts so that I can plan my week.\n\n## Acceptance criteria\n\n- It is snappy.\n- It loads fast.\n';
    const [result] = lintWithConfig([{ filePath: '/repo/s.md', text: story, config: config.forFile('/repo/s.md') }], { rules });
    const vague = result!.findings.filter((finding) => finding.ruleId === 'testable-criteria').map((finding) => story.slice(finding.span[0], finding.span[1]));
    expect(vague).toEqual(['snappy']);
  });

  it('files and ignores select what a directory walk lints, relative to the config file', () => {
    const config = resolverFor({ '/repo/.storylintrc.json': JSON.stringify({ files: ['stories/**/*.md'], ignores: ['stories/archive/**'] }) });
    expect(isSelectedByConfig(config.forFile('/repo/stories/a.md'), '/repo/stories/a.md')).toBe(true);
    expect(isSelectedByConfig(config.forFile('/repo/stories/archive/a.md'), '/repo/stories/archive/a.md')).toBe(false);
    expect(isSelectedByConfig(config.forFile('/repo/README.md'), '/repo/README.md')).toBe(false);
  });
});

describe('validation names the file, the line and the key', () => {
  const problem = (text: string, name = '.storylintrc.json') => errorOf(() => resolverFor({ [`/repo/${name}`]: text }).forFile('/repo/s.md')).message;

  it('rules: unknown rule, bad severity, unknown option, wrong option type, below minimum', () => {
    expect(problem(`{\n  "rules": {\n    "require-acceptance-critera": "error"\n  }\n}`)).toBe(
      `/repo/.storylintrc.json:3:5: "rules.require-acceptance-critera": unknown rule "require-acceptance-critera"`,
    );
    expect(problem(`{"rules": {"${RULE}": "warn"}}`)).toContain(`"rules.${RULE}": severity must be one of "off", "info", "warning", "error", got "warn"`);
    expect(problem(`{"rules": {"${RULE}": ["error", {"minimun": 2}]}}`)).toContain(`"rules.${RULE}.1.minimun": rule "${RULE}" has no option "minimun"; its options are minimum`);
    expect(problem(`rules:\n  ${RULE}:\n    - error\n    - minimum: two\n`, '.storylintrc.yaml')).toBe(
      `/repo/.storylintrc.yaml:4:16: "rules.${RULE}.1.minimum": expected a number, got string "two"`,
    );
    expect(problem(`{"rules": {"${RULE}": ["error", {"minimum": 0}]}}`)).toContain('must be at least 1, got 0');
  });

  it('settings: unknown key, idPattern that RE2 cannot run, requireSectionsFor outside heading|file|line', () => {
    expect(problem('{"rule": {}}')).toContain('"rule": unknown key; expected one of');
    expect(problem('{"idPattern": "(unclosed"}')).toContain('"idPattern": not a pattern RE2 can run (missing closing ): `(unclosed`): write it in RE2 syntax');
    for (const unsupported of ['(a)\\\\1', '(?<=#)\\\\d+', '(?=PAY)\\\\w+', '\\\\u00e9']) {
      expect(problem(`{"idPattern": "${unsupported}"}`)).toContain('with no backreferences, lookahead or lookbehind');
    }
    // RE2 runs in linear time: a pattern that backtracks catastrophically in JavaScript is fine.
    expect(resolverFor({ '/repo/.storylintrc.json': '{"idPattern": "(a+)+b"}' }).forFile('/repo/a.md').settings.idPattern).toBe('(a+)+b');
    expect(problem('{"requireSectionsFor": ["heading", "paragraph"]}')).toContain('"requireSectionsFor.1": "paragraph" is not one of heading, file, line');
    expect(problem('{"templates": [{"name": "x", "slots": []}]}')).toContain('"templates.0.slots": expected a non-empty list of slots');
    expect(problem('[1, 2]')).toContain('the configuration must be an object');
  });

  it('string[] options: a list of strings or {add, remove}, nothing else', () => {
    const rule = (options: string) => `{"rules": {"testable-criteria": ["warning", ${options}]}}`;
    expect(problem(rule('{"vagueTerms": "fast"}'))).toContain(
      '"rules.testable-criteria.1.vagueTerms": expected a list of strings or {"add": [...], "remove": [...]}, got string "fast"',
    );
    expect(problem(rule('{"vagueTerms": {"append": ["x"]}}'))).toContain('"rules.testable-criteria.1.vagueTerms.append": unknown key; expected one of add');
    expect(problem(rule('{"vagueTerms": {"add": [1]}}'))).toContain('"rules.testable-criteria.1.vagueTerms.add.0": expected a string, got number 1');
  });

  it('the top-level vagueTerms key moved to an option of testable-criteria: the error says where', () => {
    expect(problem('{\n  "personas": [],\n  "vagueTerms": {"add": ["snappy"]}\n}')).toBe(
      '/repo/.storylintrc.json:3:3: "vagueTerms": moved to an option of testable-criteria; set it there, ' +
        'e.g. "rules": {"testable-criteria": ["warning", {"vagueTerms": {"add": ["snappy"]}}]}',
    );
    const yaml = problem('vagueTerms: [fast]\n', '.storylintrc.yaml');
    expect(yaml).toMatch(/^\/repo\/\.storylintrc\.yaml:1:13: "vagueTerms": moved to an option of testable-criteria;/);
  });

  it('YAML is data only: custom tags are not executed', () => {
    expect(problem('personas: !!js/function "function () { return 1 }"\n', '.storylintrc.yaml')).toMatch(/personas|tag/);
  });
});

describe('lintWithConfig', () => {
  it('applies each file its own config; backlog rules compare files whose settings agree', () => {
    const story = '# Story\n\nAs a nurse, I want to see my shifts so that I can plan my week.\n';
    const resolver = resolverFor({ '/repo/quiet/.storylintrc.json': JSON.stringify({ rules: { [RULE]: 'off' } }) });
    const results = lintWithConfig(
      ['/repo/loud/a.md', '/repo/quiet/b.md'].map((filePath) => ({ filePath, text: story, config: resolver.forFile(filePath) })),
      { rules },
    );
    expect(results[0]!.findings.map((finding) => finding.ruleId)).toContain(RULE);
    expect(results[1]!.findings.map((finding) => finding.ruleId)).not.toContain(RULE);
  });
});

describe('JSON schema', () => {
  it('the checked-in schema/storylint.schema.json matches the rules (run `npm run schema` after changing rule metadata)', () => {
    const checkedIn = readFileSync(join(__dirname, '..', 'schema', 'storylint.schema.json'), 'utf8');
    expect(checkedIn).toBe(configSchemaText(rules));
  });

  it('a string[] option takes a list or {add, remove}; the old top-level vagueTerms is not a key', () => {
    const validate = new Ajv({ strict: false }).compile(configSchema(rules));
    const option = (vagueTerms: unknown) => validate({ rules: { 'testable-criteria': ['warning', { vagueTerms }] } });
    expect(option(['fast'])).toBe(true);
    expect(option({ add: ['snappy'], remove: ['fast'] })).toBe(true);
    expect(option({ append: ['snappy'] })).toBe(false);
    expect(option('fast')).toBe(false);
    expect(validate({ vagueTerms: ['fast'] })).toBe(false);
  });
});

describe('overrides', () => {
  const SIZE = 'story-size';
  const files = {
    '/repo/.storylintrc.json': JSON.stringify({
      rules: { [RULE]: 'error', [SIZE]: ['warning', { max: 8 }] },
      overrides: [
        { files: ['drafts/**'], excludedFiles: ['drafts/ready/**'], rules: { [RULE]: 'off' }, personas: ['Draft Dana'] },
        { files: ['drafts/big/**'], rules: { [SIZE]: ['error', { max: 20 }] } },
        { files: ['*.legacy.md'], rules: { [RULE]: 'info' } },
      ],
    }),
  };

  it('apply to the files their globs match (relative to the config file), after its own keys, later entries winning', () => {
    const resolver = resolverFor(files);
    const plain = resolver.forFile('/repo/backlog/a.md');
    expect(plain.ruleSettings[RULE]!.severity).toBe('error');
    expect(plain.appliedOverrides).toBeUndefined();
    const draft = resolver.forFile('/repo/drafts/a.md');
    expect(draft.ruleSettings[RULE]!.severity).toBe('off');
    expect(draft.settings.personas).toEqual(['Draft Dana']);
    expect(draft.appliedOverrides).toEqual(['/repo/.storylintrc.json#overrides[0]']);
    const big = resolver.forFile('/repo/drafts/big/a.md');
    expect(big.ruleSettings[SIZE]).toEqual({ severity: 'error', options: { max: 20 } });
    expect(big.ruleSettings[RULE]!.severity).toBe('off');
    // excludedFiles keeps the entry off those files; a slash-free glob matches the name at any depth.
    expect(resolver.forFile('/repo/drafts/ready/a.md').ruleSettings[RULE]!.severity).toBe('error');
    expect(resolver.forFile('/repo/drafts/ready/old.legacy.md').ruleSettings[RULE]!.severity).toBe('info');
  });

  it('files of one folder matched by the same overrides share one config object (backlog grouping); others get their own', () => {
    const resolver = resolverFor(files);
    expect(resolver.forFile('/repo/drafts/a.md')).toBe(resolver.forFile('/repo/drafts/b.md'));
    expect(resolver.forFile('/repo/backlog/a.md')).toBe(resolver.forFile('/repo/backlog/b.md'));
    expect(resolver.forFile('/repo/drafts/a.md')).not.toBe(resolver.forFile('/repo/drafts/c.legacy.md'));
  });

  it('a nearer config file wins over a farther file’s overrides; globs are relative to the file that declares them', () => {
    const resolver = resolverFor({
      ...files,
      '/repo/drafts/.storylintrc.json': JSON.stringify({ rules: { [RULE]: 'warning' }, overrides: [{ files: ['drafts/**'], rules: { [RULE]: 'info' } }] }),
    });
    // The nested config's "drafts/**" means /repo/drafts/drafts/**: it does not match /repo/drafts/a.md.
    expect(resolver.forFile('/repo/drafts/a.md').ruleSettings[RULE]!.severity).toBe('warning');
    expect(resolver.forFile('/repo/drafts/drafts/a.md').ruleSettings[RULE]!.severity).toBe('info');
  });

  it('a story rule override keeps the file in its backlog group: a duplicate id across it is found', () => {
    const resolver = resolverFor({ '/repo/.storylintrc.json': JSON.stringify({ overrides: [{ files: ['drafts/**'], rules: { [RULE]: 'off' } }] }) });
    const story = '# PAY-1 Refund\n\nAs a support agent, I want to refund one item so that the customer keeps the rest.\n';
    const results = lintWithConfig(
      ['/repo/backlog/a.md', '/repo/drafts/b.md'].map((filePath) => ({ filePath, text: story, config: resolver.forFile(filePath) })),
      { rules },
    );
    for (const result of results) expect(result.findings.map((finding) => finding.ruleId)).toContain('unique-id');
    expect(results[0]!.findings.map((finding) => finding.ruleId)).toContain(RULE);
    expect(results[1]!.findings.map((finding) => finding.ruleId)).not.toContain(RULE);
  });

  it.each([
    [{ overrides: {} }, '"overrides": expected a list of {"files": [...], "rules": {...}} entries, got an object', 1],
    [{ overrides: [{ rules: {} }] }, '"overrides.0": an override needs "files"', 1],
    [{ overrides: [{ files: [] }] }, '"overrides.0.files": expected at least one glob', 1],
    [{ overrides: [{ files: ['a/**'], ignores: ['b'] }] }, '"overrides.0.ignores": not allowed in an override: put the globs in the top-level "ignores"', 1],
    [{ overrides: [{ files: ['a/**'], overrides: [] }] }, '"overrides.0.overrides": not allowed in an override: overrides do not nest', 1],
    [{ overrides: [{ files: ['a/**'], rulez: {} }] }, '"overrides.0.rulez": unknown key; expected one of files, excludedFiles, rules,', 1],
    [{ overrides: [{ files: ['a/**'], rules: { 'no-such-rule': 'off' } }] }, '"overrides.0.rules.no-such-rule": unknown rule "no-such-rule"', 1],
  ])('a malformed override is refused with the file, the line and the key: %j', (config, message, line) => {
    const text = JSON.stringify(config, null, 2);
    const error = errorOf(() => resolverFor({ '/repo/.storylintrc.json': text }).forFile('/repo/a.md'));
    expect(error.file).toBe('/repo/.storylintrc.json');
    expect(error.detail).toContain(message);
    expect(error.place!.line).toBeGreaterThan(line);
  });

  it('the JSON schema takes overrides with the same rules as the top level', () => {
    const validate = new Ajv({ strict: false }).compile(configSchema(rules));
    expect(validate({ overrides: [{ files: ['drafts/**'], excludedFiles: ['drafts/x.md'], rules: { [RULE]: 'off' }, personas: ['Dana'] }] })).toBe(true);
    expect(validate({ overrides: [{ rules: { [RULE]: 'off' } }] })).toBe(false);
    expect(validate({ overrides: [{ files: ['a'], rules: { 'no-such-rule': 'off' } }] })).toBe(false);
    expect(validate({ overrides: [{ files: ['a'], root: true }] })).toBe(false);
  });
});

describe('outcomes', () => {
  it('outcomes globs are relative to the config file that sets them; outcomeIdPattern replaces the default', () => {
    const resolver = resolverFor({
      '/repo/.storylintrc.json': JSON.stringify({ outcomes: ['product/goals-*.md'], outcomeIdPattern: 'GOAL-\\d{1,3}' }),
      '/repo/teams/a/.storylintrc.json': JSON.stringify({ rules: { [RULE]: 'off' } }),
    });
    const config = resolver.forFile('/repo/teams/a/stories.md');
    expect(config.settings.outcomes).toEqual(['product/goals-*.md']);
    expect(config.settings.outcomesBase).toBe('/repo');
    expect(config.settings.outcomeIdPattern).toBe('GOAL-\\d{1,3}');
    expect(isOutcomesFile(config.settings, '/repo/product/goals-2026.md')).toBe(true);
    expect(isOutcomesFile(config.settings, '/repo/teams/a/product/goals-2026.md')).toBe(false);
    // --print-config shows them as absolute globs, like `files`.
    expect(describeConfig(config)).toMatchObject({ outcomes: ['/repo/product/goals-*.md'], outcomeIdPattern: 'GOAL-\\d{1,3}' });
    expect(describeConfig(config)).not.toHaveProperty('outcomesBase');
  });

  it('without a config the default outcome files are read at any depth', () => {
    const config = resolverFor({}).forFile('/repo/docs/outcomes.md');
    expect(config.settings.outcomes).toEqual(['**/outcomes.md', '**/OUTCOMES.md', '**/okrs.md', '**/goals.md']);
    expect(isOutcomesFile(config.settings, '/repo/docs/outcomes.md')).toBe(true);
  });

  it('validation: outcomes must be a list of strings, outcomeIdPattern a pattern RE2 runs, neither in an override', () => {
    const problem = (text: string) => errorOf(() => resolverFor({ '/repo/.storylintrc.json': text }).forFile('/repo/s.md')).message;
    expect(problem('{"outcomes": "outcomes.md"}')).toBe('/repo/.storylintrc.json:1:2: "outcomes": expected a list of strings, got string "outcomes.md"');
    expect(problem('{"outcomeIdPattern": "(KR)\\\\1"}')).toContain('"outcomeIdPattern": not a pattern RE2 can run');
    expect(problem('{"overrides": [{"files": ["a/**"], "outcomes": ["a/okrs.md"]}]}')).toContain(
      '"overrides.0.outcomes": not allowed in an override: set "outcomes" at the top level',
    );
  });

  it('the JSON schema takes outcomes and outcomeIdPattern at the top level only', () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(configSchema(rules));
    expect(validate({ outcomes: ['okrs/*.md'], outcomeIdPattern: 'KR-\\d+' })).toBe(true);
    expect(validate({ outcomes: 'okrs.md' })).toBe(false);
    expect(validate({ overrides: [{ files: ['a'], outcomes: ['b'] }] })).toBe(false);
  });
});
