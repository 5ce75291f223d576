import type { FileResult, Finding } from './lint';
import { positionOf } from './findings';
import type { AnyRule, Span } from './rule';

/**
 * The backlog findings of a file's previous result that an edit left in place, moved to where
 * their text now is in `next` (a result of the same file after the edit). The editor shows them
 * with the new story findings until the backlog rules have run on the edit; a finding whose span,
 * or a related location in the same file, touches the edited text is dropped.
 */
export function carriedBacklogFindings(previous: FileResult, next: FileResult, rules: readonly AnyRule[]): Finding[] {
  const backlogRules = new Set(rules.filter((rule) => rule.scope === 'backlog').map((rule) => rule.name));
  const moved = spanMover(previous.text, next.text);
  const carried: Finding[] = [];
  for (const finding of [...previous.findings, ...previous.suppressed]) {
    if (!backlogRules.has(finding.ruleId)) continue;
    const span = moved(finding.span);
    if (!span) continue;
    let related = finding.related;
    if (related) {
      const relocated = related.map((location) => {
        if (location.filePath !== next.filePath) return location;
        const locationSpan = moved(location.span);
        return locationSpan && { ...location, span: locationSpan, ...positionOf(next.lines, locationSpan) };
      });
      if (relocated.some((location) => !location)) continue;
      related = relocated as typeof related;
    }
    carried.push({ ...finding, span, ...positionOf(next.lines, span), storyIndex: storyAt(next, span[0]), ...(related ? { related } : {}) });
  }
  return carried;
}

/**
 * Where a span of `before` is in `after`, when it lies wholly in their common start or common end
 * (one edited stretch between them, as a keystroke or a paste makes); undefined when it touches
 * the edited stretch.
 */
function spanMover(before: string, after: string): (span: Span) => Span | undefined {
  const shorter = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < shorter && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  const editedEnd = before.length - suffix;
  const delta = after.length - before.length;
  return (span) => {
    if (span[1] <= prefix) return span;
    if (span[0] >= editedEnd) return [span[0] + delta, span[1] + delta];
    return undefined;
  };
}

/** The index of the story whose span holds `offset` (stories are in file order). */
function storyAt(result: FileResult, offset: number): number | undefined {
  const { stories } = result;
  let low = 0;
  let high = stories.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [start, end] = stories[middle]!.span;
    if (offset < start) high = middle - 1;
    else if (offset >= end) low = middle + 1;
    else return middle;
  }
  return undefined;
}
