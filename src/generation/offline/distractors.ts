import type { KeyTerm } from '../../common/text/topics';
import { comparisonKey } from '../../common/text/normalize';
import type { Random } from '../../common/random/seeded-random';
import type { Fact } from './facts';
import { shuffle } from '../../common/random/shuffle';

export interface Distractors {
  terms: KeyTerm[];
  /** Mean similarity of the distractors to the answer, 0..1. */
  similarity: number;
}

/**
 * How alike two answers look, 0..1: similar length, the same number of words, shared character
 * trigrams and the same ending (plurals with plurals). Lookalike distractors make harder questions.
 */
export function termSimilarity(a: string, b: string): number {
  const lengthRatio = Math.min(a.length, b.length) / Math.max(a.length, b.length, 1);
  const sameWordCount = a.split(' ').length === b.split(' ').length ? 1 : 0;
  const sameEnding = a.slice(-2).toLowerCase() === b.slice(-2).toLowerCase() ? 1 : 0;
  return 0.4 * lengthRatio + 0.3 * sameWordCount + 0.2 * trigramOverlap(a, b) + 0.1 * sameEnding;
}

export interface DistractorPool {
  /**
   * Other key terms of the answer's kind that the sentence does not mention and that share no
   * word with the answer or with each other. They are ranked by looking like the answer and by
   * salience among the terms of their kind (a prominent term is a plausible answer), and `count`
   * are drawn at random from the best `2 × count`.
   */
  pick(answer: KeyTerm, fact: Fact, count: number, random: Random): Distractors | undefined;
}

interface PoolEntry {
  term: KeyTerm;
  display: string;
  words: string[];
  salience: number;
}

/** Prepares the key terms once per generation: comparison forms and cached similarities. */
export function distractorPool(terms: readonly KeyTerm[]): DistractorPool {
  const topScore = new Map<string, number>();
  for (const term of terms)
    topScore.set(term.kind, Math.max(topScore.get(term.kind) ?? 0, term.score));
  const entries: PoolEntry[] = terms.map((term) => ({
    term,
    display: comparisonKey(term.text),
    words: term.key.split(' '),
    salience: term.score / (topScore.get(term.kind) || 1),
  }));
  const similarities = new Map<string, number>();
  const similarity = (a: KeyTerm, b: KeyTerm) => {
    const pair = `${a.key}\u0000${b.key}`;
    let value = similarities.get(pair);
    if (value === undefined) similarities.set(pair, (value = termSimilarity(a.text, b.text)));
    return value;
  };
  return {
    pick(answer, fact, count, random) {
      const ranked = eligible(answer, entries, fact)
        .map((entry) => {
          const alike = similarity(answer, entry.term);
          return { term: entry.term, similarity: alike, rank: 0.6 * alike + 0.4 * entry.salience };
        })
        .sort((a, b) => b.rank - a.rank || a.term.key.localeCompare(b.term.key));
      if (ranked.length < count) return undefined;
      const chosen = shuffle(ranked.slice(0, count * 2), random).slice(0, count);
      return {
        terms: chosen.map((entry) => entry.term),
        similarity: chosen.reduce((sum, entry) => sum + entry.similarity, 0) / count,
      };
    },
  };
}

/** In pool order (best first); no two share a word, so "carbon" and "carbon dioxide" never meet. */
function eligible(answer: KeyTerm, entries: readonly PoolEntry[], fact: Fact): PoolEntry[] {
  const usedWords = new Set(answer.key.split(' '));
  const mentioned = new Set(fact.occurrences.map((occurrence) => occurrence.term.key));
  const shown = new Set([comparisonKey(answer.text)]);
  const chosen: PoolEntry[] = [];
  for (const entry of entries) {
    if (
      entry.term.kind !== answer.kind ||
      mentioned.has(entry.term.key) ||
      entry.words.some((word) => usedWords.has(word)) ||
      ` ${fact.key} `.includes(` ${entry.display} `) ||
      shown.has(entry.display)
    ) {
      continue;
    }
    shown.add(entry.display);
    for (const word of entry.words) usedWords.add(word);
    chosen.push(entry);
  }
  return chosen;
}

/** Writes a term the way the answer it stands in for is written (capitalised at a sentence start). */
export function styledLike(term: KeyTerm, answerText: string): string {
  if (term.kind !== 'concept') return term.text;
  const capitalised = /^\p{Lu}/u.test(answerText);
  const first = term.text.charAt(0);
  return (capitalised ? first.toUpperCase() : first.toLowerCase()) + term.text.slice(1);
}

function trigramOverlap(a: string, b: string): number {
  const left = trigrams(a.toLowerCase());
  const right = trigrams(b.toLowerCase());
  const shared = [...left].filter((gram) => right.has(gram)).length;
  const union = new Set([...left, ...right]).size;
  return union === 0 ? 0 : shared / union;
}

function trigrams(text: string): Set<string> {
  const padded = `  ${text} `;
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
  return grams;
}
