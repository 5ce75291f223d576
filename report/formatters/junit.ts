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

/** JUnit XML for CI test reports: one testsuite per file, one testcase per finding (or one passing case). */
const junit: Formatter = (results, context) => {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  for (const result of results) {
    const path = escapeXml(displayPath(result.filePath, context.cwd));
    const cases =
      result.findings.length === 0
        ? [`    <testcase name="${path}" classname="${path}"/>`]
        : result.findings.map((finding) => {
            const name = escapeXml(`${finding.line}:${finding.column} ${finding.ruleId}`);
            const message = escapeXml(finding.message);
            const body = escapeXml(`${finding.severity} ${finding.ruleId} at ${displayPath(result.filePath, context.cwd)}:${finding.line}:${finding.column}: ${finding.message}`);
            return `    <testcase name="${name}" classname="${path}">\n      <failure message="${message}" type="${finding.severity}">${body}</failure>\n    </testcase>`;
          });
    tests += cases.length;
    failures += result.findings.length;
    suites.push(
      `  <testsuite name="${path}" tests="${cases.length}" failures="${result.findings.length}" errors="0" skipped="0">\n${cases.join('\n')}\n  </testsuite>`,
    );
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
