import {
  cosineSimilarity,
  findDuplicates,
  findSimilar,
  similarityTerms,
  tfidfVectors,
} from './similarity';

// Smoothed idf of a term found in `df` of `n` documents.
const idf = (n: number, df: number) => Math.log((1 + n) / (1 + df)) + 1;

describe('similarityTerms', () => {
  it('lowercases, strips accents and stopwords, and stems lightly', () => {
    expect(similarityTerms('The Évaporation of the oceans is evaporating')).toEqual([
      'evaporation',
      'ocean',
      'evaporat',
    ]);
  });
});

describe('TF-IDF cosine similarity', () => {
  it('matches a hand-computed value', () => {
    // "apple" is in both documents (idf 1), "banana" and "cherry" in one each (idf ln(3/2) + 1):
    // cos = 1·1 / (1 + idf²) = 1 / (1 + (ln 1.5 + 1)²) ≈ 0.3361.
    const [a, b] = tfidfVectors(['apple banana', 'apple cherry']);
    expect(cosineSimilarity(a, b)).toBeCloseTo(1 / (1 + idf(2, 1) ** 2), 12);
    expect(cosineSimilarity(a, b)).toBeCloseTo(0.3361, 4);
  });

  it('weighs repeated terms by count', () => {
    // v1 = (apple 2·1, banana idf), v2 = (apple 1): cos = 2 / sqrt(4 + idf²).
    const [a, b] = tfidfVectors(['apple apple banana', 'apple']);
    expect(cosineSimilarity(a, b)).toBeCloseTo(2 / Math.sqrt(4 + idf(2, 1) ** 2), 12);
  });

  it('is 1 for texts equal after normalisation and 0 without shared terms or words', () => {
    const [a, b, c, empty] = tfidfVectors([
      'Plants evaporate water.',
      'the PLANT evaporates waters',
      'Volcanoes erupt',
      'the of and',
    ]);
    expect(cosineSimilarity(a, b)).toBeCloseTo(1, 12);
    expect(cosineSimilarity(a, c)).toBe(0);
    expect(cosineSimilarity(a, empty)).toBe(0);
  });
});

describe('findSimilar', () => {
  it('returns the corpus entries over the threshold, most similar first', () => {
    const corpus = ['apple cherry', 'banana apple', 'kiwi'];
    // With the target there are 4 documents: apple in 3, banana in 2, cherry in 1.
    const [appleW, bananaW, cherryW] = [idf(4, 3), idf(4, 2), idf(4, 1)];
    const expected = appleW ** 2 / (Math.hypot(appleW, bananaW) * Math.hypot(appleW, cherryW));
    const matches = findSimilar('apple banana', corpus, 0.3);
    expect(matches.map((m) => m.index)).toEqual([1, 0]);
    expect(matches[0].score).toBeCloseTo(1, 12);
    expect(matches[1].score).toBeCloseTo(expected, 12);
    expect(findSimilar('apple banana', corpus, 0.5).map((m) => m.index)).toEqual([1]);
  });
});

describe('findDuplicates', () => {
  it('reports candidates repeating existing questions or earlier candidates', () => {
    const existing = [
      'What gas do plants absorb during photosynthesis?',
      'When did the Bastille fall?',
    ];
    const candidates = [
      'Which gas do plants absorb in photosynthesis?',
      'What causes earthquakes at plate boundaries?',
      'What causes earthquakes at a plate boundary?',
      'Name the largest ocean.',
    ];
    const duplicates = findDuplicates(candidates, existing, 0.85);
    expect(
      duplicates.map(({ candidate, source, index }) => ({ candidate, source, index })),
    ).toEqual([
      { candidate: 0, source: 'existing', index: 0 },
      { candidate: 2, source: 'candidate', index: 1 },
    ]);
    for (const duplicate of duplicates) expect(duplicate.score).toBeGreaterThanOrEqual(0.85);
  });

  it('finds nothing when everything differs', () => {
    expect(findDuplicates(['Name the largest ocean.'], ['When did the Bastille fall?'])).toEqual(
      [],
    );
  });
});
