import { foldAccents } from './normalize';
import { lightStem } from './stem';

/** A word of the text and where it sits: `text.slice(start, end) === token.text`. */
export interface Token {
  text: string;
  start: number;
  end: number;
}

// Letters and digits, keeping inner apostrophes and hyphens ("light-dependent", "plant's").
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

export function tokenize(text: string): Token[] {
  return Array.from(text.matchAll(WORD), (match) => ({
    text: match[0],
    start: match.index,
    end: match.index + match[0].length,
  }));
}

/** The matching form of one word: lowercase, unaccented, lightly stemmed. */
export function wordKey(word: string): string {
  return lightStem(foldAccents(word.toLowerCase()));
}

/** The matching form of a phrase, so "Light Reactions" and "light reaction" meet. */
export function phraseKey(words: readonly string[]): string {
  return words.map(wordKey).join(' ');
}

/** True when only whitespace separates the two tokens (no comma, bracket or full stop). */
export function areAdjacent(text: string, left: Token, right: Token): boolean {
  return /^\s+$/.test(text.slice(left.end, right.start));
}

/** True when the phrase key contains the other as whole words ("carbon dioxide" ⊃ "dioxide"). */
export function containsPhrase(phrase: string, part: string): boolean {
  return ` ${phrase} `.includes(` ${part} `);
}

export function phrasesOverlap(a: string, b: string): boolean {
  return containsPhrase(a, b) || containsPhrase(b, a);
}
