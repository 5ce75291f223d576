import type { FileResult } from './engine';

/** `path:line:column: severity rule message`, one finding per line: for editors, grep and fixtures. */
export function formatCompact(results: readonly Pick<FileResult, 'filePath' | 'findings'>[]): string {
  const lines: string[] = [];
  for (const result of results) {
    for (const finding of result.findings) {
      lines.push(`${result.filePath}:${finding.line}:${finding.column}: ${finding.severity} ${finding.ruleId} ${finding.message}`);
    }
  }
  return lines.join('\n');
}
