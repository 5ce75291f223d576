import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURE_ROOT = join(__dirname, '..', 'fixtures', 'rules');
export const UPDATE = process.env.UPDATE_FIXTURES === '1';

export interface RuleFixture {
  name: string;
  path: string;
  text: string;
  valid: boolean;
  /** Expected findings of the rule, in the compact format with the fixture's file name. */
  expected: string;
  expectedPath: string;
  /** The text after applying every fix, when the fixture has a `.fixed.md` twin. */
  fixed?: string;
  fixedPath: string;
}

/** `valid-*.md` must stay silent; `invalid-*.md` come with `.expected` findings and `.fixed.md` output. */
export function fixturesOf(ruleName: string): RuleFixture[] {
  const folder = join(FIXTURE_ROOT, ruleName);
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((file) => /^(valid|invalid)-.*\.md$/.test(file) && !file.endsWith('.fixed.md'))
    .sort()
    .map((file) => {
      const path = join(folder, file);
      const expectedPath = path.replace(/\.md$/, '.expected');
      const fixedPath = path.replace(/\.md$/, '.fixed.md');
      return {
        name: file,
        path,
        text: readFileSync(path, 'utf8'),
        valid: file.startsWith('valid-'),
        expected: existsSync(expectedPath) ? readFileSync(expectedPath, 'utf8').trimEnd() : '',
        expectedPath,
        fixed: existsSync(fixedPath) ? readFileSync(fixedPath, 'utf8') : undefined,
        fixedPath,
      };
    });
}

/** With UPDATE_FIXTURES=1 a test writes what it saw; a human reviews the diff. */
export function updateFile(path: string, content: string): void {
  if (UPDATE) writeFileSync(path, content);
}
