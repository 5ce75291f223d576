import { PRESETS } from './resolve';
import { SEVERITIES } from './types';
import type { AnyRule, OptionSpec } from '../engine/rule';
import { DEFAULT_OUTCOME_FILES, DEFAULT_OUTCOME_ID_PATTERN } from '../story/settings';

type JsonSchema = Record<string, unknown>;

const stringList = (description: string): JsonSchema => ({ type: 'array', items: { type: 'string' }, description });

function optionSchema(spec: OptionSpec): JsonSchema {
  const base = { description: spec.description, default: spec.default };
  switch (spec.type) {
    case 'number':
      return { type: 'number', ...(spec.minimum !== undefined ? { minimum: spec.minimum } : {}), ...base };
    case 'boolean':
      return { type: 'boolean', ...base };
    case 'string':
      return { type: 'string', ...base };
    case 'string[]':
      // A list replaces the default; {add, remove} edits it (see ListEdit).
      return { anyOf: [{ $ref: '#/definitions/stringList' }, { $ref: '#/definitions/listEdit' }], ...base };
  }
}

function ruleSchema(rule: AnyRule): JsonSchema {
  const severity = { $ref: '#/definitions/severity' };
  const specs = Object.entries(rule.options as Record<string, OptionSpec>);
  const withOptions: JsonSchema[] = [{ type: 'array', items: [severity], minItems: 1, maxItems: 1 }];
  if (specs.length > 0) {
    withOptions.push({
      type: 'array',
      items: [severity, { type: 'object', properties: Object.fromEntries(specs.map(([key, spec]) => [key, optionSchema(spec)])), additionalProperties: false }],
      minItems: 2,
      maxItems: 2,
    });
  }
  return {
    description: `${rule.description} (default: ${rule.severity}${rule.fixable ? ', fixable' : ''})`,
    markdownDescription: `${rule.description}\n\nDefault: \`${rule.severity}\`${rule.fixable ? ' · fixable' : ''} · [docs](https://github.com/storylint/storylint/blob/main/rules/${rule.name}.md)`,
    default: rule.severity,
    anyOf: [severity, ...withOptions],
  };
}

/**
 * The JSON schema of .storylintrc.* files, generated from the rules' metadata. `npm run schema`
 * writes it to schema/storylint.schema.json and a test fails when the checked-in copy drifts.
 */
export function configSchema(rules: readonly AnyRule[]): JsonSchema {
  const overridable = overridableProperties();
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/storylint/storylint/blob/main/schema/storylint.schema.json',
    title: 'Storylint configuration',
    description: 'Configuration for storylint, the user-story linter. See docs/configuration.md.',
    type: 'object',
    additionalProperties: false,
    definitions: {
      severity: { type: 'string', enum: [...SEVERITIES], description: 'off, or the level findings are reported at.' },
      stringList: { type: 'array', items: { type: 'string' } },
      listEdit: {
        type: 'object',
        description: 'Edits the default list: "add" appends, "remove" takes out (case-insensitive).',
        properties: { add: { $ref: '#/definitions/stringList' }, remove: { $ref: '#/definitions/stringList' } },
        additionalProperties: false,
      },
      rules: {
        type: 'object',
        description: 'Severity per rule: "off", "info", "warning", "error", or [severity, {options}].',
        properties: Object.fromEntries(rules.map((rule) => [rule.name, ruleSchema(rule)])),
        additionalProperties: false,
      },
    },
    properties: {
      $schema: { type: 'string' },
      root: { type: 'boolean', description: 'Stop looking for config files in parent folders.', default: false },
      extends: {
        description: `Presets (${Object.keys(PRESETS).join(', ')}) or config files relative to this one, applied before this file's own settings.`,
        anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
      },
      files: stringList('Globs (relative to this file) of the files a directory walk lints. Default: **/*.md and **/*.markdown.'),
      ignores: stringList('Globs (relative to this file) of files never linted.'),
      outcomes: {
        ...stringList('Globs (relative to this file) of the files that declare product outcomes: each heading with an outcome id there is an outcome stories serve.'),
        default: [...DEFAULT_OUTCOME_FILES],
      },
      outcomeIdPattern: {
        type: 'string',
        description: 'Regular expression in RE2 syntax (linear-time) matching an outcome id ("KR-2.1", "OUT-3") in an outcome heading and in a story\'s **Serves:** line.',
        default: DEFAULT_OUTCOME_ID_PATTERN,
      },
      overrides: {
        type: 'array',
        description: "Settings for the files some globs match (ESLint-style), applied after this file's own keys; later entries win.",
        items: {
          type: 'object',
          required: ['files'],
          additionalProperties: false,
          properties: {
            files: { ...stringList('Globs (relative to this config file) of the files this entry applies to; a glob without a slash matches the file name at any depth.'), minItems: 1 },
            excludedFiles: stringList('Globs of files this entry does not apply to, even when `files` matches them.'),
            ...overridable,
          },
        },
      },
      ...overridable,
    },
  };
}

/** The keys a config file and an `overrides` entry both take: rules and story settings. */
function overridableProperties(): Record<string, JsonSchema> {
  return {
    // The rules' schemas are long: written once, referenced from the top level and each override.
    rules: { $ref: '#/definitions/rules' },
    sections: {
      type: 'object',
      description: 'Extra section names per kind, added to the built-in names (case-insensitive).',
      properties: Object.fromEntries(['outcome', 'problem', 'acceptance', 'notes'].map((kind) => [kind, { $ref: '#/definitions/stringList' }])),
      additionalProperties: false,
    },
    templates: {
      type: 'array',
      description: 'Extra statement templates; one named like a built-in template replaces it.',
      items: {
        type: 'object',
        required: ['name', 'slots'],
        additionalProperties: false,
        properties: {
          name: { type: 'string' },
          slots: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              required: ['part', 'keywords'],
              additionalProperties: false,
              properties: {
                part: { type: 'string', enum: ['role', 'means', 'ends', 'situation'] },
                keywords: { type: 'array', items: { type: 'string' }, minItems: 1 },
                optional: { type: 'boolean' },
              },
            },
          },
        },
      },
    },
    personas: stringList('Names of your personas; a role naming one counts as specific.'),
    idPattern: { type: 'string', description: 'Regular expression in RE2 syntax (linear-time; no backreferences, lookahead or lookbehind) matching a story id in the first 200 characters of a heading.' },
    requireSectionsFor: {
      type: 'array',
      description: 'Story kinds the section rules (problem, outcome, acceptance criteria) apply to.',
      items: { type: 'string', enum: ['heading', 'file', 'line'] },
      uniqueItems: true,
      default: ['heading', 'file'],
    },
  };
}

/** The schema file's text, exactly as checked in. */
export const configSchemaText = (rules: readonly AnyRule[]): string => `${JSON.stringify(configSchema(rules), null, 2)}\n`;
