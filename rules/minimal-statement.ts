import { defineStoryRule, findPlaceholders, mapSpan, PhraseMatcher, type Placeholder, type Statement, words } from '../core/api';
import { ABBREVIATIONS } from './lexicon/grammar';

/** Phrases that open an example list or an aside. */
const ASIDES = new PhraseMatcher(['etc', 'for example', 'for instance', 'such as', 'and so on', 'and so forth', 'e g', 'i e']);

interface Extra {
  start: number;
  end: number;
  what: string;
}

/** A test of whether an offset lies inside a placeholder, for offsets asked in increasing order. */
function placeholderTest(placeholders: readonly Placeholder[]): (at: number) => boolean {
  let next = 0;
  return (at) => {
    while (next < placeholders.length && placeholders[next]!.end <= at) next++;
    return next < placeholders.length && placeholders[next]!.start <= at;
  };
}

/**
 * A parenthetical or bracketed remark, except a plural marker such as "file(s)" and a placeholder
 * such as "[role]" (story-format and require-benefit ask for those to be replaced).
 */
function findBrackets(text: string, placeholders: readonly Placeholder[]): Extra | undefined {
  const inPlaceholder = placeholderTest(placeholders);
  for (let i = 0; i < text.length; i++) {
    const open = text[i]!;
    if (open !== '(' && open !== '[') continue;
    if (inPlaceholder(i)) continue;
    const close = text.indexOf(open === '(' ? ')' : ']', i + 1);
    const inner = close === -1 ? text.slice(i + 1) : text.slice(i + 1, close);
    // "file(s)", "(re-)use": a spelling device, not a remark.
    if (/^[a-z-]{1,3}$/i.test(inner) && ((i > 0 && /\w/.test(text[i - 1]!)) || /\w/.test(text[close + 1] ?? ''))) continue;
    // "[x]" checkboxes are not in statements.
    return { start: i, end: close === -1 ? text.length : close + 1, what: 'a remark in brackets' };
  }
  return undefined;
}

/** A second sentence: ". ", "! " or "? " followed by more words, not after an abbreviation or in a placeholder ("As a ... I want"). */
function findSecondSentence(text: string, placeholders: readonly Placeholder[]): Extra | undefined {
  const lastWord = words(text).pop();
  if (!lastWord) return undefined;
  const inPlaceholder = placeholderTest(placeholders);
  for (let i = 0; i < lastWord.start; i++) {
    const mark = text[i]!;
    if (mark !== '.' && mark !== '!' && mark !== '?') continue;
    if (inPlaceholder(i)) continue;
    if (!/\s/.test(text[i + 1]!)) continue;
    if (mark === '.') {
      const before = words(text.slice(Math.max(0, i - 8), i)).pop();
      const tail = text.slice(Math.max(0, i - 4), i).toLowerCase();
      if (before && (ABBREVIATIONS.has(before.word) || /\b[a-z]\.[a-z]$/.test(tail))) continue;
    }
    let start = i + 1;
    while (start < text.length && /\s/.test(text[start]!)) start++;
    return { start, end: text.length, what: 'a second sentence' };
  }
  return undefined;
}

function findAside(statement: Statement): Extra | undefined {
  const match = ASIDES.findAll(words(statement.text))[0];
  if (!match) return undefined;
  const phrase = statement.text.slice(match.span[0], match.span[1]);
  return { start: match.span[0], end: match.span[1], what: `an example list ("${phrase}")` };
}

export default defineStoryRule({
  name: 'minimal-statement',
  description: 'The statement holds only role, capability and benefit; details go to notes or acceptance criteria.',
  tags: ['statement'],
  fixable: false,
  severity: 'info',
  options: {},
  messages: {
    extra: 'The statement carries {what}: keep it to role, capability and benefit, and move details to notes or acceptance criteria.',
  },
  check({ story, text, report }) {
    const statement = story.statement;
    if (!statement) return;
    // Placeholders part by part: "…" is one only as the whole of a part.
    const parts = Object.values(statement.parts).filter((part) => part !== undefined).sort((a, b) => a.start - b.start);
    const placeholders = parts.flatMap((part) => findPlaceholders(statement, { start: part.start, end: part.end, source: text }));
    const found = [findBrackets(statement.text, placeholders), findAside(statement), findSecondSentence(statement.text, placeholders)]
      .filter((extra): extra is Extra => extra !== undefined)
      .sort((a, b) => a.start - b.start)[0];
    if (!found) return;
    report({ messageId: 'extra', span: mapSpan(statement, found.start, found.end), data: { what: found.what } });
  },
});
