import type { FindingSeverity } from '../../core/engine/rule';
import { type Formatter } from '.';
import { fingerprints } from './fingerprint';
import { relativePath } from './paths';
import { describeOtherRule, describeRule, LEVEL, type SarifRule } from './sarif-rules';

/** The base id artifact URIs are relative to: the folder storylint ran in, which GitHub takes as the checkout. */
const SRCROOT = '%SRCROOT%';

/** Each path segment percent-encoded (`#`, `?`, `%`, spaces, non-ASCII...), so a URI reader gets the name back. */
const encodePath = (path: string): string => path.split('/').map(encodeURIComponent).join('/');

/** An absolute path as a file:// URI (`C:\x` becomes `file:///C:/x`). */
function fileUri(path: string): string {
  const posix = path.replace(/\\/g, '/');
  const segments = encodePath(posix.startsWith('/') ? posix.slice(1) : posix).replace(/^([A-Za-z])%3A/, '$1:');
  return `file:///${segments}`;
}

/**
 * Where a file is: relative to %SRCROOT% (with `../` for a file outside the folder storylint ran in,
 * which keeps the log portable and GitHub's ingestion rules satisfied), or an absolute file:// URI when
 * no relative path exists (another drive).
 */
function artifactLocation(filePath: string, cwd: string): { uri: string; uriBaseId?: string } {
  const relative = relativePath(filePath, cwd);
  return relative === undefined ? { uri: fileUri(filePath) } : { uri: encodePath(relative), uriBaseId: SRCROOT };
}

/** The run's rules, and each result's index into them (rule ids the run did not know are added as they come). */
function ruleTable(context: Parameters<Formatter>[1]) {
  const descriptors: SarifRule[] = context.rules.map((rule) => describeRule(rule, context.ruleDocs?.[rule.name]));
  const indexes = new Map(descriptors.map((rule, index) => [rule.id, index]));
  const indexOf = (ruleId: string, severity: FindingSeverity): number => {
    let index = indexes.get(ruleId);
    if (index === undefined) {
      index = descriptors.push(describeOtherRule(ruleId, severity)) - 1;
      indexes.set(ruleId, index);
    }
    return index;
  };
  return { descriptors, indexOf };
}

/**
 * SARIF 2.1.0 with one run, as GitHub code scanning ingests it (checked with the SARIF multitool's
 * `Sarif;Gh` rules): rule help from the rule pages, URIs relative to %SRCROOT%, line-independent
 * fingerprints.
 */
const sarif: Formatter = (results, context) => {
  const { descriptors, indexOf } = ruleTable(context);
  const location = (filePath: string, place: { line: number; column: number; endLine: number; endColumn: number }) => ({
    physicalLocation: {
      artifactLocation: artifactLocation(filePath, context.cwd),
      region: { startLine: place.line, startColumn: place.column, endLine: place.endLine, endColumn: place.endColumn },
    },
  });
  const sarifResults = results.flatMap((result) => {
    const prints = fingerprints(result, context.cwd);
    return result.findings.map((finding, index) => ({
      ruleId: finding.ruleId,
      ruleIndex: indexOf(finding.ruleId, finding.severity),
      level: LEVEL[finding.severity],
      message: { text: finding.message },
      locations: [location(result.filePath, finding)],
      partialFingerprints: { 'storylintFindingHash/v1': prints[index]! },
      ...(finding.related?.length
        ? { relatedLocations: finding.related.map((related, id) => ({ id, ...location(related.filePath, related), message: { text: related.message } })) }
        : {}),
    }));
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'storylint',
            version: context.version,
            semanticVersion: context.version,
            informationUri: 'https://github.com/storylint/storylint',
            rules: descriptors,
          },
        },
        invocations: [{ executionSuccessful: true }],
        originalUriBaseIds: { [SRCROOT]: { uri: `${fileUri(context.cwd).replace(/\/$/, '')}/` } },
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
sarif.needsRuleDocs = true;

export default sarif;
