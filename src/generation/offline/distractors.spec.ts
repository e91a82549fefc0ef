import { seededRandom } from '../../common/random/seeded-random';
import type { KeyTerm, KeyTermKind } from '../../common/text/topics';
import { comparisonKey } from '../../common/text/normalize';
import { phraseKey, tokenize } from '../../common/text/tokens';
import { distractorPool, styledLike, termSimilarity } from './distractors';
import { collectFacts, indexTerms, type SourceChunk } from './facts';

function term(text: string, kind: KeyTermKind = 'concept', score = 1): KeyTerm {
  const key = phraseKey(tokenize(text).map((t) => t.text));
  return { text, key, kind, count: 1, sectionCount: 1, score, variants: [text] };
}

describe('termSimilarity', () => {
  it('is 1 for the same text and follows its weights otherwise', () => {
    expect(termSimilarity('plates', 'plates')).toBeCloseTo(1, 10);
    // length 5/6 × 0.4 + same word count 0.3; trigrams and endings differ.
    expect(termSimilarity('plates', 'crust')).toBeCloseTo(0.4 * (5 / 6) + 0.3, 10);
  });
});

describe('distractorPool', () => {
  const chunk: SourceChunk = {
    id: 'c',
    index: 0,
    page: 1,
    start: 0,
    end: 0,
    text: 'The mantle lies below the crust of the Earth today.',
  };
  const pool = [
    term('mantle', 'concept', 9),
    term('crust', 'concept', 8),
    term('oceanic crust', 'concept', 7),
    term('lithosphere', 'concept', 6),
    term('asthenosphere', 'concept', 5),
    term('outer core', 'concept', 4),
    term('Earth', 'proper', 3),
    term('Alfred Wegener', 'proper', 2),
  ];
  const fact = collectFacts([{ ...chunk, end: chunk.text.length }], indexTerms(pool))[0];

  it('draws terms of the same kind that the sentence does not mention and that share no word', () => {
    const picked = distractorPool(pool).pick(pool[0], fact, 3, seededRandom(1));
    const texts = picked?.terms.map((t) => t.text) ?? [];
    expect(texts).toHaveLength(3);
    for (const text of texts)
      expect(['lithosphere', 'asthenosphere', 'outer core', 'oceanic crust']).toContain(text);
    expect(picked?.similarity).toBeGreaterThan(0);
  });

  it('gives up when the kind has too few other terms', () => {
    expect(distractorPool(pool).pick(pool[6], fact, 2, seededRandom(1))).toBeUndefined();
    expect(distractorPool(pool).pick(pool[0], fact, 5, seededRandom(1))).toBeUndefined();
  });

  it('is reproducible for a seed', () => {
    const draw = (seed: number) =>
      distractorPool(pool)
        .pick(pool[0], fact, 2, seededRandom(seed))
        ?.terms.map((t) => comparisonKey(t.text));
    expect(draw(7)).toEqual(draw(7));
  });
});

describe('styledLike', () => {
  it('capitalises a concept standing in for a capitalised answer, but leaves names alone', () => {
    expect(styledLike(term('glucose'), 'Chlorophyll')).toBe('Glucose');
    expect(styledLike(term('Glucose'), 'chlorophyll')).toBe('glucose');
    expect(styledLike(term('Paris', 'proper'), 'the king')).toBe('Paris');
  });
});
