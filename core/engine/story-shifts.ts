// Kept stories that shifted along their line: the spans of backlog findings pointing into them move with them.
import type { Span } from './rule';
import type { Finding } from './lint';

/**
 * A kept story that moved along its line (an edit earlier on the line or in the lines above kept
 * every line break): `[start, end)` is where it was, `delta` how far it went. Its lines and
 * columns are unchanged; only spans into it change.
 */
export interface Shift {
  start: number;
  end: number;
  delta: number;
}

/** A span of `filePath` moved with the shifted story it lies in (the last one starting at or before it). */
function shiftedSpan(span: Span, shifts: readonly Shift[]): Span {
  let low = 0;
  let high = shifts.length - 1;
  let found: Shift | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (shifts[middle]!.start <= span[0]) {
      found = shifts[middle];
      low = middle + 1;
    } else high = middle - 1;
  }
  return found && span[1] <= found.end ? [span[0] + found.delta, span[1] + found.delta] : span;
}

/** The finding (of a story in `ownFile`) with its spans into `filePath` shifted; itself if none moved. */
export function shiftedFinding(finding: Finding, ownFile: string, filePath: string, shifts: readonly Shift[]): Finding {
  let moved = false;
  const shift = <T extends { span: Span }>(located: T): T => {
    const span = shiftedSpan(located.span, shifts);
    if (span === located.span) return located;
    moved = true;
    return { ...located, span };
  };
  const own = ownFile === filePath;
  const { span } = own ? shift(finding) : finding;
  const edits = own ? finding.fix?.edits.map(shift) : undefined;
  const related = finding.related?.map((location) => (location.filePath === filePath ? shift(location) : location));
  if (!moved) return finding;
  return { ...finding, span, ...(edits ? { fix: { ...finding.fix!, edits } } : {}), ...(related ? { related } : {}) };
}
