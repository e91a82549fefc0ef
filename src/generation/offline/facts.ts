import type { KeyTerm } from '../../common/text/topics';
import { comparisonKey } from '../../common/text/normalize';
import { splitSentences } from '../../common/text/sentences';
import { areAdjacent, phraseKey, tokenize, type Token } from '../../common/text/tokens';

/** A chunk as stored: its id, and its place in the document text (see `documentText`). */
export interface SourceChunk {
  id: string;
  index: number;
  page: number;
  start: number;
  end: number;
  text: string;
}

/** A key term found in a sentence; offsets are within the sentence. */
export interface TermOccurrence {
  term: KeyTerm;
  start: number;
  end: number;
  text: string;
}

/** A sentence a question can be built from; `start`/`end` are offsets in the chunk text. */
export interface Fact {
  chunk: SourceChunk;
  start: number;
  end: number;
  text: string;
  /** comparisonKey of the text, to spot repeats and invented statements that happen to be true. */
  key: string;
  tokens: Token[];
  occurrences: TermOccurrence[];
}

export interface TermIndex {
  byKey: ReadonlyMap<string, KeyTerm>;
  maxWords: number;
}

// Statements long enough to carry a fact, short enough to read as a question.
const MIN_SENTENCE_CHARS = 40;
const MAX_SENTENCE_CHARS = 320;
const MIN_SENTENCE_WORDS = 6;

export function indexTerms(terms: readonly KeyTerm[]): TermIndex {
  const byKey = new Map<string, KeyTerm>();
  for (const term of terms) if (!byKey.has(term.key)) byKey.set(term.key, term);
  const maxWords = Math.max(1, ...terms.map((term) => term.key.split(' ').length));
  return { byKey, maxWords };
}

/** The declarative sentences of the chunks that mention at least one key term, in document order. */
export function collectFacts(chunks: readonly SourceChunk[], index: TermIndex): Fact[] {
  return chunks.flatMap((chunk) =>
    splitSentences(chunk.text).flatMap((span) => {
      const text = chunk.text.slice(span.start, span.end);
      const tokens = tokenize(text);
      if (!isStatement(text, tokens)) return [];
      const occurrences = findOccurrences(text, tokens, index);
      if (occurrences.length === 0) return [];
      return [
        {
          chunk,
          start: span.start,
          end: span.end,
          text,
          key: comparisonKey(text),
          tokens,
          occurrences,
        },
      ];
    }),
  );
}

function isStatement(text: string, tokens: readonly Token[]): boolean {
  return (
    text.length >= MIN_SENTENCE_CHARS &&
    text.length <= MAX_SENTENCE_CHARS &&
    tokens.length >= MIN_SENTENCE_WORDS &&
    /^[\p{Lu}\d"“‘']/u.test(text) &&
    /[.!]["'”’)]?$/.test(text) &&
    !text.includes('?')
  );
}

/** Key terms in the sentence, longest match first, never overlapping. */
export function findOccurrences(
  text: string,
  tokens: readonly Token[],
  index: TermIndex,
): TermOccurrence[] {
  const occurrences: TermOccurrence[] = [];
  let i = 0;
  while (i < tokens.length) {
    const match = longestMatch(text, tokens, i, index);
    if (match === undefined) {
      i++;
      continue;
    }
    occurrences.push(match.occurrence);
    i += match.length;
  }
  return occurrences;
}

function longestMatch(
  text: string,
  tokens: readonly Token[],
  from: number,
  index: TermIndex,
): { occurrence: TermOccurrence; length: number } | undefined {
  for (let length = Math.min(index.maxWords, tokens.length - from); length >= 1; length--) {
    const words = tokens.slice(from, from + length);
    if (!words.every((token, k) => k === 0 || areAdjacent(text, words[k - 1], token))) continue;
    const term = index.byKey.get(phraseKey(words.map((token) => token.text)));
    if (term === undefined) continue;
    const start = words[0].start;
    const end = words[length - 1].end;
    return { occurrence: { term, start, end, text: text.slice(start, end) }, length };
  }
  return undefined;
}
