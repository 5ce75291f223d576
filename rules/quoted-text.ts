// Text the author quotes rather than claims: quotation marks, inline code, link addresses, block quotes.

/**
 * For each offset of `text`, whether it sits inside quotes, an inline code span or a link address:
 * there a word is a UI label, a customer's words or a URL, not the author's claim. One pass.
 */
export function quotedMask(text: string): Uint8Array {
  const mask = new Uint8Array(text.length);
  let closer = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (closer) {
      mask[i] = 1;
      // An unclosed quote (5" screen) ends with its line rather than hiding the rest of the text.
      if (ch === closer || ch === '\n') closer = '';
      continue;
    }
    if (ch === '"' || ch === '`') closer = ch;
    else if (ch === '“') closer = '”';
    else if (ch === '(' && text[i - 1] === ']') closer = ')';
    else if (ch === '<' && text.startsWith('http', i + 1)) closer = '>';
    if (closer) mask[i] = 1;
  }
  return mask;
}

/** Whether the line holding `offset` is a Markdown block quote (quoted customers, not the author). */
export function inBlockQuote(text: string, offset: number): boolean {
  let start = offset;
  // Lines are short in practice; the cap keeps a pathological line from costing more than a constant.
  // Lines end in LF, CRLF or a lone CR.
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r' && offset - start < 400) start--;
  while (start < offset && (text[start] === ' ' || text[start] === '\t')) start++;
  return text[start] === '>';
}
