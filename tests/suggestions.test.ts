import { describe, expect, it } from 'vitest';
import { applyFixes, lintFiles } from '../core';
import { rules } from '../rules';

const atomicStory = rules.find((rule) => rule.name === 'atomic-story')!;
const findingsOf = (text: string) => lintFiles([{ filePath: 'stories.md', text }], { rules: [atomicStory] })[0]!.findings;

describe('atomic-story suggests splitting a story in two', () => {
  it('offers the split of a two-part means as a suggestion, never as a fix', () => {
    const text = '## PAY-30 Reports\n\nAs a manager, I want to export monthly reports and share them with my team so that everyone sees the numbers.\n';
    const [finding, ...rest] = findingsOf(text);
    expect(rest).toEqual([]);
    expect(finding?.fix).toBeUndefined();
    expect(finding?.suggestions?.map((suggestion) => suggestion.title)).toEqual(['Split this story']);
    expect(applyFixes(text, finding!.suggestions!).text).toBe(
      '## PAY-30 Reports\n\nAs a manager, I want to export monthly reports so that everyone sees the numbers.\n\n' +
        '## Share them with my team\n\nAs a manager, I want to share them with my team so that everyone sees the numbers.\n',
    );
  });

  it('offers none when the means does not split cleanly', () => {
    const findings = findingsOf('## PAY-41 Projects\n\nAs a lead, I want to create, edit and delete projects so that the list stays current.\n');
    expect(findings).toHaveLength(1);
    expect(findings[0]!.suggestions).toBeUndefined();
  });
});
