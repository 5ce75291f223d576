import type { FindingSeverity } from '../../core/engine/rule';
import { displayPath, type Formatter, terminalSafe } from '.';

const COMMAND: Record<FindingSeverity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** Workflow-command escaping of the message (the text after `::`); line breaks become visible escapes like every control character. */
const escapeData = (text: string) => terminalSafe(text).replace(/%/g, '%25');
/** Property values also escape the separators `:` and `,`. */
const escapeProperty = (text: string) => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** GitHub Actions workflow commands: each finding becomes an annotation on the pull request. */
const github: Formatter = (results, context) => {
  const lines: string[] = [];
  for (const result of results) {
    const file = escapeProperty(displayPath(result.filePath, context.cwd));
    for (const finding of result.findings) {
      const properties = [
        `file=${file}`,
        `line=${finding.line}`,
        `col=${finding.column}`,
        `endLine=${finding.endLine}`,
        `endColumn=${finding.endColumn}`,
        `title=${escapeProperty(`storylint(${finding.ruleId})`)}`,
      ].join(',');
      lines.push(`::${COMMAND[finding.severity]} ${properties}::${escapeData(finding.message)}`);
    }
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
};

export default github;
