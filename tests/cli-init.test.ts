import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { starterConfig } from '../cli/init';
import { parseConfigText } from '../core/config/load';
import { DEFAULT_IGNORE_PATTERNS } from '../core/config/select';
import { validateConfig } from '../core/config/validate';
import { rules } from '../rules';
import { ensureBuilt, storylint, tempDir } from './cli-harness';

beforeAll(ensureBuilt, 120_000);

const STORY = '## PAY-40 Refund a voucher\n\nAs a support agent, I want to refund a voucher so that the customer can shop again.\n';
const config = (text: string) => validateConfig(parseConfigText('/repo/.storylintrc.jsonc', text), rules);

describe('--init: the starter config says where stories live', () => {
  const text = starterConfig();

  it('suggests "files" in a comment, so by default every Markdown file is searched', () => {
    expect(text).toContain('\n  // "files": ["backlog/**/*.md", "stories/**/*.md"],\n');
    expect(text).toMatch(/every Markdown file for stories/);
    expect(text).toMatch(/replaces that search/);
    expect(config(text).files).toBeUndefined();
    // Uncommented, the suggestion is a valid setting.
    const uncommented = text.replace('// "files":', '"files":');
    expect(config(uncommented).files).toEqual(['backlog/**/*.md', 'stories/**/*.md']);
  });

  it('explains the built-in skips instead of copying them into "ignores"', () => {
    expect(config(text).ignores).toEqual([]);
    expect(text).toContain('"defaultIgnores"');
    for (const name of ['CHANGELOG', 'LICENSE', 'CONTRIBUTING', 'issue and pull request templates']) expect(text).toContain(name);
    for (const pattern of DEFAULT_IGNORE_PATTERNS) expect(text).not.toContain(`"${pattern}"`);
  });

  it('a project initialised with it lints its backlog and skips CHANGELOG.md', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'backlog'));
    writeFileSync(join(dir, 'backlog', 'payments.md'), STORY);
    writeFileSync(join(dir, 'CHANGELOG.md'), STORY);
    expect(storylint(['--init'], { cwd: dir }).code).toBe(0);
    expect(readFileSync(join(dir, '.storylintrc.jsonc'), 'utf8')).toBe(text);
    const run = storylint(['-f', 'json', '.'], { cwd: dir });
    expect(run.code).toBe(1);
    expect((JSON.parse(run.stdout) as { filePath: string }[]).map((result) => result.filePath)).toEqual([join(dir, 'backlog', 'payments.md')]);
  });
});
