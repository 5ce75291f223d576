import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { lintFiles } from '../lib';

const dir = mkdtempSync(join(tmpdir(), 'storylint-lib-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('lintFiles: a pattern that matches nothing is a warning (onWarning), not an error; the other patterns are linted', async () => {
  writeFileSync(join(dir, 'notes (draft).md'), '# Backlog\n\n## S-1 Export invoices\n\nAs a clerk, I want to export invoices.\n');
  const warnings: string[] = [];
  const results = await lintFiles(['stories/**/*.md', 'notes (draft).md'], { cwd: dir, onWarning: (message) => warnings.push(message) });
  expect(warnings).toEqual(["no files match the pattern 'stories/**/*.md'"]);
  expect(results.map((result) => result.filePath)).toEqual([join(dir, 'notes (draft).md')]);
  expect(results[0]!.findings.length).toBeGreaterThan(0);
});
