import type { SectionKind } from './settings';

/**
 * Which headings of a file start a story. A product manager calls a heading a story only with real
 * evidence; most Markdown (READMEs, docs, handbooks) has headings that look a little like stories
 * and are not. This module decides from facts about each heading, in document order, so the
 * decision can be read and tested apart from parsing.
 */
export interface HeadingFacts {
  level: number;
  /** A section heading ("Acceptance criteria"); strong names are story evidence, weak ones ("Why") are not. */
  section?: { kind: SectionKind; strong: boolean };
  /** "Description", "User story": it holds the statement of the story it sits under. */
  statementLabel: boolean;
  /** The heading or its first paragraph is a complete, plausible story statement. */
  statement: boolean;
  /** It opens like a statement but is incomplete ("As a finance clerk, invoices …"): evidence only beside an id. */
  partialStatement: boolean;
  /** An id token in the heading, or an id field in its metadata. */
  id: boolean;
  /** Kinds of strong lead-in sections in the heading's own text ("**Acceptance criteria:** …"). */
  leadIns: readonly SectionKind[];
  /** What a metadata type field says ("Type: Story", "Work Item Type: Epic"). */
  declaredType?: 'story' | 'other';
  /** Named as a container of stories ("Epic …") or as an explanation of them ("Example", "How to write …"). */
  naming?: 'container' | 'explanatory';
}

export interface DetectedStory {
  /** Index of the story's heading. */
  head: number;
  /** First and last heading the story spans (sections before a parentless "User story" heading belong to it). */
  first: number;
  last: number;
}

export interface Detection {
  stories: DetectedStory[];
  /** Headings whose text holds no stories at all: explanations, and the lead text of containers. */
  quiet: boolean[];
  /** Headings whose own paragraphs are the container's text (an epic's description), not backlog lines. */
  container: boolean[];
}

export function detectStories(headings: readonly HeadingFacts[]): Detection {
  const count = headings.length;
  const parent = parentsOf(headings);
  // A "Description" heading under a title heading belongs to that title: the owner's statement.
  const owner = headings.map((facts, i) => {
    const up = parent[i];
    if (!facts.statementLabel || up === undefined) return undefined;
    const parentFacts = headings[up]!;
    return parentFacts.section || parentFacts.statementLabel ? undefined : up;
  });
  const explanatory: boolean[] = [];
  headings.forEach((facts, i) => {
    const up = parent[i];
    explanatory.push(facts.naming === 'explanatory' || (up !== undefined && explanatory[up]!));
  });

  // Evidence gathered from a heading's own text, its owned "Description" and its direct sections.
  const strongKinds = headings.map((facts) => new Set(facts.leadIns));
  const ownedStatement = new Array<boolean>(count).fill(false);
  const declared = headings.map((facts) => facts.declaredType);
  headings.forEach((facts, i) => {
    const owning = owner[i];
    if (owning !== undefined) {
      for (const kind of facts.leadIns) strongKinds[owning]!.add(kind);
      if (facts.statement) ownedStatement[owning] = true;
      declared[owning] ??= facts.declaredType;
      return;
    }
    const up = parent[i];
    if (!facts.section?.strong || up === undefined) return;
    const target = owner[up] ?? up;
    strongKinds[target]!.add(facts.section.kind);
  });

  const eligible = headings.map((facts, i) => !facts.section && owner[i] === undefined && !facts.naming && !explanatory[i] && declared[i] !== 'other');
  const evidence = headings.map((facts, i) => {
    if (!eligible[i]) return false;
    if (facts.statementLabel) return facts.statement || parentlessSiblingsHaveSections(headings, parent, i);
    const strong = strongKinds[i]!.size;
    return declared[i] === 'story' || facts.statement || ownedStatement[i] || (facts.id && (strong >= 1 || facts.partialStatement)) || strong >= 2;
  });
  // In a backlog of id headings, an id heading among stories is a story too, however broken.
  const storiesWithIdUnder = new Map<string, number>();
  const groupOf = (i: number) => `${parent[i] ?? -1}:${headings[i]!.level}`;
  headings.forEach((facts, i) => {
    if (evidence[i] && facts.id) storiesWithIdUnder.set(groupOf(i), (storiesWithIdUnder.get(groupOf(i)) ?? 0) + 1);
  });
  headings.forEach((facts, i) => {
    if (eligible[i] && !evidence[i] && facts.id && (storiesWithIdUnder.get(groupOf(i)) ?? 0) >= 1) evidence[i] = true;
  });

  // A heading with stories below it is their container (an epic, a page title), never a story.
  const storyBelow = new Array<boolean>(count).fill(false);
  const isStory = new Array<boolean>(count).fill(false);
  for (let i = count - 1; i >= 0; i--) {
    isStory[i] = evidence[i]! && !storyBelow[i];
    const up = parent[i];
    if (up !== undefined && (isStory[i] || storyBelow[i])) storyBelow[up] = true;
  }
  const container = headings.map((facts, i) => storyBelow[i]! || facts.naming === 'container' || (evidence[i]! && !isStory[i]));
  return { stories: storySpans(headings, parent, isStory), quiet: explanatory, container };
}

/** The headings each story spans: its heading and the headings below it, up to the next story or a heading of its level. */
function storySpans(headings: readonly HeadingFacts[], parent: readonly (number | undefined)[], isStory: readonly boolean[]): DetectedStory[] {
  const count = headings.length;
  const stories: DetectedStory[] = [];
  let covered = -1;
  for (let head = 0; head < count; head++) {
    if (!isStory[head]) continue;
    const level = headings[head]!.level;
    let first = head;
    let last = head;
    const extendsOverSiblings = headings[head]!.statementLabel && parent[head] === undefined;
    if (extendsOverSiblings) {
      // A parentless "User story" heading (an issue form) shares its level with its sections.
      while (first - 1 > covered && !isStory[first - 1] && isSectionRun(headings, first - 1, level)) first--;
      // The run starts at a section of the story's level, not inside some other heading's content.
      while (first < head && headings[first]!.level !== level) first++;
    }
    while (last + 1 < count && !isStory[last + 1]) {
      const next = headings[last + 1]!;
      if (next.level > level || (extendsOverSiblings && isSectionRun(headings, last + 1, level))) last++;
      else break;
    }
    stories.push({ head, first, last });
    covered = last;
  }
  return stories;
}

/** A section heading at `level`, or any heading below one (its content). */
function isSectionRun(headings: readonly HeadingFacts[], index: number, level: number): boolean {
  const facts = headings[index]!;
  return facts.level > level || (facts.level === level && facts.section !== undefined);
}

function parentlessSiblingsHaveSections(headings: readonly HeadingFacts[], parent: readonly (number | undefined)[], index: number): boolean {
  const level = headings[index]!.level;
  for (const step of [-1, 1]) {
    for (let j = index + step; j >= 0 && j < headings.length; j += step) {
      const facts = headings[j]!;
      if (facts.level < level) break;
      if (facts.level > level) continue;
      if (!facts.section) break;
      if (facts.section.strong && parent[j] === undefined) return true;
    }
  }
  return false;
}

/** The nearest heading above each heading with a lower level. */
function parentsOf(headings: readonly HeadingFacts[]): (number | undefined)[] {
  const stack: number[] = [];
  return headings.map((facts, i) => {
    while (stack.length > 0 && headings[stack[stack.length - 1]!]!.level >= facts.level) stack.pop();
    const up = stack[stack.length - 1];
    stack.push(i);
    return up;
  });
}
