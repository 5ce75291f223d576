import { defineStoryRule, type Placeholder, sectionPlaceholder, sectionsOf, words } from '../core/api';
import { hasMetric, QUANTITY_PHRASES } from './lexicon/quantities';

export default defineStoryRule({
  name: 'measurable-outcome',
  description: 'The outcome names a metric with a target, so the team can tell whether the story worked.',
  tags: ['outcome'],
  fixable: false,
  severity: 'warning',
  needsSections: true,
  answers: { question: 'outcome' },
  options: {},
  messages: {
    unmeasurable: 'No measurable outcome: name the metric and the target this story moves (e.g. "activation from 40% to 55% by Q3").',
    placeholder: 'The outcome still holds the placeholder "{placeholder}": replace it with the metric this story moves and the target (e.g. "activation from 40% to 55% by Q3").',
  },
  check({ story, text, report }) {
    const sections = sectionsOf(story, 'outcome');
    if (sections.length === 0) return;
    // Several outcome sections ("Why" and "Success metrics") count together: one target is enough.
    // A section that still holds a placeholder ("[metric] from 40% to [target]") names none yet.
    let placeholder: Placeholder | undefined;
    for (const section of sections) {
      // "See ONB-203.": the outcome is stated, and judged, in that story (a split story refers back so).
      if (section.refersTo) return;
      const found = sectionPlaceholder(section, text);
      if (found) {
        placeholder ??= found;
        continue;
      }
      const list = words(section.content.text);
      if (hasMetric(list, section.content.text) || QUANTITY_PHRASES.has(list)) return;
    }
    if (placeholder) report({ messageId: 'placeholder', span: placeholder.span, data: { placeholder: placeholder.text } });
    else report({ messageId: 'unmeasurable', span: sections[0]!.nameSpan });
  },
});
