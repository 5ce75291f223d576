import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, ConfigResolver, DEFAULT_SETTINGS, lintFiles, parseConfigText } from '../../core';
import { rules } from '../../rules';
import { nodeConfigHost } from '../../host/node-config';
import { ensureBuilt, REPO, storylint, tempDir } from '../cli-harness';

beforeAll(ensureBuilt, 120_000);

const STORY = '# PAY-1 Export refunds\n\nAs a support agent, I want to export refunds so that finance can reconcile them.\n';

/** JavaScript that leaves a marker file if anything ever runs it. */
const evil = (marker: string) => `require('fs').writeFileSync(${JSON.stringify(marker)}, 'executed'); module.exports = { rules: {} };\n`;

describe('nothing in a workspace is executed', () => {
  it('a config that extends a .js file reports it as invalid config and never runs it', () => {
    const dir = tempDir();
    const marker = join(dir, 'MARKER');
    writeFileSync(join(dir, 'evil.js'), evil(marker));
    writeFileSync(join(dir, '.storylintrc.json'), '{ "extends": "./evil.js" }');
    writeFileSync(join(dir, 'story.md'), STORY);
    const run = storylint(['story.md'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^storylint: .*evil\.js:1:1: invalid JSON: /);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(marker)).toBe(false);
  });

  it('.storylintrc.js, .cjs and .mjs files are not config files: they are neither loaded nor run', () => {
    const dir = tempDir();
    const marker = join(dir, 'MARKER');
    for (const name of ['.storylintrc.js', '.storylintrc.cjs', '.storylintrc.mjs', 'storylint.config.js']) writeFileSync(join(dir, name), evil(marker));
    writeFileSync(join(dir, 'story.md'), STORY);
    const run = storylint(['--print-config', 'story.md'], { cwd: dir });
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { sources: string[] }).sources).toEqual([]);
    storylint(['story.md'], { cwd: dir });
    expect(existsSync(marker)).toBe(false);
  });

  it('extends cannot reach outside the project', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'docs'));
    writeFileSync(join(dir, 'docs', '.storylintrc.json'), '{ "extends": "../../../../../../etc/passwd" }');
    writeFileSync(join(dir, 'docs', 'story.md'), STORY);
    const run = storylint(['docs/story.md'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`"extends": "../../../../../../etc/passwd" points outside the project; extend files inside ${dir}`);
    expect(run.stderr).not.toContain('root:');
  });

  it('extends cannot reach outside the project through a symlink, and the outside file never shows', () => {
    const dir = tempDir();
    const outside = tempDir();
    writeFileSync(join(outside, 'secret.json'), '{ "TOPSECRET-VALUE": "x", "personas": ["TOPSECRET-PERSONA"] }');
    symlinkSync(join(outside, 'secret.json'), join(dir, 'shared.json'));
    writeFileSync(join(dir, '.storylintrc.json'), '{ "extends": "./shared.json" }');
    writeFileSync(join(dir, 'story.md'), STORY);
    for (const args of [['story.md'], ['--print-config', 'story.md']]) {
      const run = storylint(args, { cwd: dir });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`"extends": "./shared.json" points outside the project; extend files inside ${dir}`);
      expect(run.stdout + run.stderr).not.toContain('TOPSECRET');
    }
  });
});

describe('YAML is read as data', () => {
  it('a config with a !!js/function or custom tag is rejected or read as plain text, never built into an object', () => {
    for (const text of ['personas: !!js/function "function () { return 1 }"\n', 'personas: !<tag:yaml.org,2002:js/function> "x"\n', 'personas: !custom [a]\n']) {
      let data: unknown;
      try {
        data = parseConfigText('.storylintrc.yaml', text).data;
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        continue;
      }
      expect(JSON.parse(JSON.stringify(data))).toEqual(data);
      expect(typeof (data as { personas: unknown }).personas).not.toBe('function');
    }
  });

  it('front matter with tags or an alias bomb gives plain data or an error, quickly', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`)].join('\n');
    for (const front of ['type: !!js/function "function () {}"', 'type: !custom story', bomb]) {
      const start = performance.now();
      const [result] = lintFiles([{ filePath: 'story.md', text: `---\n${front}\n---\n${STORY}` }], { rules, settings: DEFAULT_SETTINGS });
      expect(performance.now() - start).toBeLessThan(5000);
      const data = result!.parsed.frontMatter!.data;
      for (const value of Object.values(data)) expect(typeof value).not.toBe('function');
    }
  });

  it('__proto__ keys in JSON or YAML config do not pollute prototypes', () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.storylintrc.json'), '{ "__proto__": { "polluted": true }, "rules": { "__proto__": { "polluted": true } } }');
    mkdirSync(join(dir, 'y'));
    writeFileSync(join(dir, 'y', '.storylintrc.yaml'), '__proto__:\n  polluted: true\n');
    for (const file of [join(dir, 'story.md'), join(dir, 'y', 'story.md')]) {
      try {
        new ConfigResolver({ rules, host: nodeConfigHost, workspaceRoot: dir }).forFile(file);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
      }
    }
    expect(({} as { polluted?: boolean }).polluted).toBe(undefined);
    expect((Object.prototype as { polluted?: boolean }).polluted).toBe(undefined);
  });
});

describe('the extension declares its workspace-trust behaviour', () => {
  it('package.json capabilities.untrustedWorkspaces is declared with a description', () => {
    const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
      capabilities?: { untrustedWorkspaces?: { supported: boolean | 'limited'; description?: string; restrictedConfigurations?: string[] } };
    };
    const trust = manifest.capabilities?.untrustedWorkspaces;
    expect(trust, 'capabilities.untrustedWorkspaces is missing from package.json').toBeDefined();
    expect([true, false, 'limited']).toContain(trust!.supported);
    // A description is required unless the extension simply does not run in untrusted workspaces.
    if (trust!.supported !== false) expect(trust!.description ?? '').toMatch(/\w.{20,}/);
    // In Restricted Mode a workspace must not point the server at a file of its choosing.
    expect(trust!.restrictedConfigurations).toContain('storylint.configFile');
  });
});
