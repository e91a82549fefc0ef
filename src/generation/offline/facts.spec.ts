import type { KeyTerm, KeyTermKind } from '../../common/text/topics';
import { phraseKey, tokenize } from '../../common/text/tokens';
import { collectFacts, findOccurrences, indexTerms } from './facts';

function term(text: string, kind: KeyTermKind = 'concept'): KeyTerm {
  return {
    text,
    key: phraseKey(tokenize(text).map((t) => t.text)),
    kind,
    count: 1,
    sectionCount: 1,
    score: 1,
    variants: [text],
  };
}

const index = indexTerms([
  term('carbon'),
  term('carbon dioxide'),
  term('Reign of Terror', 'proper'),
]);

describe('findOccurrences', () => {
  it('matches the longest term first, across case and plural, never across punctuation', () => {
    const text = 'Carbon dioxides, carbon, and carbon. dioxide came before the reign of terror.';
    const found = findOccurrences(text, tokenize(text), index).map((o) => [
      o.text,
      o.term.text,
      text.slice(o.start, o.end),
    ]);
    expect(found).toEqual([
      ['Carbon dioxides', 'carbon dioxide', 'Carbon dioxides'],
      ['carbon', 'carbon', 'carbon'],
      ['carbon', 'carbon', 'carbon'],
      ['reign of terror', 'Reign of Terror', 'reign of terror'],
    ]);
  });
});

describe('collectFacts', () => {
  it('keeps declarative sentences of a useful length that mention a key term, with chunk offsets', () => {
    const text =
      'Carbon dioxide enters the leaf through small pores called stomata. Short carbon note. ' +
      'Is carbon dioxide a gas that plants can absorb from the air? Plants also need water and light to grow well.';
    const facts = collectFacts(
      [{ id: 'c1', index: 0, page: 1, start: 100, end: 100 + text.length, text }],
      index,
    );
    expect(facts.map((fact) => fact.text)).toEqual([
      'Carbon dioxide enters the leaf through small pores called stomata.',
    ]);
    expect(text.slice(facts[0].start, facts[0].end)).toBe(facts[0].text);
    expect(facts[0].key).toBe('carbon dioxide enters the leaf through small pores called stomata');
  });
});
