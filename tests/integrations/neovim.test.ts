import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, SERVER } from '../helpers/lsp-client';

/*
 * The language server in a real Neovim: `nvim --headless --clean` runs the session in
 * tests/fixtures/editors/neovim-init.lua (open a story, wait for diagnostics, hover, symbols, code
 * lens, apply a quick fix, write the buffer, run a code lens command, fix on save, stop the server) and writes what Neovim saw as JSON.
 */
const FIXTURES = join(ROOT, 'tests', 'fixtures', 'editors');
const DOCS = 'https://docs.example.com/storylint/';
const hasNeovim = spawnSync('nvim', ['--version'], { encoding: 'utf8' }).status === 0;

interface Shown {
  code: string;
  lnum: number;
  col: number;
  severity: number;
  source: string;
}

/** What the Lua session wrote (tests/fixtures/editors/neovim-init.lua). */
interface Session {
  failure?: string;
  diagnostics: Shown[];
  after: Shown[];
  lsp_diagnostics: { code: string; codeDescription?: { href: string }; relatedInformation?: { location: { uri: string } }[] }[];
  actions: { title: string; kind: string; preferred?: boolean; edit: boolean }[];
  applied: string;
  hover: { contents: { kind: string; value: string } };
  symbols: { name: string; children?: { name: string }[] }[];
  lenses: { command: { title: string; command: string } }[];
  lens_command: { title: string; command: string; arguments: unknown[] };
  lens_after: Shown[];
  save_after: Shown[];
  log: { type: number; message: string }[];
  rpc_errors: string[];
  exit?: { code: number; signal: number };
}

