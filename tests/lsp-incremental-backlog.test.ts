import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { lintFiles } from '../core';
import { rules } from '../rules';
import { LspClient } from './helpers/lsp-client';

/*
 * At workspace scale a keystroke must cost what it touches: the server re-checks the backlog rules
 * only for the stories linked to the edit (counted by storylint/stats, not timed), and what it
 * publishes still equals a fresh lint of the whole workspace.
 */
const TEAMS = 150;
const nouns = ['invoice', 'parcel', 'ticket', 'booking', 'badge', 'voucher', 'shift', 'route', 'claim'];
const verbs = ['archive', 'print', 'share', 'rename', 'approve', 'track', 'sort', 'tag', 'flag', 'merge', 'price'];
const teamFile = (team: number) =>
  `# Team ${team}\n\n` +
  [0, 1, 2]
    .map((s) => `## T${team}-${s} Story\n\nAs a clerk ${team}x${s}, I want to ${verbs[(team + s) % verbs.length]} the ${nouns[s % nouns.length]} of desk ${team * 10 + s}, so that team ${team} finishes.\n`)
    .join('\n');
const REFUND = 'As a support agent, I want to refund a card payment, so that the customer is not charged twice.';
const OPEN = `# Payments\n\n## PAY-1 Refund\n\n${REFUND}\n\n## PAY-2 Export\n\nAs an accountant, I want to export the monthly ledger, so that I can close the books.\n`;
const COPY = `# Old backlog\n\n## PAY-2 Refund again\n\n${REFUND}\n`;

type Stats = { backlogExamined: Record<string, number>; parses: number };
const BACKLOG_RULES = new Set(rules.filter((rule) => rule.scope === 'backlog').map((rule) => rule.name));

let client: LspClient | undefined;
const empty = mkdtempSync(join(tmpdir(), 'storylint-empty-'));
afterAll(() => rmSync(empty, { recursive: true, force: true }));
afterEach(async () => {
  if (client && client.process.exitCode === null) await client.stop();
  client = undefined;
});

/** Backlog findings of a fresh lint of the workspace as it is on disk, with `open.md` as given. */
function freshBacklog(workspace: string, openText: string): Map<string, string[]> {
  const files = readdirSync(workspace).map((name) => ({ filePath: join(workspace, name), text: name === 'open.md' ? openText : readFileSync(join(workspace, name), 'utf8') }));
  const results = lintFiles(files, { rules });
  return new Map(results.map((result) => [result.filePath, result.findings.filter((finding) => BACKLOG_RULES.has(finding.ruleId)).map((finding) => `${finding.ruleId}: ${finding.message}`).sort()]));
}

describe('backlog rules in a big workspace', () => {
  it('an edit re-checks only the stories linked to it, and the diagnostics equal a fresh lint', async () => {
    ({ client } = await LspClient.start({
      fixture: empty,
      initializationOptions: { debounceMs: 0 },
      prepare: (workspace) => {
        mkdirSync(workspace, { recursive: true });
        for (let team = 0; team < TEAMS; team++) writeFileSync(join(workspace, `team-${team}.md`), teamFile(team));
        writeFileSync(join(workspace, 'copy.md'), COPY);
        writeFileSync(join(workspace, 'open.md'), OPEN);
      },
    }));
    const lsp = client;
    const uri = await lsp.open('open.md');
    const copyUri = lsp.uri('copy.md');
    const backlogOf = (target: string) => (lsp.diagnostics.get(target)?.diagnostics ?? []).filter((d) => BACKLOG_RULES.has(String(d.code))).map((d) => `${d.code}: ${d.message}`).sort();
    await lsp.diagnosticsFor(uri, 1, (list) => list.some((d) => d.code === 'unique-story') && list.some((d) => d.code === 'unique-id'));
    const before = (await lsp.connection.sendRequest('storylint/stats')) as Stats;
    // Only the open file's chunks go through the parse cache: the scanned files' trees are not kept.
    expect(before.parses).toBeGreaterThan(0);
    expect(before.parses).toBeLessThanOrEqual(4);
    const fresh = freshBacklog(lsp.workspace, OPEN);
    expect(backlogOf(uri)).toEqual(fresh.get(lsp.path('open.md')));
    expect(backlogOf(copyUri)).toEqual(fresh.get(lsp.path('copy.md')));

    // Reword the duplicated statement: both files lose their unique-story finding.
    const document = lsp.document(uri);
    const at = document.getText().indexOf('refund a card payment');
    const version = await lsp.edit(uri, [{ range: { start: document.positionAt(at), end: document.positionAt(at + 'refund'.length) }, newText: 'reverse' }]);
    await lsp.diagnosticsFor(uri, version, (list) => !list.some((d) => d.code === 'unique-story'));
    await lsp.until(() => (backlogOf(copyUri).some((line) => line.startsWith('unique-story')) ? undefined : true), 'copy.md without unique-story');
    const after = (await lsp.connection.sendRequest('storylint/stats')) as Stats;
    const examined = (rule: string) => after.backlogExamined[rule]! - before.backlogExamined[rule]!;
    // The edited story, and the copy's story its statement and its id link to; the story below the
    // edit only moved (its text is unchanged) and has no finding, so it is not checked again.
    expect(examined('unique-story')).toBeGreaterThan(0);
    expect(examined('unique-story')).toBeLessThanOrEqual(3);
    expect(examined('unique-id')).toBeLessThanOrEqual(3);
    // Every story uses one template before and after the edit: the template counts keep their
    // outcome, so only the edited story is checked, not the backlog's TEAMS * 3 + 3.
    expect(examined('uniform-template')).toBe(1);

    const edited = lsp.document(uri).getText();
    const expected = freshBacklog(lsp.workspace, edited);
    expect(backlogOf(uri)).toEqual(expected.get(lsp.path('open.md')));
    expect(backlogOf(copyUri)).toEqual(expected.get(lsp.path('copy.md')));
    expect(backlogOf(uri).some((line) => line.startsWith('unique-id'))).toBe(true);
  }, 60_000);
});
