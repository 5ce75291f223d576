import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules';

const ROOT = join(__dirname, '..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('README', () => {
  it('lists every rule with its default severity and a link to its doc page', () => {
    for (const rule of rules) {
      const row = readme.split('\n').find((line) => line.startsWith(`| [\`${rule.name}\`](rules/${rule.name}.md)`));
      expect(row, rule.name).toBeDefined();
      expect(row!.split('|')[2]!.trim(), rule.name).toBe(rule.severity);
      expect(row!.split('|')[3]!.trim() === '✓', `${rule.name} fixable`).toBe(rule.fixable);
    }
  });

  it('lists no rule that does not exist', () => {
    const listed = [...readme.matchAll(/^\| \[`([a-z-]+)`\]\(rules\//gm)].map((match) => match[1]);
    expect(listed.sort()).toEqual(rules.map((rule) => rule.name).sort());
  });

  it('links only to files that exist', () => {
    for (const [, target] of readme.matchAll(/\]\((?!https?:|#)([^)#\s]+)/g)) {
      expect(existsSync(join(ROOT, target!)), target).toBe(true);
    }
  });

  it('names the two quick-start commands that CI runs', () => {
    const ci = readFileSync(join(ROOT, '.ci', 'run'), 'utf8');
    expect(readme).toContain('npm ci && npx storylint examples/');
    expect(readme).toContain('npm test');
    expect(ci).toContain('npm test');
    expect(ci).toContain('examples/');
  });

  it('CI runs the real-editor tests with the README\'s command and installs nothing before it', () => {
    const ciCommands = readFileSync(join(ROOT, '.ci', 'run'), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '' && !/^\s*(?:#|echo|set |cd |started=|if |fi|exit|status=|\s)/.test(line));
    expect(readme).toContain('`npm run test:vscode`');
    expect(readme).toContain('`npm run test:web`');
    expect(ciCommands).toEqual(['npm ci --no-audit --no-fund', 'npx storylint examples/', 'npm run test:vscode', 'npm run test:web', 'npm test']);
  });
});
