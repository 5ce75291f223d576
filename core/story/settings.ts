import type { StoryKind } from './model';

export type SectionKind = 'outcome' | 'problem' | 'acceptance' | 'notes';
export type StatementPart = 'role' | 'means' | 'ends' | 'situation';

/**
 * A statement template is data: an ordered list of slots, each introduced by one of its keywords.
 * The first slot's keyword must open the statement; later keywords are searched for in order.
 * A keyword starting with "," only matches right after a comma (", so").
 */
export interface TemplateSlot {
  part: StatementPart;
  keywords: readonly string[];
  optional?: boolean;
}

export interface Template {
  name: string;
  slots: readonly TemplateSlot[];
}

/** Settings shared by the engine and the rules; the config file can change each of them. */
export interface Settings {
  sections: Record<SectionKind, readonly string[]>;
  templates: readonly Template[];
  /** Regular expression source matching a story id in a heading. */
  idPattern: string;
  /** Names of the team's personas; a role naming one is specific. */
  personas: readonly string[];
  /** Story kinds the section rules (outcome, problem, criteria) apply to. */
  requireSectionsFor: readonly StoryKind[];
  /** Globs (relative to the config file's folder) of the files that declare product outcomes. */
  outcomes: readonly string[];
  /** Regular expression source (RE2 syntax) matching an outcome id. */
  outcomeIdPattern: string;
  /** The folder `outcomes` globs are relative to (the config file's that set them); without it they match at any depth. */
  outcomesBase?: string;
}

const WANT_KEYWORDS = [
  'i want to be able to',
  'i want to',
  'i want',
  'i also want to',
  'i also want',
  'i only want to',
  'i only want',
  "i don't want to",
  "i don't want",
  'i do not want to',
  'i do not want',
  'i need to be able to',
  'i need to',
  'i need',
  "i'd like to",
  "i'd like",
  'i would like to',
  'i would like',
  'i would be able to',
  'i wish to',
  'i can',
  'i am able to',
  "i'm able to",
  'i should be able to',
  'i must be able to',
  'we want to',
  'we want',
  'we need to',
  'we need',
  "we'd like to",
  'we would like to',
  'we can',
];

const ROLE_KEYWORDS = ['as an', 'as a', 'as the', 'as'];

export const DEFAULT_TEMPLATES: readonly Template[] = [
  {
    name: 'connextra',
    slots: [
      { part: 'role', keywords: ROLE_KEYWORDS },
      { part: 'means', keywords: WANT_KEYWORDS },
      {
        part: 'ends',
        keywords: ['so that', 'so as to', 'in order to', 'in order that', ', so', 'such that', 'so i can', 'so we can'],
        optional: true,
      },
    ],
  },
  {
    name: 'in-order-to',
    slots: [
      { part: 'ends', keywords: ['in order to'] },
      { part: 'role', keywords: ROLE_KEYWORDS },
      { part: 'means', keywords: WANT_KEYWORDS },
    ],
  },
  {
    name: 'job-story',
    slots: [
      { part: 'situation', keywords: ['when', 'while', 'whenever'] },
      { part: 'means', keywords: WANT_KEYWORDS },
      {
        part: 'ends',
        keywords: ['so that i can', 'so i can', 'so that we can', 'so we can', 'so that', ', so'],
        optional: true,
      },
    ],
  },
];

export const DEFAULT_SECTIONS: Record<SectionKind, readonly string[]> = {
  outcome: [
    'outcome',
    'outcomes',
    'expected outcome',
    'desired outcome',
    'goal',
    'goals',
    'success metric',
    'success metrics',
    'success criteria',
    'key result',
    'key results',
    'impact',
    'why',
  ],
  problem: [
    'problem',
    'customer problem',
    'problem statement',
    'user problem',
    'evidence',
    'customer evidence',
    'validation',
    'discovery',
    'research',
    'insights',
    'user research',
  ],
  acceptance: [
    'acceptance criteria',
    'acceptance criterion',
    'ac',
    'acs',
    'acceptance tests',
    'acceptance test',
    'scenarios',
    'scenario',
    'definition of done',
  ],
  notes: ['notes', 'note', 'out of scope', 'open questions', 'questions', 'dependencies', 'links'],
};

/**
 * Section names that ordinary documents use too ("Why", "Goals", "Definition of done"): under a
 * story they are its sections, but they are no evidence that a heading is a story.
 */
const WEAK_SECTION_NAMES = new Set([
  'goal', 'goals', 'why', 'impact', 'definition of done', 'scenario', 'scenarios', 'research', 'insights',
  'discovery', 'validation',
]);

export function isWeakSectionName(name: string): boolean {
  return WEAK_SECTION_NAMES.has(name.toLowerCase().replace(/[*_:`]/g, '').replace(/\s+/g, ' ').trim());
}

// RE2 syntax, like every idPattern: `\B#` is a # that does not follow a word character.
export const DEFAULT_ID_PATTERN = '\\b[A-Z][A-Z0-9]{1,9}-\\d{1,7}\\b|\\B#\\d{1,7}\\b';

/** The files that declare outcomes unless the config says otherwise: ones the walk lints anyway. */
export const DEFAULT_OUTCOME_FILES: readonly string[] = ['**/outcomes.md', '**/OUTCOMES.md', '**/okrs.md', '**/goals.md'];

// OUT-3, KR-2.1, O1, KR1.2: case-sensitive, so "o1" in prose is no id; bounded repeats, so JavaScript runs it in linear time.
export const DEFAULT_OUTCOME_ID_PATTERN = '\\b(?:OUT|OKR|KR|O|G|GOAL)-?\\d{1,4}(?:\\.\\d{1,4}){0,3}\\b';

export const DEFAULT_SETTINGS: Settings = {
  sections: DEFAULT_SECTIONS,
  templates: DEFAULT_TEMPLATES,
  idPattern: DEFAULT_ID_PATTERN,
  personas: [],
  requireSectionsFor: ['heading', 'file'],
  outcomes: DEFAULT_OUTCOME_FILES,
  outcomeIdPattern: DEFAULT_OUTCOME_ID_PATTERN,
};