const temp = mkdtempSync(join(tmpdir(), 'storylint-nvim-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** One Neovim session on a copy of the fixture workspace; its own XDG folders keep the user's Neovim out and hold its lsp.log. */
function runNeovim(): { status: number | null; stderr: string; session: Session; workspace: string; lspLog: string } {
  const workspace = join(temp, 'workspace');
  cpSync(join(FIXTURES, 'workspace'), workspace, { recursive: true });
  const xdg = (name: string) => join(temp, name);
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: xdg('config'),
    XDG_CACHE_HOME: xdg('cache'),
    XDG_STATE_HOME: xdg('state'),
    XDG_DATA_HOME: xdg('data'),
    STORYLINT_NODE: process.execPath,
    STORYLINT_SERVER: SERVER,
    STORYLINT_ROOT: workspace,
    STORYLINT_FILE: join(workspace, 'stories', 'cards.md'),
    STORYLINT_OUT: join(temp, 'session.json'),
    STORYLINT_DOCS: DOCS,
    STORYLINT_EXPECT: 'unique-id,require-outcome',
    STORYLINT_FIX: 'require-outcome',
    STORYLINT_LENS_FILE: join(workspace, 'stories', 'search.md'),
    STORYLINT_SAVE_FILE: join(workspace, 'stories', 'exports.md'),
  };
  const args = ['--headless', '--clean', '-i', 'NONE', '-u', join(FIXTURES, 'neovim-init.lua')];
  // A guard only: the session bounds its own waits and quits.
  const run = spawnSync('nvim', args, { cwd: workspace, env, encoding: 'utf8', timeout: 180_000, killSignal: 'SIGKILL' });
  const session = JSON.parse(readFileSync(env.STORYLINT_OUT, 'utf8')) as Session;
  const logPath = join(xdg('cache'), 'nvim', 'lsp.log');
  return { status: run.status, stderr: run.stderr, session, workspace, lspLog: existsSync(logPath) ? readFileSync(logPath, 'utf8') : '' };
}

describe('Neovim (a real editor over stdio, started with no transport argument)', () => {
  it.skipIf(!hasNeovim)('shows diagnostics of the story and of the backlog, applies a quick fix, a code lens command and fix-on-save, writes the files (needs Debian neovim: scripts/vscode-test/setup.sh)', () => {
    const { status, stderr, session, workspace, lspLog } = runNeovim();
    expect(session.failure, stderr).toBeUndefined();
    expect(status, stderr).toBe(0);

    // What Neovim shows (0-based lines): the missing outcome, and the id the closed archive.md also uses
    // (only the workspace scan finds it); require-problem is off in the workspace's .storylintrc.json.
    const brief = (list: Shown[]) => list.map(({ code, lnum, col, severity, source }) => ({ code, lnum, col, severity, source }));
    expect(brief(session.diagnostics)).toEqual([
      { code: 'require-outcome', lnum: 2, col: 3, severity: 2, source: 'storylint' },
      { code: 'unique-id', lnum: 2, col: 3, severity: 1, source: 'storylint' },
    ]);
    const duplicate = session.lsp_diagnostics.find((d) => d.code === 'unique-id')!;
    expect(duplicate.relatedInformation?.map((related) => related.location.uri)).toEqual([pathToFileURL(join(workspace, 'stories', 'archive.md')).href]);
    // The settings Neovim pushed reached the server: rule links go to the team's docs.
    expect(session.lsp_diagnostics.map((d) => d.codeDescription?.href).sort()).toEqual([`${DOCS}require-outcome.md`, `${DOCS}unique-id.md`]);

    expect(session.hover.contents.kind).toBe('markdown');
    expect(session.hover.contents.value).toMatch(/^\*\*PAY-22 Remove a saved card\*\*: quality \d+\/100/);
    expect(session.symbols.map((symbol) => [symbol.name, symbol.children?.map((child) => child.name)])).toEqual([['PAY-22 Remove a saved card', ['Acceptance criteria']]]);
    expect(session.lenses.map((lens) => lens.command.command)).toEqual(['storylint.server.fixStory']);

    expect(session.actions[0]).toEqual({ title: 'Fix: Insert an Outcome section', kind: 'quickfix', preferred: true, edit: true });
    expect(session.applied).toBe('Fix: Insert an Outcome section');
    // Neovim has no snippets: the placeholders arrive as plain text, and the file on disk is what the buffer wrote.
    expect(readFileSync(join(workspace, 'stories', 'cards.md'), 'utf8')).toBe(readFileSync(join(FIXTURES, 'cards.fixed.md'), 'utf8'));
    expect(readFileSync(join(workspace, 'stories', 'archive.md'), 'utf8')).toBe(readFileSync(join(FIXTURES, 'workspace', 'stories', 'archive.md'), 'utf8'));
    // Linted again after the edit: the outcome is there, its placeholder is the next thing to fill in.
    expect(session.after.map((d) => [d.code, d.lnum])).toEqual([
      ['unique-id', 2],
      ['measurable-outcome', 8],
    ]);

    // The code lens of search.md runs a server command (workspace/executeCommand); the server's
    // workspace/applyEdit fixes the whole story in Neovim, and the written file is the CLI's --fix result.
    expect(session.lens_command).toEqual({
      title: 'Quality 65 · 1 error, 1 warning · fix',
      command: 'storylint.server.fixStory',
      arguments: [pathToFileURL(join(workspace, 'stories', 'search.md')).href, 0],
    });
    expect(readFileSync(join(workspace, 'stories', 'search.md'), 'utf8')).toBe(readFileSync(join(FIXTURES, 'search.fixed.md'), 'utf8'));
    expect(session.lens_after.map((d) => [d.code, d.lnum])).toEqual([
      ['measurable-outcome', 8],
      ['require-acceptance-criteria', 12],
    ]);

    // Fix-on-save as docs/editors.md shows it: a BufWritePre autocommand applies source.fixAll.storylint before the write.
    expect(readFileSync(join(workspace, 'stories', 'exports.md'), 'utf8')).toBe(readFileSync(join(FIXTURES, 'exports.fixed.md'), 'utf8'));
    expect(session.save_after.map((d) => [d.code, d.lnum])).toEqual([
      ['measurable-outcome', 8],
      ['require-acceptance-criteria', 12],
    ]);

    // A clean session: shutdown then exit (code 0), no RPC error, no error logged, nothing on stderr (Neovim logs it to lsp.log).
    expect(session.exit).toEqual({ code: 0, signal: 0 });
    expect(session.rpc_errors).toEqual([]);
    expect(session.log.filter((message) => message.type === 1)).toEqual([]);
    expect(session.log.map((message) => message.message)).toContain('storylint server started (debounce 250 ms)');
    expect(lspLog).not.toMatch(/stderr|ERROR/);
  });
});
