import { type AnyRule, docsUrl, type FindingSeverity } from '../../core/engine/rule';
import { displayPath, type Formatter } from '.';

const LEVEL: Record<FindingSeverity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** Findings that come from the engine itself rather than from a rule (see core/engine/directives.ts). */
const ENGINE_RULES: Record<string, string> = {
  'unused-disable-directive': 'A storylint-disable comment that silences nothing',
  'unknown-rule-in-directive': 'A storylint directive names a rule that does not exist',
};

interface SarifRule {
  id: string;
  shortDescription: { text: string };
  helpUri?: string;
  defaultConfiguration: { level: 'error' | 'warning' | 'note' };
  properties?: { tags: string[] };
}

const describeRule = (rule: AnyRule): SarifRule => ({
  id: rule.name,
  shortDescription: { text: rule.description },
  helpUri: docsUrl(rule.name),
  defaultConfiguration: { level: LEVEL[rule.severity] },
  properties: { tags: [...rule.tags] },
});

/** SARIF 2.1.0 with one run, as GitHub code scanning reads it; URIs are relative to the cwd. */
const sarif: Formatter = (results, context) => {
  const driverRules: SarifRule[] = context.rules.map(describeRule);
  const ruleIndex = new Map(driverRules.map((rule, index) => [rule.id, index]));
  const indexOf = (ruleId: string, severity: FindingSeverity): number => {
    let index = ruleIndex.get(ruleId);
    if (index === undefined) {
      index = driverRules.length;
      driverRules.push({ id: ruleId, shortDescription: { text: ENGINE_RULES[ruleId] ?? ruleId }, defaultConfiguration: { level: LEVEL[severity] } });
      ruleIndex.set(ruleId, index);
    }
    return index;
  };
  const location = (filePath: string, place: { line: number; column: number; endLine: number; endColumn: number }) => ({
    physicalLocation: {
      artifactLocation: { uri: encodeURI(displayPath(filePath, context.cwd)) },
      region: { startLine: place.line, startColumn: place.column, endLine: place.endLine, endColumn: place.endColumn },
    },
  });
  const sarifResults = results.flatMap((result) =>
    result.findings.map((finding) => ({
      ruleId: finding.ruleId,
      ruleIndex: indexOf(finding.ruleId, finding.severity),
      level: LEVEL[finding.severity],
      message: { text: finding.message },
      locations: [location(result.filePath, finding)],
      ...(finding.related?.length
        ? { relatedLocations: finding.related.map((related, id) => ({ id, ...location(related.filePath, related), message: { text: related.message } })) }
        : {}),
    })),
  );
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'storylint',
            version: context.version,
            informationUri: 'https://github.com/storylint/storylint',
            rules: driverRules,
          },
        },
        results: sarifResults,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};

export default sarif;
