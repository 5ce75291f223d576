import type { Formatter } from '.';

/**
 * One JSON array, one entry per file linted. The shape is a contract other tools parse: keep it.
 * Positions are 1-based; `filePath` is the absolute path the CLI linted.
 */
const json: Formatter = (results) =>
  `${JSON.stringify(
    results.map((result) => ({
      filePath: result.filePath,
      messages: result.findings.map((finding) => ({
        ruleId: finding.ruleId,
        severity: finding.severity,
        message: finding.message,
        line: finding.line,
        column: finding.column,
        endLine: finding.endLine,
        endColumn: finding.endColumn,
      })),
    })),
  )}\n`;

export default json;
