import { defineStoryRule, sectionsOf, words } from '../core';
import { hasQuantity, QUANTITY_PHRASES } from './lexicon/sections';

export default defineStoryRule({
  name: 'measurable-outcome',
  description: 'The outcome names a metric with a target, so the team can tell whether the story worked.',
  tags: ['outcome'],
  fixable: false,
  severity: 'warning',
  needsSections: true,
  options: {},
  messages: {
    unmeasurable: 'No measurable outcome: name the metric and the target this story moves (e.g. "activation from 40% to 55% by Q3").',
  },
  check({ story, report }) {
    const sections = sectionsOf(story, 'outcome');
    if (sections.length === 0) return;
    // Several outcome sections ("Why" and "Success metrics") count together: one target is enough.
    for (const section of sections) {
      const list = words(section.content.text);
      if (hasQuantity(list) || QUANTITY_PHRASES.has(list)) return;
    }
    report({ messageId: 'unmeasurable', span: sections[0]!.nameSpan });
  },
});
