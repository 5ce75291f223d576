import { displayPath, type Formatter } from '.';

/** XML 1.0 allows tab, line feed, carriage return and printable characters; others are dropped. */
function escapeXml(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) continue;
    if (code === 0xfffe || code === 0xffff || (code >= 0xd800 && code <= 0xdfff)) continue;
    out += ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : ch === '"' ? '&quot;' : ch === "'" ? '&apos;' : ch;
  }
  return out;
}

/**
 * JUnit XML for CI test reports: one testsuite per file, one testcase per finding (or one passing case).
 * Errors and warnings are failures; an info never fails a run, so its testcase passes and carries the
 * finding in `<system-out>`, which dashboards (GitLab, Jenkins, Azure) show with the test.
 */
const junit: Formatter = (results, context) => {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  for (const result of results) {
    const file = displayPath(result.filePath, context.cwd);
    const path = escapeXml(file);
    const cases =
      result.findings.length === 0
        ? [`    <testcase name="${path}" classname="${path}"/>`]
        : result.findings.map((finding) => {
            const name = escapeXml(`${finding.line}:${finding.column} ${finding.ruleId}`);
            const body = escapeXml(`${finding.severity} ${finding.ruleId} at ${file}:${finding.line}:${finding.column}: ${finding.message}`);
            const detail =
              finding.severity === 'info'
                ? `<system-out>${body}</system-out>`
                : `<failure message="${escapeXml(finding.message)}" type="${finding.severity}">${body}</failure>`;
            return `    <testcase name="${name}" classname="${path}">\n      ${detail}\n    </testcase>`;
          });
    const failed = result.findings.filter((finding) => finding.severity !== 'info').length;
    tests += cases.length;
    failures += failed;
    suites.push(`  <testsuite name="${path}" tests="${cases.length}" failures="${failed}" errors="0" skipped="0">\n${cases.join('\n')}\n  </testsuite>`);
  }
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<testsuites name="storylint" tests="${tests}" failures="${failures}" errors="0">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
};

export default junit;
