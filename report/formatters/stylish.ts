import type { FindingSeverity } from '../../core/engine/rule';
import { countBySeverity, displayPath, type Formatter, terminalSafe } from '.';

const paint = (code: number) => (text: string) => `\u001b[${code}m${text}\u001b[39m`;
const COLOURS = { red: paint(31), yellow: paint(33), blue: paint(34), dim: (text: string) => `\u001b[2m${text}\u001b[22m`, underline: (text: string) => `\u001b[4m${text}\u001b[24m` };
const plain = (text: string) => text;

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** Findings grouped by file, aligned in columns, with a summary line; like ESLint's default. */
const stylish: Formatter = (results, context) => {
  const c = context.color ? COLOURS : { red: plain, yellow: plain, blue: plain, dim: plain, underline: plain };
  const severityColour: Record<FindingSeverity, (text: string) => string> = { error: c.red, warning: c.yellow, info: c.blue };
  const out: string[] = [];
  for (const result of results) {
    if (result.findings.length === 0) continue;
    const rows = result.findings.map((finding) => ({
      place: `${finding.line}:${finding.column}`,
      severity: finding.severity,
      message: terminalSafe(finding.message),
      rule: finding.ruleId,
    }));
    const placeWidth = rows.reduce((widest, row) => Math.max(widest, row.place.length), 0);
    const severityWidth = rows.reduce((widest, row) => Math.max(widest, row.severity.length), 0);
    out.push(c.underline(terminalSafe(displayPath(result.filePath, context.cwd))));
    for (const row of rows) {
      const severity = severityColour[row.severity](row.severity.padEnd(severityWidth));
      out.push(`  ${c.dim(row.place.padEnd(placeWidth))}  ${severity}  ${row.message}  ${c.dim(row.rule)}`);
    }
    out.push('');
  }
  const counts = countBySeverity(results);
  const total = counts.error + counts.warning + counts.info;
  if (total === 0) return '';
  const summary = `✖ ${plural(total, 'problem')} (${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${plural(counts.info, 'info')})`;
  out.push((counts.error > 0 ? c.red : counts.warning > 0 ? c.yellow : c.blue)(summary));
  return `${out.join('\n')}\n`;
};

export default stylish;
