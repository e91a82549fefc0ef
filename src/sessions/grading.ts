/**
 * Pure answer grading. Every grader returns `{ correct, credit }` with credit in [0, 1]; `correct`
 * is true only for full credit.
 */
export interface GradeResult {
  correct: boolean;
  credit: number;
}

export interface ShortAnswerKey {
  answer: string;
  alternatives?: readonly string[];
}

export interface NormaliseOptions {
  /**
   * Words dropped from the start of an answer while more words follow ("the Nile" = "Nile").
   * Defaults to the English articles; pass [] to keep them. A lone article ("A") is never dropped,
   * so one-letter answers still work.
   */
  leadingArticles?: readonly string[];
}

export type MultipleChoicePolicy = 'all-or-nothing' | 'partial';

export const DEFAULT_LEADING_ARTICLES: readonly string[] = ['the', 'a', 'an'];

const APOSTROPHES = /['’ʼ‘]/gu;
/** Symbols, and the punctuation marks that carry meaning in answers. */
const SYMBOL_LIKE = /[\p{S}%#&@/*\\]/u;
const SPACED_SYMBOL = new RegExp(`\\s*(${SYMBOL_LIKE.source})\\s*`, 'gu');
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const DECIMAL_SEPARATORS = new Set(['.', ',']);
const DIGIT = /\d/;

function creditOf(credit: number): GradeResult {
  return { correct: credit === 1, credit };
}

/**
 * Canonical form used to compare short answers:
 * 1. Unicode NFKD, lower case, NFKD again (lower-casing can yield decomposable letters) and removal
 *    of combining marks, so "Café" = "cafe" and full-width or ligature forms ("ﬁ", "Ａ") fold to
 *    plain letters (NFKD includes the canonical NFD decomposition);
 * 2. apostrophes are deleted ("don't" = "dont");
 * 3. "." or "," between two digits becomes "." (3,14 = 3.14 but 3.14 ≠ 314); a minus sign
 *    ("-" or "−") before a digit and not after a letter or digit is kept (-5 ≠ 5, but x-5 = x 5);
 * 4. the punctuation marks that carry meaning in answers (% # & @ / * \) are kept, like symbols
 *    ("+", "$", "°"), and spaces around them are dropped ("50 %" = "50%", "C ++" = "C++");
 * 5. any other punctuation becomes a space ("well-known" = "well known");
 * 6. runs of whitespace collapse to one space and the ends are trimmed;
 * 7. leading articles are dropped while more words follow (see {@link NormaliseOptions}).
 * Letters without a decomposition (ß, ø, æ, ł) are left as they are.
 */
export function normaliseAnswer(text: string, options: NormaliseOptions = {}): string {
  const folded = text
    .normalize('NFKD')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/\u2212/g, '-')
    .replace(APOSTROPHES, '');
  const spaced = folded
    .replace(/\p{P}/gu, replacePunctuation)
    .replace(SPACED_SYMBOL, '$1')
    .replace(/\s+/gu, ' ')
    .trim();
  return dropLeadingArticles(spaced, options.leadingArticles ?? DEFAULT_LEADING_ARTICLES);
}

function replacePunctuation(mark: string, offset: number, text: string): string {
  const before = text.charAt(offset - 1);
  const after = text.charAt(offset + 1);
  if (SYMBOL_LIKE.test(mark)) return mark;
  if (DECIMAL_SEPARATORS.has(mark) && DIGIT.test(before) && DIGIT.test(after)) return '.';
  if (mark === '-' && DIGIT.test(after) && !LETTER_OR_DIGIT.test(before)) return '-';
  return ' ';
}

function dropLeadingArticles(text: string, articles: readonly string[]): string {
  let rest = text;
  for (let space = rest.indexOf(' '); space > 0 && articles.includes(rest.slice(0, space));) {
    rest = rest.slice(space + 1);
    space = rest.indexOf(' ');
  }
  return rest;
}

/** Full credit when the normalised response equals the normalised answer or any alternative. */
export function gradeShortAnswer(
  response: string,
  key: ShortAnswerKey,
  options: NormaliseOptions = {},
): GradeResult {
  const given = normaliseAnswer(response, options);
  if (given === '') return creditOf(0);
  const accepted = [key.answer, ...(key.alternatives ?? [])].map((text) =>
    normaliseAnswer(text, options),
  );
  return creditOf(accepted.includes(given) ? 1 : 0);
}

/**
 * Multiple choice (several options may be correct), selections and correct options given by id.
 * - `all-or-nothing`: full credit only when the selected set equals the correct set.
 * - `partial`: credit = max(0, (correct selected − wrong selected) / number of correct options),
 *   so each wrong pick cancels one right pick and guessing everything earns nothing.
 * Duplicate ids count once.
 */
export function gradeMultipleChoice(
  selected: readonly string[],
  correctOptions: readonly string[],
  policy: MultipleChoicePolicy,
): GradeResult {
  const correctSet = new Set(correctOptions);
  if (correctSet.size === 0)
    throw new RangeError('a multiple-choice question needs a correct option');
  const picked = new Set(selected);
  const right = [...picked].filter((id) => correctSet.has(id)).length;
  const wrong = picked.size - right;
  const exact = wrong === 0 && right === correctSet.size;
  if (policy === 'all-or-nothing' || exact) return creditOf(exact ? 1 : 0);
  return creditOf(Math.max(0, (right - wrong) / correctSet.size));
}

/** Single choice: exact match of the selected option id; no selection earns nothing. */
export function gradeSingleChoice(selected: string | null, correctOption: string): GradeResult {
  return creditOf(selected === correctOption ? 1 : 0);
}

/** True/false: exact match; no answer earns nothing. */
export function gradeTrueFalse(answer: boolean | null, correct: boolean): GradeResult {
  return creditOf(answer === correct ? 1 : 0);
}
