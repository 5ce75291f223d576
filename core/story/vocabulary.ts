/**
 * The words the story model reads Markdown by: which labels, headings, fields and markers mean
 * something to it. Kept apart from the code that reads them, so the vocabulary can be read (and
 * extended) in one place. Configurable names (section headings, templates) are in settings.ts.
 */

/** Labels of the story's statement, as a lead-in ("User story: As a …") or a sub-heading ("## Description"). */
export const STATEMENT_LABELS: ReadonlySet<string> = new Set([
  'story', 'user story', 'statement', 'job story', 'story statement', 'description', 'story description', 'summary', 'narrative',
]);

/** Headings that name a container of stories by its first word: "Epic CRM-80: Customer portal". */
export const CONTAINER_WORDS: ReadonlySet<string> = new Set(['epic', 'epics', 'initiative', 'initiatives', 'theme', 'themes', 'milestone', 'sprint', 'release', 'roadmap']);

/** Headings that explain stories rather than hold one, by their first word: "Example", "Story template", "FAQ". */
export const EXPLANATORY_OPENERS: ReadonlySet<string> = new Set(['example', 'examples', 'template', 'templates', 'faq', 'glossary', 'tips', 'anatomy']);
/** Words that make a heading explanatory when it also names a story topic: "Writing good stories". */
export const EXPLANATORY_WORDS: ReadonlySet<string> = new Set(['example', 'examples', 'template', 'templates', 'guide', 'guidelines', 'checklist', 'cheatsheet', 'writing', 'write']);
/** The topics an explanatory heading is about: "How to write acceptance criteria". */
export const STORY_TOPICS: ReadonlySet<string> = new Set(['story', 'stories', 'backlog', 'criteria', 'statement', 'statements', 'outcome', 'outcomes', 'epic', 'epics']);

/** Words that make a bare "As …" prose rather than a role: "As said before, we want …", "As obug is a fork …". */
export const PROSE_ROLE_WORDS: ReadonlySet<string> = new Set([
  'is', 'are', 'was', 'were', 'be', 'said', 'mentioned', 'noted', 'described', 'shown', 'seen', 'explained', 'discussed', 'stated', 'usual', 'always',
  'such', 'well', 'far', 'long', 'soon', 'much', 'you', 'it', 'we', 'they', 'i',
]);

/** Role openers that start ordinary prose, not a story ("As a result, ..."). */
export const PROSE_AFTER_AS: ReadonlySet<string> = new Set([
  'result', 'rule', 'reminder', 'consequence', 'matter', 'whole', 'side', 'bonus', 'first',
  'workaround', 'default', 'fallback', 'example', 'reference', 'starting', 'baseline', 'next',
  'follow-up', 'general', 'minimum', 'last',
]);

/** Headers of a criteria table's row-number column ("| # | Given | … |"): the number is not part of the criterion. */
export const NUMBER_COLUMNS: ReadonlySet<string> = new Set(['#', 'no', 'no.', 'nr', 'nr.', 'id', 'ac', 'ac #', 'ac#']);

/** Field labels trackers write above a story; an unknown label counts only beside other fields. */
export const KNOWN_FIELDS: ReadonlySet<string> = new Set([
  'status', 'state', 'squad', 'team', 'tribe', 'priority', 'type', 'work item type', 'issue type', 'item type',
  'assignee', 'assigned to', 'reporter', 'owner', 'product owner', 'author', 'requested by', 'stakeholder',
  'stakeholders', 'labels', 'label', 'tags', 'tag', 'sprint', 'iteration', 'iteration path', 'area path',
  'area', 'estimate', 'story points', 'points', 'effort', 'size', 't-shirt size', 'epic', 'epic link',
  'parent', 'component', 'components', 'created', 'updated', 'resolved', 'due', 'due date', 'fix version',
  'fix versions', 'affects version', 'release', 'milestone', 'project', 'key', 'id', 'issue', 'issue key',
  'work item id', 'ticket', 'story id', 'resolution', 'severity', 'persona', 'user role', 'actor',
  'title', 'summary', 'date', 'reviewer', 'risk', 'value', 'business value', 'product', 'cycle', 'quarter',
  'target release', 'platform', 'url', 'jira', 'linear', 'created by', 'last edited', 'last edited time',
  'created time', 'reason', 'board', 'column', 'workflow', 'rank', 'version', 'environment',
]);
/** Tracker fields that hold the story's id. */
export const ID_FIELDS: ReadonlySet<string> = new Set(['key', 'id', 'issue', 'issue key', 'work item id', 'ticket', 'story id']);
/** Tracker fields that name who wants the story: its role. */
export const PERSONA_FIELDS: ReadonlySet<string> = new Set(['persona', 'user role', 'actor']);
/** Tracker fields that declare the kind of work item ("Type: Story", "Work Item Type: Epic"). */
export const TYPE_FIELDS: ReadonlySet<string> = new Set(['type', 'work item type', 'issue type', 'item type']);

/** Placeholder marker words, in any case (TODO is one only in capitals or before a colon: placeholder.ts). */
export const PLACEHOLDER_MARKERS: ReadonlySet<string> = new Set(['tbd', 'tbc', 'tba', 'fixme']);
/** What a tracker writes for a field nobody filled in, as the whole of the part. */
export const EMPTY_ANSWERS: ReadonlySet<string> = new Set(['no response', 'no response.']);
/** Bracketed words that are content, not a placeholder slot: an editor's mark. */
export const NOT_SLOTS: ReadonlySet<string> = new Set(['sic']);
/** Gherkin step keywords an ellipsis may follow and still be a whole clause: "Given …, when …". */
export const STEP_WORDS: ReadonlySet<string> = new Set(['given', 'when', 'then', 'and', 'but']);
