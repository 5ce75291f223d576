#!/usr/bin/env node
// The extension as a person uses it: Playwright drives VS Code's workbench page (code-server + headless
// Chromium, started by scripts/vscode-test/session.mjs's createSession) with the packaged .vsix installed,
// on a copy of examples/. It opens a story with Ctrl+P, waits for the squiggles and the Problems
// panel, presses Ctrl+. on a finding, picks "Fix: Insert an Outcome section", saves with Ctrl+S and
// checks the file on disk; then "Fix all" on the same story, and "Split this story" on onboarding.md's
// ONB-203 (three capabilities). Prints `N passed, N failed` like the extension suite.
//
// Usage: node tests/vscode/ui/ui-test.mjs [--vsix storylint.vsix] [--screenshots <dir>] [--keep-temp]
//   --screenshots writes vscode-diagnostics.png, vscode-quick-fix.png, vscode-fixed-story.png and
//   vscode-split.png (scripts/vscode-test/screenshots.mjs).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { exitWith } from '../../../scripts/vscode-test/processes.mjs';
import { createSession } from '../../../scripts/vscode-test/session.mjs';
import { checkTools } from '../../../scripts/vscode-test/tools.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const STORY = 'stories/REF-8-refund-reasons.md';
const FIX_TITLE = 'Fix: Insert an Outcome section';
const FIX_ALL_TITLE = 'Fix all storylint problems in this file';
const SPLIT_FILE = 'onboarding.md';
/** ONB-203's statement line and a column inside the capabilities atomic-story reports. */
const SPLIT_AT = '46:40';
const SPLIT_TITLE = 'Split this story into 3 stories (send, track, edit)';
const STEP_TIMEOUT_MS = 30_000;
/** The screenshots go into the docs: a 1280×800 window keeps them small. */
const VIEWPORT = { width: 1280, height: 800 };

function parseArgs(argv) {
  const opts = { vsix: path.join(ROOT, 'storylint.vsix'), screenshots: undefined, keepTemp: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--vsix') opts.vsix = path.resolve(argv[++i]);
    else if (argv[i] === '--screenshots') opts.screenshots = path.resolve(argv[++i]);
    else if (argv[i] === '--keep-temp') opts.keepTemp = true;
    else { console.error(`ui-test.mjs: unknown argument ${argv[i]}`); process.exit(2); }
  }
  return opts;
}

/** Monaco renders spaces as non-breaking spaces. */
const plain = (text) => text.replace(/\u00a0/g, ' ');

