import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import expected from './expected/diagnostics.json';
import { suite, test } from './runner';
import { compact, type CompactDiagnostic, diagnosticsWhen, fileUri, openStory } from './util';

const sorted = (diagnostics: CompactDiagnostic[]) =>
  [...diagnostics].sort((a, b) => a.range.localeCompare(b.range, 'en', { numeric: true }) || a.code.localeCompare(b.code));
const expectedByFile = expected as Record<string, CompactDiagnostic[]>;

suite('diagnostics', () => {
  // refunds.md is open; the other files are linted by the server's background scan of the workspace.
  for (const [relativePath, wanted] of Object.entries(expectedByFile)) {
    test(`${relativePath} shows the expected diagnostics (tests/vscode/expected/diagnostics.json)`, async () => {
      if (relativePath === 'stories/refunds.md') await openStory(relativePath);
      const want = JSON.stringify(sorted(wanted));
      const got = await diagnosticsWhen(fileUri(relativePath), (diagnostics) => JSON.stringify(sorted(diagnostics.map(compact))) === want, `the expected diagnostics of ${relativePath}`).catch(() => undefined);
      assert.deepEqual(sorted(vscode.languages.getDiagnostics(fileUri(relativePath)).filter((d) => d.source === 'storylint').map(compact)), sorted(wanted), `diagnostics of ${relativePath} differ from tests/vscode/expected/diagnostics.json`);
      for (const diagnostic of got ?? []) {
        const code = diagnostic.code as { value: string; target: vscode.Uri };
        assert.ok(code.target.toString().includes(code.value), `the rule code links to its documentation (${code.target})`);
      }
    });
  }
});
