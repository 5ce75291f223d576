import { describe, expect, it } from 'vitest';
import { buildStories, DEFAULT_SETTINGS, applyFixes } from '../core';
import { splitMeans, splitStoryEdit } from '../rules/atomic-story-split';

const phrases = (means: string) => splitMeans(means)?.map(([start, end]) => means.slice(start, end));

describe('splitMeans: the one top-level "and" between two verb phrases', () => {
  it('splits two verb phrases', () => {
    expect(phrases('export monthly reports and share them with my team')).toEqual(['export monthly reports', 'share them with my team']);
    expect(phrases('export reports and to share them with my team')).toEqual(['export reports', 'share them with my team']);
  });

  it('does not split what is not cleanly two capabilities', () => {
    expect(phrases('export reports and invoices')).toBeUndefined(); // a noun after "and"
    expect(phrases('export reports and the invoices')).toBeUndefined(); // a noun phrase
    expect(phrases('search and filter products')).toBeUndefined(); // one word before "and"
    expect(phrases('create, edit and delete projects')).toBeUndefined(); // a list
    expect(phrases('copy files and paste them and share them')).toBeUndefined(); // more than two
    expect(phrases('see "profit and loss" per month')).toBeUndefined(); // inside quotes
    expect(phrases('export reports (pdf and csv) for audits')).toBeUndefined(); // inside brackets
  });
});

describe('splitStoryEdit', () => {
  const split = (text: string) => {
    const story = buildStories(text, { settings: DEFAULT_SETTINGS }).stories[0]!;
    const edit = splitStoryEdit(story, text);
    return edit && applyFixes(text, [{ title: 'split', edits: [edit] }]).text;
  };

  it('duplicates a heading story, one capability each, the copy titled after its capability and without the id', () => {
    const text = '## PAY-30 Reports\n\nAs a manager, I want to export monthly reports and share them with my team so that everyone sees the numbers.\n\n### Acceptance criteria\n\n- [ ] Given a month, when I export, then I get a PDF\n\n## PAY-31 Next\n';
    expect(split(text)).toBe(
      '## PAY-30 Reports\n\nAs a manager, I want to export monthly reports so that everyone sees the numbers.\n\n### Acceptance criteria\n\n- [ ] Given a month, when I export, then I get a PDF\n\n' +
        '## Share them with my team\n\nAs a manager, I want to share them with my team so that everyone sees the numbers.\n\n### Acceptance criteria\n\n- [ ] Given a month, when I export, then I get a PDF\n\n## PAY-31 Next\n',
    );
    // The first story keeps everything but the second capability; both parse as stories again.
    expect(buildStories(split(text)!, { settings: DEFAULT_SETTINGS }).stories.map((story) => story.statement?.parts.means?.text)).toEqual([
      'export monthly reports',
      'share them with my team',
      undefined,
    ]);
  });

  it('duplicates a one-line story in a list, dropping the id from the copy', () => {
    const text = '# Backlog\n\n- PAY-40: As a manager, I want to export monthly reports and share them with my team so that everyone sees the numbers.\n';
    expect(split(text)).toBe(
      '# Backlog\n\n- PAY-40: As a manager, I want to export monthly reports so that everyone sees the numbers.\n- As a manager, I want to share them with my team so that everyone sees the numbers.\n',
    );
  });

  it('offers nothing when the means does not split cleanly', () => {
    expect(split('## PAY-41 Projects\n\nAs a lead, I want to create, edit and delete projects so that the list stays current.\n')).toBeUndefined();
  });
});
