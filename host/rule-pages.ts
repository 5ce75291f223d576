// The rule pages (rules/<rule>.md) as installed: the server shows them, SARIF carries them as help.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where the pages are: rules/ beside dist/ in the npm package, the .vsix and the repository (from
 * the CLI and server bundles in dist/, and from these sources); the library bundle is in dist/lib/.
 */
let pagesDir: string | undefined;
/** Looked up on first use: a run whose format needs no page pays nothing at start-up. */
const rulePagesDir = (): string =>
  (pagesDir ??= [join(__dirname, '..', 'rules'), join(__dirname, '..', '..', 'rules')].find((dir) => existsSync(dir)) ?? join(__dirname, '..', 'rules'));

export const rulePagePath = (rule: string): string => join(rulePagesDir(), `${rule}.md`);

/** The pages of these rules by name; a rule whose page is not installed is left out (output stays valid without it). */
export function readRulePages(names: readonly string[]): Record<string, string> {
  const pages: Record<string, string> = {};
  for (const name of names) {
    try {
      pages[name] = readFileSync(rulePagePath(name), 'utf8');
    } catch {
      // Not installed: the caller falls back to the rule's one-line description.
    }
  }
  return pages;
}
