import type { FormattedResult, Formatter } from '.';
import { displayPath, terminalSafe } from '.';

/** `path:line:column: severity rule message`, one finding per line: for editors, grep and fixtures. */
export function formatCompact(results: readonly FormattedResult[], cwd?: string): string {
  const lines: string[] = [];
  for (const result of results) {
    const path = terminalSafe(cwd === undefined ? result.filePath : displayPath(result.filePath, cwd));
    for (const finding of result.findings) {
      lines.push(`${path}:${finding.line}:${finding.column}: ${finding.severity} ${finding.ruleId} ${terminalSafe(finding.message)}`);
    }
  }
  return lines.join('\n');
}

const compact: Formatter = (results, context) => {
  const text = formatCompact(results, context.cwd);
  return text === '' ? '' : `${text}\n`;
};

export default compact;
