/**
 * What a line opens, as the line scan (scan.ts) reads it: fences, HTML blocks, list markers and
 * thematic breaks, and how many columns white space takes. Each recogniser reads one line's text.
 */

// White space in these tags is spaces and tabs, as in CommonMark: `\s` would also take U+FEFF and other text.
const HTML_RAW_OPEN = /^<(script|pre|style|textarea)(?:[ \t]|>|$)/i;
const HTML_BLOCK_TAG =
  /^<\/?(address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul)(?:[ \t]|\/?>|$)/i;
const HTML_ANY_TAG = /^(?:<[a-zA-Z][a-zA-Z0-9-]*(?:[ \t][^<>]*)?\/?>|<\/[a-zA-Z][a-zA-Z0-9-]*[ \t]*>)[ \t]*$/;
/** A list marker; group 1 is the number of an ordered item, group 3 the item's first text (U+FEFF is text too). */
export const LIST_ITEM = /^(?:[*+-]|(\d{1,9})[.)])([ \t]+|$)([^ \t]?)/;
export const THEMATIC_BREAK = /^(?:\*[ \t]*){3,}$|^(?:-[ \t]*){3,}$|^(?:_[ \t]*){3,}$/;

/** Columns that text starting at `column` takes up: a tab reaches the next multiple of four. */
export function columnsSpanned(part: string, column: number): number {
  let end = column;
  for (const ch of part) end += ch === '\t' ? 4 - (end % 4) : 1;
  return end - column;
}

/** CommonMark's blank line: spaces and tabs only. `trim()` would also drop U+FEFF and other Unicode spaces, which are text. */
export const isBlankLine = (line: string): boolean => /^[ \t]*$/.test(line);

/** Lines that start a new block and so end a lazy paragraph continuation. */
export function startsBlock(content: string): boolean {
  // Inline HTML ("<b> text") is no block start: only the HTML blocks that may interrupt a paragraph are.
  if (content.startsWith('<')) return htmlBlockEnd(content, true) !== undefined;
  return /^(?:#{1,6}(?:[ \t]|$)|>)/.test(content) || fenceOpening(content) !== undefined || THEMATIC_BREAK.test(content) || LIST_ITEM.test(content);
}

/** The fence a line opens code with, if any: a backtick fence's info text holds no backtick ("``` `x` " is inline code). */
export function fenceOpening(content: string): string | undefined {
  const fence = /^(?:`{3,}|~{3,})/.exec(content)?.[0];
  return fence && !(fence[0] === '`' && content.includes('`', fence.length)) ? fence : undefined;
}

/** An inline tag alone on its line ("<br>"), which does not open an HTML block after a paragraph. */
export const isLoneInlineTag = (content: string): boolean => HTML_ANY_TAG.test(content) && htmlBlockEnd(content, true) === undefined;

/** What ends an HTML block opened by this line ('blank' for a blank line), or undefined. */
export function htmlBlockEnd(content: string, interruptsParagraph: boolean): string | undefined {
  if (content.startsWith('<!--')) return '-->';
  const raw = HTML_RAW_OPEN.exec(content);
  if (raw) return `</${raw[1]!.toLowerCase()}>`;
  if (content.startsWith('<?')) return '?>';
  if (content.startsWith('<![CDATA[')) return ']]>';
  if (/^<![A-Za-z]/.test(content)) return '>';
  if (HTML_BLOCK_TAG.test(content)) return 'blank';
  if (!interruptsParagraph && HTML_ANY_TAG.test(content)) return 'blank';
  return undefined;
}
