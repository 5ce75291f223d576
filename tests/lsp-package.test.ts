import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rules } from '../rules';
import { ensureBuilt } from './cli-harness';
import { ROOT } from './helpers/lsp-client';

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const VSCE = join(ROOT, 'node_modules', '.bin', 'vsce');
/** The user README as `npm run package` names it, so this test and the script cannot drift apart. */
const USER_README = /--readme-path (\S+)/.exec(manifest.scripts.package)?.[1] ?? '(no --readme-path in scripts.package)';
const REPOSITORY = 'https://github.com/storylint/storylint';

/** The Markdown link targets of a page, images included. */
const linkTargets = (markdown: string): string[] => [...markdown.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]);

describe('VS Code extension manifest and package', () => {
  const work = mkdtempSync(join(tmpdir(), 'storylint-vsix-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  beforeAll(() => ensureBuilt(), 120_000);

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
    // The web extension (vscode.dev, github.dev): its client, and virtual workspaces read through vscode.workspace.fs.
    expect(manifest.browser).toBe('./dist/web/client.js');
    expect(manifest.capabilities.virtualWorkspaces).toBe(true);
    expect(manifest.capabilities.untrustedWorkspaces.supported).toBe(true);
  });

  it('has the Marketplace and Open VSX fields: icon, banner, keywords, homepage, bugs, no Q&A forum', () => {
    expect(manifest.icon).toBe('images/icon.png');
    expect(manifest.galleryBanner).toEqual({ color: expect.stringMatching(/^#[0-9a-f]{6}$/), theme: 'dark' });
    expect(manifest.keywords.length).toBeGreaterThanOrEqual(5);
    expect(manifest.keywords.length).toBeLessThanOrEqual(30); // the Marketplace's limit
    expect(manifest.homepage).toBe(`${REPOSITORY}#readme`);
    expect(manifest.bugs).toEqual({ url: `${REPOSITORY}/issues` });
    expect(manifest.qna).toBe(false);
    expect(manifest.repository.url).toBe(REPOSITORY);
  });

  it('the icon is a 128×128 PNG (read from its IHDR chunk)', () => {
    const png = readFileSync(join(ROOT, manifest.icon));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.toString('latin1', 12, 16)).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([128, 128]);
    expect(png[25]).toBe(6); // colour type RGBA: the rounded corners are transparent
  });

  it('vsce ls in the repository lists exactly what users need: bundles, manifest, user README, changelog, icon, licence, schema, snippets, rule pages', () => {
    const listed = execFileSync(VSCE, ['ls', '--no-dependencies', '--readme-path', USER_README], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').sort();
    const rulePages = readdirSync(join(ROOT, 'rules')).filter((name) => name.endsWith('.md')).map((name) => `rules/${name}`);
    expect(rulePages).toHaveLength(rules.length);
    expect(listed).toEqual(
      [
        'CHANGELOG.md',
        'LICENSE',
        'dist/client.js',
        'dist/server.js',
        'dist/web/client.js',
        'dist/web/server.js',
        USER_README,
        'images/icon.png',
        'package.json',
        'schema/storylint.schema.json',
        'snippets/markdown.json',
        ...rulePages,
      ].sort(),
    );
  }, 60_000);

  it('packages the user README as the extension page, with the changelog and icon, and nothing else (vsce package, no dependencies)', () => {
    // Package a copy, so the build other tests run against is left alone; it holds files that must stay out, too.
    const copy = (path: string) => {
      mkdirSync(dirname(join(work, path)), { recursive: true });
      cpSync(join(ROOT, path), join(work, path), { recursive: true });
    };
    for (const path of ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', '.vscodeignore', USER_README, 'images', 'schema', 'snippets']) copy(path);
    for (const path of ['dist/server.js', 'dist/server.js.map', 'dist/client.js', 'dist/web', 'rules/atomic-story.md', 'rules/atomic-story.ts', 'server/main.ts']) copy(path);

    const vsix = join(work, 'storylint.vsix');
    execFileSync(VSCE, ['package', '--no-dependencies', '--readme-path', USER_README, '-o', vsix], { cwd: work, stdio: 'pipe' });
    const listing = execFileSync('unzip', ['-Z1', vsix], { encoding: 'utf8' }).trim().split('\n').sort();
    expect(listing).toEqual(
      [
        '[Content_Types].xml',
        'extension.vsixmanifest',
        'extension/LICENSE.txt',
        'extension/changelog.md',
        'extension/dist/client.js',
        'extension/dist/server.js',
        'extension/dist/web/client.js',
        'extension/dist/web/server.js',
        'extension/images/icon.png',
        'extension/package.json',
        'extension/readme.md',
        'extension/rules/atomic-story.md',
        'extension/schema/storylint.schema.json',
        'extension/snippets/markdown.json',
      ].sort(),
    );
    const unzip = (entry: string) => execFileSync('unzip', ['-p', vsix, entry], { encoding: 'utf8', maxBuffer: 16_000_000 });
    const page = unzip('extension/readme.md');
    expect(page).toBe(readFileSync(join(ROOT, USER_README), 'utf8'));
    expect(page).not.toBe(readFileSync(join(ROOT, 'README.md'), 'utf8'));
    expect(unzip('extension/changelog.md')).toBe(readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8'));
    const vsixManifest = unzip('extension.vsixmanifest');
    expect(vsixManifest).toContain('<Icon>extension/images/icon.png</Icon>');
    expect(vsixManifest).toMatch(/Type="Microsoft\.VisualStudio\.Services\.Content\.Details" Path="extension\/readme\.md"/);
    // Everything is bundled: the package stays small (unminified build here; `npm run package` minifies:
    // 860 KB with both builds, the web worker 1.0 MB of it before compression).
    expect(statSync(vsix).size).toBeLessThan(2_500_000);
    // The browser build is whole: one worker script and one client module, which load no Node module
    // (a browser has none; esbuild leaves an unresolvable `require` in place only when told to).
    for (const bundle of ['extension/dist/web/server.js', 'extension/dist/web/client.js']) {
      const size = Buffer.byteLength(unzip(bundle));
      expect(size, bundle).toBeGreaterThan(100_000);
      expect(size, bundle).toBeLessThan(2_500_000);
      expect(unzip(bundle), bundle).not.toMatch(/require\(["'](node:|fs|path|os|child_process|worker_threads)["'/]/);
    }
  }, 120_000);
});

describe('the extension page (the user README)', () => {
  const page = readFileSync(join(ROOT, USER_README), 'utf8');

  it('links only absolute https addresses, so images and links work on the Marketplace, Open VSX and GitHub alike', () => {
    const targets = linkTargets(page);
    expect(targets.length).toBeGreaterThan(20);
    expect(targets.filter((target) => !target.startsWith('https://'))).toEqual([]);
    const images = [...page.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((match) => match[1]);
    expect(images.length).toBeGreaterThanOrEqual(2);
    for (const image of images) expect(statSync(join(ROOT, image.replace(`${REPOSITORY}/raw/HEAD/`, ''))).isFile()).toBe(true);
  });

  it('lists every rule with a link to its page, its default severity and whether it fixes; every setting and every command', () => {
    const linkedRules = linkTargets(page).flatMap((target) => /\/blob\/HEAD\/rules\/([a-z-]+)\.md$/.exec(target)?.[1] ?? []);
    expect(linkedRules.sort()).toEqual(rules.map((rule) => rule.name).sort());
    for (const rule of rules) expect(page, rule.name).toContain(`| [${rule.name}](${REPOSITORY}/blob/HEAD/rules/${rule.name}.md) | ${rule.severity} |${rule.fixable ? ' ✓ ' : ' '}|`);
    for (const setting of Object.keys(manifest.contributes.configuration.properties)) expect(page).toContain(`\`${setting}\``);
    for (const command of manifest.contributes.commands as { title: string }[]) expect(page).toContain(`*${command.title}*`);
  });
});
