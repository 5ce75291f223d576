import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { rules } from '../rules';
import { writeFileAtomic } from './io';
import type { Io } from './run';

const STARTER = '.storylintrc.jsonc';

/** The starter config: every rule listed at its default severity, with the main settings explained. */
export function starterConfig(): string {
  const ruleLines = rules.map((rule, index) => `    // ${rule.description}\n    "${rule.name}": "${rule.severity}"${index < rules.length - 1 ? ',' : ''}`);
  return `// Storylint configuration. Docs: https://github.com/storylint/storylint/blob/main/docs/configuration.md
{
  "$schema": "./node_modules/storylint/schema/storylint.schema.json",
  // Stop looking for config files in parent folders.
  "root": true,
  // Presets: storylint:recommended (defaults), storylint:strict (warnings become errors), storylint:all.
  "extends": ["storylint:recommended"],
  // Severity per rule: "off", "info", "warning", "error", or ["warning", { options }]. A word-list
  // option takes a list that replaces its default, or {"add": [...], "remove": [...]} that edits it,
  // e.g. "testable-criteria": ["warning", { "vagueTerms": { "add": ["snappy"], "remove": ["simple"] } }].
  "rules": {
${ruleLines.join('\n')}
  },
  // Where your stories live (globs relative to this file). Without "files", a directory walk
  // searches every Markdown file for stories (files without any stay silent) and skips the
  // well-known non-backlogs: CHANGELOG, HISTORY, LICENSE, SECURITY, CONTRIBUTING, CODE_OF_CONDUCT
  // and issue and pull request templates (\`storylint --print-config <file>\` lists them as
  // "defaultIgnores"). Setting "files" replaces that search, built-in skips included.
  // "files": ["backlog/**/*.md", "stories/**/*.md"],
  // Files never linted, not even when named on the command line or open in the editor (globs
  // relative to this file). No need to list node_modules, .git or the well-known files above:
  // a directory walk skips them already.
  "ignores": [],
  // Your personas: a role naming one counts as specific.
  "personas": [],
  // Extra section names, added to the built-in ones.
  "sections": { "outcome": [], "problem": [], "acceptance": [] }
}
`;
}

/** Writes .storylintrc.jsonc in the cwd; refuses to overwrite an existing one (exit 2). */
export function init(io: Io): number {
  const path = join(io.cwd, STARTER);
  if (existsSync(path)) {
    io.stderr.write(`storylint: ${STARTER} already exists; not overwriting it\n`);
    return 2;
  }
  writeFileAtomic(path, starterConfig());
  io.stdout.write(`Wrote ${STARTER}\n`);
  return 0;
}
