/** Text normalisation shared by extraction, key terms, question generation and similarity. */

const COMBINING_MARKS = /\p{M}+/gu;
// Control characters other than tab and newline; NUL in particular cannot be stored.
// eslint-disable-next-line no-control-regex -- matching control characters is the point here
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** Removes accents: "Élysée" → "Elysee". */
export function foldAccents(text: string): string {
  // ASCII has nothing to fold; skipping Unicode normalisation keeps the hot comparison paths fast.
  if (/^\p{ASCII}*$/u.test(text)) return text;
  return text.normalize('NFD').replace(COMBINING_MARKS, '').normalize('NFC');
}

/** A comparison key: lowercase, no accents, punctuation and runs of whitespace reduced to one space. */
export function comparisonKey(text: string): string {
  return foldAccents(text.toLowerCase())
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Collapses every run of whitespace (newlines included) to one space. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Cleans text coming out of an extractor: LF line endings, no control characters, tabs and
 * repeated spaces as one space, no trailing spaces, at most one blank line between paragraphs.
 */
export function cleanExtractedText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/\f/g, '\n\n')
    .replace(CONTROL_CHARACTERS, '')
    .replace(/[\t \u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
