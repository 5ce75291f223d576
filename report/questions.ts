import type { Finding } from '../core/engine/lint';
import type { AnyRule, ReportQuestion } from '../core/engine/rule';
import type { Story } from '../core/story/model';
import type { SectionKind } from '../core/story/settings';

/**
 * The build-trap questions the backlog report answers per story. Their keys, labels and texts live
 * here; which rules answer each is the rules' own `answers` meta, read from the rules the report is
 * given (so a plugin rule can answer one too).
 */

export type QuestionKey = ReportQuestion;

/** One of the build-trap questions, answered per story from the findings of the rules that answer it. */
export interface BuildTrapQuestion {
  key: QuestionKey;
  /** Short label for the headline figure. */
  label: string;
  /** The question as a product manager asks it. */
  question: string;
}

export const BUILD_TRAP_QUESTIONS: readonly BuildTrapQuestion[] = [
  { key: 'outcome', label: 'Measurable outcome', question: 'Which share of stories names a measurable outcome?' },
  { key: 'evidence', label: 'Evidence', question: 'Which share of stories shows evidence for the problem it solves?' },
  { key: 'criteria', label: 'Acceptance criteria', question: 'Which share of stories says when it is done, with acceptance criteria?' },
];

/** A question with the rules that answer it, in the order of the rule list. */
export interface AnsweredQuestion extends BuildTrapQuestion {
  /** A story fails the question when one of these reported on it; one with `withinSection` only when its finding lies inside a section of that kind. */
  rules: readonly { name: string; withinSection?: SectionKind }[];
}

/** Per question, whether the story passes it. */
export type StoryAnswers = Partial<Record<QuestionKey, boolean>>;

export interface QuestionFigure {
  key: QuestionKey;
  label: string;
  question: string;
  rules: string[];
  /** False when none of the question's rules ran: the share would say nothing. */
  measured: boolean;
  yes: number;
  /** Stories the question applies to (those with sections). */
  total: number;
  /** yes / total, or null when not measured or no story applies. */
  share: number | null;
}

/** Every build-trap question with the rules of `rules` that answer it (their `answers` meta). */
export function questionsAnsweredBy(rules: readonly AnyRule[]): AnsweredQuestion[] {
  return BUILD_TRAP_QUESTIONS.map((question) => ({
    ...question,
    rules: rules.filter((rule) => rule.answers?.question === question.key).map((rule) => ({ name: rule.name, withinSection: rule.answers!.withinSection })),
  }));
}

/** A question is measured when one of its rules ran. */
export const isMeasured = (question: AnsweredQuestion, active: ReadonlySet<string>): boolean => question.rules.some((rule) => active.has(rule.name));

export function answersOf(questions: readonly AnsweredQuestion[], story: Story, findings: readonly Finding[]): StoryAnswers {
  const answers: StoryAnswers = {};
  for (const question of questions) {
    answers[question.key] = !findings.some((finding) => failsQuestion(question, story, finding));
  }
  return answers;
}

function failsQuestion(question: AnsweredQuestion, story: Story, finding: Finding): boolean {
  const rule = question.rules.find((candidate) => candidate.name === finding.ruleId);
  if (!rule) return false;
  const kind = rule.withinSection;
  if (kind === undefined) return true;
  return story.sections.some((section) => section.kind === kind && finding.span[0] >= section.span[0] && finding.span[1] <= section.span[1]);
}

/** The figure of a question over the stories it applies to. */
export function questionFigure(question: AnsweredQuestion, rows: readonly { answers?: StoryAnswers }[], measured: boolean): QuestionFigure {
  const yes = rows.filter((row) => row.answers![question.key]).length;
  return {
    key: question.key,
    label: question.label,
    question: question.question,
    rules: question.rules.map((rule) => rule.name),
    measured,
    yes: measured ? yes : 0,
    total: rows.length,
    share: measured && rows.length > 0 ? yes / rows.length : null,
  };
}
