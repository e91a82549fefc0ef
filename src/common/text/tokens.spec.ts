import { areAdjacent, phraseKey, tokenize, wordKey } from './tokens';

describe('tokenize', () => {
  it('finds words with their offsets, keeping inner hyphens and apostrophes', () => {
    const text = 'The light-dependent reactions (in 1789) use the plant’s ATP.';
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.text)).toEqual([
      'The',
      'light-dependent',
      'reactions',
      'in',
      '1789',
      'use',
      'the',
      'plant’s',
      'ATP',
    ]);
    for (const token of tokens) expect(text.slice(token.start, token.end)).toBe(token.text);
  });

  it('builds matching keys that ignore case, accents and plural endings', () => {
    expect(wordKey('Réactions')).toBe('reaction');
    expect(phraseKey(['Light', 'Reactions'])).toBe(phraseKey(['light', 'reaction']));
  });

  it('tells whether two tokens are separated by whitespace only', () => {
    const text = 'carbon dioxide, water';
    const [carbon, dioxide, water] = tokenize(text);
    expect(areAdjacent(text, carbon, dioxide)).toBe(true);
    expect(areAdjacent(text, dioxide, water)).toBe(false);
  });
});
