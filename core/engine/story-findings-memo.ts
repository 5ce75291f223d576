import { RecentMap } from '../markdown/parse';
import type { Fix, Span } from './rule';
import type { Finding } from './lint';

/**
 * Story-rule findings by story text, stored relative to the story's start so that a story that
 * only moved (an edit above it) gets its findings back shifted. Bounded: the recently used stay.
 */
export class StoryFindingsMemo {
  /** `entries`: where to keep them, e.g. a ParseCache's values derived for one config. */
  constructor(private readonly entries: RecentMap<string, unknown> = new RecentMap(20_000)) {}

  get(key: string, start: number): Finding[] | undefined {
    const relative = this.entries.get(key) as Finding[] | undefined;
    return relative?.map((finding) => shiftFinding(finding, start));
  }

  set(key: string, start: number, findings: readonly Finding[]): void {
    this.entries.set(key, findings.map((finding) => shiftFinding(finding, -start)));
  }
}

function shiftFinding(finding: Finding, delta: number): Finding {
  const shift = (span: Span): Span => [span[0] + delta, span[1] + delta];
  const shiftedFix = (fix: Fix): Fix => ({ ...fix, edits: fix.edits.map((edit) => ({ ...edit, span: shift(edit.span) })) });
  const shifted: Finding = { ...finding, span: shift(finding.span) };
  if (finding.fix) shifted.fix = shiftedFix(finding.fix);
  if (finding.suggestions) shifted.suggestions = finding.suggestions.map(shiftedFix);
  // Related locations of story rules point into the same file.
  if (finding.related) shifted.related = finding.related.map((related) => ({ ...related, span: shift(related.span) }));
  return shifted;
}
