import { asFileResults, buildReport, formatShare } from '../model';
import { outcomeHeadline } from '../outcomes';
import type { Formatter } from '.';
import { count, number } from './words';

/** Rules named on the "Top rules" line. */
const TOP_RULES = 5;

const bold = (text: string) => `\u001b[1m${text}\u001b[22m`;
const dim = (text: string) => `\u001b[2m${text}\u001b[22m`;
const plain = (text: string) => text;

/** The backlog's headline figures in a few lines: the terminal twin of the HTML report. */
const summary: Formatter = (results, context) => {
  const report = buildReport(asFileResults(results), { cwd: context.cwd, rules: context.rules });
  const strong = context.color ? bold : plain;
  const faint = context.color ? dim : plain;
  const { totals, scores } = report;
  const lines = [
    `${strong('Backlog')}  ${count(totals.stories, 'story', 'stories')} in ${count(totals.files, 'file')}` +
      (scores.average === null ? '' : `, average score ${scores.average} (median ${scores.median})`) +
      `, ${count(totals.cleanStories, 'story', 'stories')} without findings`,
    `${strong('Findings')} ${count(totals.findings, 'finding')}: ${count(totals.severities.error, 'error')}, ${count(totals.severities.warning, 'warning')}, ${number(totals.severities.info)} info`,
    `${strong('Shares')}   ${report.questions.map((question) => `${question.label.toLowerCase()} ${formatShare(question.share)}`).join(' · ')}` +
      faint(` (of ${count(totals.storiesWithSections, 'story', 'stories')} with sections)`),
  ];
  if (totals.storiesWithoutSections > 0) {
    const kinds = totals.kindsWithoutSections.map((kind) => (kind === 'line' ? 'one-line' : kind)).join(', ');
    lines.push(faint(`         ${count(totals.storiesWithoutSections, 'story', 'stories')} without sections (${kinds}) are not in the shares`));
  }
  const notMeasured = report.questions.filter((question) => !question.measured);
  if (notMeasured.length > 0) {
    lines.push(faint(`         not measured (none of their rules ran): ${notMeasured.map((question) => question.label.toLowerCase()).join(', ')}`));
  }
  if (report.outcomes) lines.push(`${strong('Outcomes')} ${outcomeHeadline(report.outcomes)}`);
  if (report.rules.length > 0) {
    lines.push(`${strong('Top rules')} ${report.rules.slice(0, TOP_RULES).map((rule) => `${rule.ruleId} ${number(rule.findings)}`).join(' · ')}`);
  }
  return `${lines.join('\n')}\n`;
};

export default summary;