/** What the CLI's fix makes of the story (require-outcome's alone, or with `all` every fix): the editor must agree. */
function expectedAfterFix(original, all = false) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'storylint-ui-expected-'));
  try {
    const file = path.join(dir, 'story.md');
    fs.writeFileSync(file, original);
    const others = all ? [] : ['require-problem', 'require-benefit', 'measurable-outcome'].flatMap((rule) => ['--rule', `${rule}:off`]);
    spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), '--no-config', ...others, '--fix', file], { encoding: 'utf8' });
    return fs.readFileSync(file, 'utf8');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  try {
    checkTools();
    if (!fs.existsSync(opts.vsix)) throw new Error(`${opts.vsix} not found: run \`npm run package\` first`);
    if (!fs.existsSync(path.join(ROOT, 'dist', 'cli.js'))) throw new Error('dist/cli.js not found: run `npm run build` first');
  } catch (e) {
    console.error(`ui-test.mjs: ${e.message}`);
    return 2;
  }

  const session = createSession({ workspace: path.join(ROOT, 'examples'), vsix: opts.vsix, settings: { 'workbench.activityBar.location': 'hidden', 'window.commandCenter': false } });
  const results = [];
  const step = async (name, fn) => {
    const started = Date.now();
    try {
      await Promise.race([fn(), session.lost.then((why) => { throw new Error(why); })]);
      results.push({ name, passed: true });
      console.log(`✓ ${name} (${Date.now() - started} ms)`);
    } catch (e) {
      results.push({ name, passed: false });
      console.log(`✗ ${name}: ${String(e?.message ?? e).split('\n')[0]}`);
      throw e;
    }
  };
  const storyOnDisk = path.join(session.workspace, ...STORY.split('/'));
  const original = fs.readFileSync(storyOnDisk, 'utf8');
  let failure;
  try {
    await session.start();
    const { page } = session;
    await page.setViewportSize(VIEWPORT);
    const shot = async (name, clip) => {
      if (!opts.screenshots) return;
      fs.mkdirSync(opts.screenshots, { recursive: true });
      const file = path.join(opts.screenshots, name);
      await page.screenshot({ path: file, clip });
      console.log(`[ui-test] screenshot ${path.relative(ROOT, file)} (${Math.round(fs.statSync(file).size / 1024)} KB)`);
    };

    await step('the workbench opens the examples folder', async () => {
      await page.goto(session.url(), { waitUntil: 'domcontentloaded', timeout: 60_000 });
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      await page.locator('.explorer-folders-view').waitFor({ timeout: STEP_TIMEOUT_MS }).catch(() => {});
    });

    const editor = page.locator('.editor-instance .monaco-editor').first();
    /** Opens a file with Ctrl+P as a person does. */
    const quickOpen = async (fileName) => {
      const picker = page.locator('.quick-input-widget');
      const row = picker.locator('.monaco-list-row', { hasText: fileName }).first();
      // The first keypress can arrive before the workbench listens for it: press again until the picker shows the file.
      for (let attempt = 0; ; attempt++) {
        await editor.click({ timeout: 1000 }).catch(() => page.locator('.monaco-workbench').click());
        await page.keyboard.press('Control+P');
        await picker.locator('input').waitFor({ timeout: 5_000 }).catch(() => {});
        await page.keyboard.type(fileName.replace(/\.md$/, ''));
        if (await row.waitFor({ timeout: 5_000 }).then(() => true, () => false)) break;
        if (attempt === 5) throw new Error(`the quick-open list never showed ${fileName}`);
        await page.keyboard.press('Escape');
      }
      await page.keyboard.press('Enter');
      await page.locator('.tab.active', { hasText: fileName }).waitFor({ timeout: STEP_TIMEOUT_MS });
    };
    /** Presses Ctrl+. after `place()` puts the cursor, until the menu offers `title`. */
    const actionMenuOffers = async (place, title) => {
      const menuItem = page.locator('.action-widget .monaco-list-row', { hasText: title });
      for (let attempt = 0; ; attempt++) {
        await place();
        await page.keyboard.press('Control+.');
        if (await menuItem.waitFor({ timeout: 3_000 }).then(() => true, () => false)) return menuItem;
        if (attempt === 5) throw new Error(`the code action menu never offered "${title}"`);
        await page.keyboard.press('Escape');
      }
    };
    /** Waits until the file on disk satisfies `check`. */
    const diskBecomes = async (file, check, what) => {
      const deadline = Date.now() + STEP_TIMEOUT_MS;
      while (!check(fs.readFileSync(file, 'utf8'))) {
        if (Date.now() > deadline) throw new Error(`${what}; on disk:\n${fs.readFileSync(file, 'utf8')}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    await step(`Ctrl+P opens ${STORY}`, () => quickOpen('REF-8-refund-reasons.md'));

    await step('squiggles and the story\'s code lens appear in the editor', async () => {
      await editor.locator('.squiggly-warning').first().waitFor({ timeout: STEP_TIMEOUT_MS });
      const lens = editor.locator('.codelens-decoration', { hasText: 'Quality' }).first();
      await lens.waitFor({ timeout: STEP_TIMEOUT_MS });
      const text = plain(await lens.innerText());
      if (!/^Quality \d+ · 3 warnings · fix$/.test(text)) throw new Error(`unexpected code lens "${text}"`);
    });

    let problems = [];
    await step('the Problems panel lists the findings with their rule', async () => {
      await page.keyboard.press('Control+Shift+M');
      // The panel lists the whole backlog (the server lints the workspace): filter it to this file.
      const filter = page.getByPlaceholder(/^Filter \(e\.g\. text/);
      await filter.fill('**/REF-8-refund-reasons.md', { timeout: STEP_TIMEOUT_MS });
      const rows = page.locator('.markers-panel .monaco-list-row');
      await rows.filter({ hasText: 'No outcome' }).first().waitFor({ timeout: STEP_TIMEOUT_MS });
      problems = (await rows.allInnerTexts()).map((text) => plain(text).replace(/\s+/g, ' ').trim());
      for (const [rule, message] of [['require-outcome', 'No outcome: add an "Outcome" section'], ['require-problem', 'No problem statement'], ['require-benefit', 'No benefit: add "so that …"']]) {
        if (!problems.some((row) => row.includes(message) && row.includes(rule))) throw new Error(`no Problems entry for ${rule} ("${message}…"); entries: ${JSON.stringify(problems)}`);
      }
      console.log(`[ui-test] Problems panel: ${problems.map((row) => row.slice(0, 90)).join(' | ')}`);
    });
    await shot('vscode-diagnostics.png');

    await step(`Ctrl+. on the finding offers "${FIX_TITLE}"`, async () => {
      // Click on the title in the front matter, where require-outcome is reported (line 4).
      const title = editor.locator('.view-line', { hasText: 'title: Refund reasons' });
      const menuItem = page.locator('.action-widget .monaco-list-row', { hasText: FIX_TITLE });
      for (let attempt = 0; ; attempt++) {
        await title.click({ position: { x: 120, y: 5 } });
        await page.keyboard.press('Control+.');
        if (await menuItem.waitFor({ timeout: 3_000 }).then(() => true, () => false)) break;
        if (attempt === 5) throw new Error(`the quick-fix menu never offered "${FIX_TITLE}"`);
        await page.keyboard.press('Escape');
      }
    });
    await shot('vscode-quick-fix.png');

    await step('clicking the fix and Ctrl+S write the Outcome section to disk', async () => {
      await page.locator('.action-widget .monaco-list-row', { hasText: FIX_TITLE }).click();
      await editor.locator('.view-line', { hasText: '{metric} from {baseline} to {target} by {date}' }).waitFor({ timeout: STEP_TIMEOUT_MS });
      await page.keyboard.press('Control+S');
      const expected = expectedAfterFix(original);
      if (expected === original) throw new Error('the CLI made no change: the expectation is wrong');
      const deadline = Date.now() + STEP_TIMEOUT_MS;
      while (fs.readFileSync(storyOnDisk, 'utf8') !== expected) {
        if (Date.now() > deadline) throw new Error(`the file on disk differs from the CLI's fix:\n${fs.readFileSync(storyOnDisk, 'utf8')}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      // The server publishes after its debounce: wait for the panel to show the new findings. The
      // inserted outcome is a placeholder, so measurable-outcome now asks for it to be replaced.
      const rows = page.locator('.markers-panel .monaco-list-row');
      await rows.filter({ hasText: 'still holds the placeholder "{metric}"' }).first().waitFor({ timeout: STEP_TIMEOUT_MS })
        .catch(() => { throw new Error('the Problems panel does not ask to replace the "{metric}" placeholder after the fix'); });
      const remaining = await rows.filter({ hasText: 'No outcome' }).count();
      if (remaining !== 0) throw new Error('the Problems panel still lists "No outcome" after the fix');
    });

    const titleLine = editor.locator('.view-line', { hasText: 'title: Refund reasons' });
    await step(`"${FIX_ALL_TITLE}" and Ctrl+S write the other missing sections to disk`, async () => {
      const before = fs.readFileSync(storyOnDisk, 'utf8');
      const expected = expectedAfterFix(before, true);
      if (expected === before) throw new Error('the CLI made no change: the expectation is wrong');
      const item = await actionMenuOffers(() => titleLine.click({ position: { x: 120, y: 5 } }), FIX_ALL_TITLE);
      await item.click();
      await editor.locator('.view-line', { hasText: '## Problem' }).waitFor({ timeout: STEP_TIMEOUT_MS });
      await page.keyboard.press('Control+S');
      await diskBecomes(storyOnDisk, (text) => text === expected, "the file on disk differs from the CLI's --fix");
      await page.keyboard.press('Control+Home');
    });
    await shot('vscode-fixed-story.png');

    await step(`a click in the Explorer opens ${SPLIT_FILE}`, async () => {
      await page.keyboard.press('Escape');
      await page.locator('.explorer-folders-view .monaco-list-row', { hasText: SPLIT_FILE }).first().click({ timeout: STEP_TIMEOUT_MS });
      await page.locator('.tab.active', { hasText: SPLIT_FILE }).waitFor({ timeout: STEP_TIMEOUT_MS });
      await editor.locator('.view-line', { hasText: '# Onboarding' }).first().waitFor({ timeout: STEP_TIMEOUT_MS });
    });
    let splitItem;
    await step(`Ctrl+. on ONB-203 offers "${SPLIT_TITLE}"`, async () => {
      splitItem = await actionMenuOffers(async () => {
        await page.keyboard.press('Control+G');
        await page.locator('.quick-input-widget input').waitFor({ timeout: 5_000 });
        await page.keyboard.type(SPLIT_AT);
        await page.keyboard.press('Enter');
      }, SPLIT_TITLE);
    });
    await shot('vscode-split.png');

    const splitOnDisk = path.join(session.workspace, SPLIT_FILE);
    await step('choosing the split and Ctrl+S write ONB-205 and ONB-206 after ONB-203', async () => {
      await splitItem.click();
      // The new stories are below the fold; ONB-203's own statement shows the split happened.
      await editor.locator('.view-line', { hasText: 'I want to send onboarding emails.' }).waitFor({ timeout: STEP_TIMEOUT_MS });
      await page.keyboard.press('Control+S');
      const wanted = [
        '## ONB-203 Onboarding emails\n\nAs a marketing manager, I want to send onboarding emails.\n',
        '**Notes:** Split into ONB-205 and ONB-206.\n\n## ONB-205 Track the open rates of onboarding emails\n\n' +
          'As a marketing manager, I want to track the open rates of onboarding emails.\n\n**Outcome:** See ONB-203.\n\n**Problem:** See ONB-203.\n\n' +
          '## ONB-206 Edit the templates\n\nAs a marketing manager, I want to edit the templates.\n\n**Outcome:** See ONB-203.\n\n**Problem:** See ONB-203.\n\n## ONB-204 Team invitations\n',
      ];
      await diskBecomes(splitOnDisk, (text) => wanted.every((part) => text.includes(part)), 'onboarding.md on disk does not hold the three stories');
    });
  } catch (e) {
    failure = e?.message ?? String(e);
    const file = path.join(session.tmp, 'failure.png');
    if (session.page) await session.page.screenshot({ path: file, timeout: 10_000 }).then(() => console.error(`[ui-test] screenshot of the failure: ${file}`), () => {});
  } finally {
    await session.stop();
  }

  const passed = results.filter((r) => r.passed).length;
  const failed = results.length - passed;
  const ok = !failure && failed === 0 && passed > 0;
  if (!ok) {
    console.error(`ui-test.mjs: ${failure ?? 'failed'}`);
    session.printLogs();
  }
  console.log(`${passed} passed, ${failed + (ok || failed > 0 ? 0 : 1)} failed`);
  if (opts.keepTemp || !ok) console.log(`[ui-test] kept temp folder ${session.tmp}`);
  else session.removeTemp();
  return session.signalled ? 130 : ok ? 0 : 1;
}

main().then(exitWith, (e) => { console.error(e); process.exitCode = 1; });
