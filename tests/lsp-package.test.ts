import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers/lsp-client';

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

describe('VS Code extension manifest and package', () => {
  const work = mkdtempSync(join(tmpdir(), 'storylint-vsix-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('declares every setting with a markdownDescription and every command in the Storylint category', () => {
    const settings = manifest.contributes.configuration.properties as Record<string, { markdownDescription?: string }>;
    expect(Object.keys(settings).sort()).toEqual(['storylint.codeLens', 'storylint.configFile', 'storylint.docsBaseUrl', 'storylint.enable', 'storylint.run', 'storylint.trace.server']);
    for (const [name, setting] of Object.entries(settings)) expect(setting.markdownDescription, name).toMatch(/\w{3,}/);
    const commands = manifest.contributes.commands as { command: string; category: string }[];
    expect(commands.every((command) => command.category === 'Storylint')).toBe(true);
    expect(commands.map((command) => command.command).sort()).toEqual(
      ['storylint.createConfig', 'storylint.fixAllInFile', 'storylint.fixAllInWorkspace', 'storylint.newStory', 'storylint.restartServer', 'storylint.showOutput', 'storylint.showReport'],
    );
    expect(manifest.main).toBe('./dist/client.js');
    expect(manifest.capabilities.untrustedWorkspaces.supported).toBe(true);
  });

  it('packages only the bundles, manifest, docs, rule pages, schema and snippets (vsce, no dependencies)', () => {
    // Package a copy, so the build other tests run against is left alone.
    for (const file of ['package.json', 'README.md', 'LICENSE', '.vscodeignore']) copyFileSync(join(ROOT, file), join(work, file));
    for (const folder of ['schema', 'snippets']) cpSync(join(ROOT, folder), join(work, folder), { recursive: true });
    mkdirSync(join(work, 'dist'));
    for (const file of ['server.js', 'server.js.map', 'client.js']) cpSync(join(ROOT, 'dist', file), join(work, 'dist', file));
    mkdirSync(join(work, 'rules'));
    for (const file of ['atomic-story.md', 'atomic-story.ts']) copyFileSync(join(ROOT, 'rules', file), join(work, 'rules', file)); // the page ships, the source stays out
    mkdirSync(join(work, 'server'));
    copyFileSync(join(ROOT, 'server', 'main.ts'), join(work, 'server', 'main.ts')); // a source file that must stay out

    const vsix = join(work, 'storylint.vsix');
    execFileSync(join(ROOT, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '-o', vsix], { cwd: work, stdio: 'pipe' });
    const listing = execFileSync('unzip', ['-Z1', vsix], { encoding: 'utf8' }).trim().split('\n').sort();
    expect(listing).toEqual(
      [
        '[Content_Types].xml',
        'extension.vsixmanifest',
        'extension/LICENSE.txt',
        'extension/dist/client.js',
        'extension/dist/server.js',
        'extension/package.json',
        'extension/readme.md',
        'extension/rules/atomic-story.md',
        'extension/schema/storylint.schema.json',
        'extension/snippets/markdown.json',
      ].sort(),
    );
    // Everything is bundled: the package stays small (unminified build here; `npm run package` minifies).
    expect(statSync(vsix).size).toBeLessThan(1_500_000);
  }, 120_000);
});
