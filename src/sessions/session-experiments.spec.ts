import { explanationInStyle, targetSuccessOf } from './session-experiments';

describe('session experiments', () => {
  it('reads a target success rate from a variant value', () => {
    expect(targetSuccessOf('0.8')).toBe(0.8);
    expect(targetSuccessOf(' .75 ')).toBe(0.75);
    for (const bad of [null, undefined, '', '1', '0.5', '0.3', 'high', '0.8e1', '-0.8']) {
      expect(targetSuccessOf(bad)).toBeUndefined();
    }
  });

  it('shortens the explanation to its first sentence in the brief style', () => {
    const text = 'Water evaporates when heated. The vapour rises and cools. Then it condenses.';
    expect(explanationInStyle(text, 'brief')).toBe('Water evaporates when heated.');
    expect(explanationInStyle(text, 'full')).toBe(text);
    expect(explanationInStyle(text, null)).toBe(text);
    expect(explanationInStyle('', 'brief')).toBe('');
  });
});
