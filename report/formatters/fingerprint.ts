// Identities of findings that CI services use to follow one finding from run to run.
import { createHash } from 'node:crypto';
import type { FormattedResult } from '.';
import { relativePath } from './paths';

/** Longest flagged text a fingerprint reads: enough to tell findings apart, bounded for huge spans. */
const FLAGGED_TEXT_LIMIT = 200;

/**
 * One fingerprint per finding of `result`, in order: a hash of the rule, the message kind, the file
 * (relative to `cwd`), the story (its id, else its title), the flagged text and how many findings
 * before it in the file share all of those. No line or offset goes in, so a finding keeps its
 * fingerprint when lines above it are added or removed, and two findings of one file never share one.
 */
export function fingerprints(result: FormattedResult, cwd: string): string[] {
  const file = relativePath(result.filePath, cwd) ?? result.filePath.replace(/\\/g, '/');
  const seen = new Map<string, number>();
  return result.findings.map((finding) => {
    const story = finding.storyIndex === undefined ? undefined : result.stories?.[finding.storyIndex];
    const [start, end] = finding.span;
    const text = result.text?.slice(start, Math.min(end, start + FLAGGED_TEXT_LIMIT));
    const flagged = text === undefined ? finding.message : text.replace(/\s+/g, ' ').trim();
    const key = JSON.stringify([finding.ruleId, finding.messageId, file, story ? (story.id?.text ?? story.title) : '', flagged]);
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    return createHash('sha256').update(`${key}#${occurrence}`).digest('hex');
  });
}
