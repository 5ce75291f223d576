import { defineStoryRule, type Placeholder, sectionPlaceholder, sectionsOf, words } from '../core/api';
import { hasMetric, QUANTITY_PHRASES } from './lexicon/quantities';

export default defineStoryRule({
  name: 'measurable-outcome',
  description: 'The outcome names a metric with a target, so the team can tell whether the story worked.',
  tags: ['outcome'],
  fixable: false,
  severity: 'warning',
  needsSections: true,
  checksOutcomes: true,
  answers: { question: 'outcome' },
  options: {},
  messages: {
    unmeasurable: 'No measurable outcome: name the metric and the target this story moves (e.g. "activation from 40% to 55% by Q3").',
    outcomeUnmeasurable:
      'The outcome {id} gives no metric with a target: add **Metric:**, **Baseline:** and **Target:** lines (e.g. "**Metric:** weekly active teams", "**Baseline:** 120", "**Target:** 200 by Q3").',
    placeholder: 'The outcome still holds the placeholder "{placeholder}": replace it with the metric this story moves and the target (e.g. "activation from 40% to 55% by Q3").',
  },
  check({ story, text, report }) {
    // A declared outcome with a Metric and a Target line is measurable; else its text is judged like a story's outcome.
    if (story.kind === 'outcome' && story.metric?.metric && story.metric.target) return;
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
    else if (story.kind === 'outcome') report({ messageId: 'outcomeUnmeasurable', span: story.id?.span ?? story.titleSpan, data: { id: story.id?.text ?? story.title } });
    else report({ messageId: 'unmeasurable', span: sections[0]!.nameSpan });
  },
});
