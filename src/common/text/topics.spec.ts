import { detectTopics, extractKeyTerms, type KeyTerm } from './topics';

const SECTIONS = [
  'Photosynthesis happens in the chloroplasts of leaves. The chloroplasts hold chlorophyll. ' +
    'Leaves take in carbon dioxide through the stomata. Carbon dioxide and water make glucose.',
  'The Calvin cycle uses ATP. Melvin Calvin described the cycle at the University of California. ' +
    'The Calvin cycle fixes carbon dioxide in 1950. Evaporation is not part of it.',
  'In 1961 Melvin Calvin won a prize. The stroma surrounds the thylakoids. Water enters the leaves.',
];

function find(terms: readonly KeyTerm[], text: string): KeyTerm | undefined {
  return terms.find((term) => term.text === text);
}

describe('extractKeyTerms', () => {
  const terms = extractKeyTerms(SECTIONS);

  it('finds names, acronyms, years and noun phrases with their kind and counts', () => {
    expect(find(terms, 'carbon dioxide')).toMatchObject({
      kind: 'concept',
      count: 3,
      sectionCount: 2,
      variants: ['carbon dioxide'],
    });
    expect(find(terms, 'Melvin Calvin')).toMatchObject({ kind: 'proper', count: 2 });
    expect(find(terms, 'University of California')).toMatchObject({ kind: 'proper', count: 1 });
    expect(find(terms, 'ATP')).toMatchObject({ kind: 'acronym', count: 1 });
    expect(find(terms, '1961')).toMatchObject({ kind: 'year', count: 1 });
    expect(find(terms, 'chloroplasts')).toMatchObject({
      kind: 'concept',
      count: 2,
      sectionCount: 1,
    });
  });

  it('scores by count × ln(1 + sections / sections containing the term) × length and kind weights', () => {
    // 3 occurrences in 2 of 3 sections, two words: 3 × ln(1 + 3/2) × 1.5.
    expect(find(terms, 'carbon dioxide')?.score).toBeCloseTo(3 * Math.log(2.5) * 1.5, 10);
    // A name: 2 occurrences in 2 sections, two words, weight 1.2.
    expect(find(terms, 'Melvin Calvin')?.score).toBeCloseTo(2 * Math.log(2.5) * 1.5 * 1.2, 10);
    const scores = terms.map((term) => term.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('drops words mostly seen inside a longer term, verbs, stopwords and sentence-initial capitals', () => {
    const texts = terms.map((term) => term.text);
    expect(texts).not.toContain('dioxide');
    expect(texts).not.toContain('Evaporation');
    expect(texts).not.toContain('described');
    expect(texts).not.toContain('take');
    expect(texts.some((text) => /^the\b/i.test(text))).toBe(false);
  });

  it('is deterministic and respects the limit', () => {
    expect(extractKeyTerms(SECTIONS)).toEqual(terms);
    expect(extractKeyTerms(SECTIONS, { limit: 3 })).toEqual(terms.slice(0, 3));
  });
});

describe('detectTopics', () => {
  it('lists recurring terms other than years, without overlapping ones', () => {
    const topics = detectTopics(extractKeyTerms(SECTIONS), 4);
    expect(topics).toHaveLength(4);
    expect(topics).toContain('carbon dioxide');
    expect(topics).not.toContain('carbon');
    expect(topics.some((topic) => /^\d+$/.test(topic))).toBe(false);
  });
});
