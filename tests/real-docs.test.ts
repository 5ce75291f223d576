// Real documents that are not backlogs (READMEs, changelogs, contributing guides, docs/ pages of
// the installed dependencies) must stay silent: a linter that flags a README gets switched off.
// The method and the current figures: docs/judgement.md, "False alarms on Markdown that is not a
// backlog". `npm run corpus:docs` prints the same figures.
import { describe, expect, it } from 'vitest';
import { collectRealDocs, formatOffences, isRealDocName, lintRealDocs } from './helpers/real-docs';

/** The sample must not shrink to nothing when the collector breaks (about 550 files today). */
const MINIMUM_FILES = 300;
/** At most this share of the files may have any finding at all (info included). */
const MAXIMUM_NOISY_SHARE = 0.01;

describe('the sample of real documents', () => {
  it('takes READMEs, changelogs, histories, contributing guides and docs/ pages, as Markdown', () => {
    for (const name of ['README.md', 'readme.markdown', 'Readme.md', 'CHANGELOG.md', 'HISTORY.md', 'CONTRIBUTING.md', 'lib/README.md', 'docs/api.md', 'docs/docs/api/Cookies.md']) {
      expect(isRealDocName(name), name).toBe(true);
    }
    for (const name of ['README', 'README.txt', 'bin/changelog', 'guide.md', 'documentation/api.md', 'docs/logo.png', 'readme.md.js']) {
      expect(isRealDocName(name), name).toBe(false);
    }
  });
});

describe('real Markdown that is not a backlog', () => {
  const docs = collectRealDocs();
  const { report } = lintRealDocs(docs);

  it('samples enough files, each with its package and in path order', () => {
    expect(docs.length, `only ${docs.length} files collected from node_modules/: is the install complete?`).toBeGreaterThanOrEqual(MINIMUM_FILES);
    expect(docs.every((doc) => doc.packageName.length > 0)).toBe(true);
    const shown = docs.map((doc) => doc.shown);
    expect(new Set(shown).size).toBe(shown.length);
    expect(shown.every((path, index) => index === 0 || shown[index - 1]! < path)).toBe(true);
  });

  it('reports no error on any of them', () => {
    const errors = report.offences.filter((offence) => offence.severity === 'error');
    expect(errors.length, `${errors.length} error finding(s) on Markdown that is not a backlog:\n${formatOffences(errors)}`).toBe(0);
  });

  it(`reports anything on at most ${MAXIMUM_NOISY_SHARE * 100}% of them`, () => {
    const allowed = Math.floor(report.files * MAXIMUM_NOISY_SHARE);
    const summary = `${report.filesWithFindings} of ${report.files} files have findings (at most ${allowed} may); per rule: ${report.perRule
      .map((rule) => `${rule.ruleId} ${rule.findings}`)
      .join(', ')}`;
    expect(report.filesWithFindings, `${summary}\n${formatOffences(report.offences)}`).toBeLessThanOrEqual(allowed);
  });
});
