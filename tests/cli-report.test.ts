import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, REPO, storylint, tempDir } from './cli-harness';

describe('storylint --format html | summary (process)', () => {
  let cwd: string;
  beforeAll(() => {
    ensureBuilt();
    cwd = tempDir();
    cpSync(join(REPO, 'examples'), join(cwd, 'examples'), { recursive: true });
  });

  it('writes the self-contained backlog report with --output-file and keeps the exit code', () => {
    const run = storylint(['examples', '--format', 'html', '--output-file', 'report.html'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const html = readFileSync(join(cwd, 'report.html'), 'utf8');
    const data = JSON.parse(/<script type="application\/json" id="report-data"[^>]*>([\s\S]*?)<\/script>/.exec(html)![1]!) as { stories: unknown[] };
    expect(data.stories).toHaveLength(21);
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/<(?:script|link|img)[^>]+(?:src|href)=["']https?:/);
  });

  it('prints the headline figures with --format summary', () => {
    const run = storylint(['examples', '--format', 'summary', '--no-color'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/21 stories in 6 files/);
    expect(run.stdout).toMatch(/measurable outcome \d+% · evidence \d+% · acceptance criteria \d+%/);
  });
});
