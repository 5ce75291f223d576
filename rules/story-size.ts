import { defineStoryRule, firstPlaceholder, sectionsOf } from '../core/api';

export default defineStoryRule({
  name: 'story-size',
  description: 'A story has few enough acceptance criteria to be estimated and finished in one iteration.',
  tags: ['acceptance', 'size'],
  fixable: false,
  severity: 'warning',
  needsSections: true,
  options: {
    max: { type: 'number', default: 8, minimum: 1, description: 'The most acceptance criteria a story may have before it should be split.' },
  },
  messages: {
    tooLarge: '{count} acceptance criteria (more than {max}): the story is too large to estimate; split it by workflow step, business rule or data variation.',
  },
  check({ story, text, options, report }) {
    // A criterion that still holds a placeholder is not a criterion yet (require-acceptance-criteria reports it).
    const count = story.criteria.filter((criterion) => !firstPlaceholder(criterion, { source: text })).length;
    if (count <= options.max) return;
    const section = sectionsOf(story, 'acceptance')[0];
    report({ messageId: 'tooLarge', span: section ? section.nameSpan : story.titleSpan, data: { count: String(count), max: String(options.max) } });
  },
});
