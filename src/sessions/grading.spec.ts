import fc from 'fast-check';
import {
  gradeMultipleChoice,
  gradeShortAnswer,
  gradeSingleChoice,
  gradeTrueFalse,
  normaliseAnswer,
} from './grading';

describe('normaliseAnswer', () => {
  it.each([
    ['  São   Paulo!! ', 'sao paulo'],
    ['Café CRÈME', 'cafe creme'],
    ['ＡＢＣ', 'abc'], // full-width letters fold under NFKD
    ['ﬁnal', 'final'], // the "ﬁ" ligature folds under NFKD
    ["don't", 'dont'],
    ['well-known', 'well known'],
    ['3,14', '3.14'],
    ['3.14.', '3.14'],
    ['-5', '-5'],
    ['−5', '-5'], // U+2212 minus sign
    ['x-5', 'x 5'],
    ["x'-2", 'x 2'], // apostrophes go first, so the hyphen follows a letter
    ['C++', 'c++'],
    ['The Nile', 'nile'],
    ['an apple', 'apple'],
    ['A', 'a'], // a lone article stays
    ['the the', 'the'], // the last word is never dropped
    ['the a b', 'b'],
    ['(-5)', '-5'],
    ['50 %', '50%'],
    ['C# ', 'c#'],
    ['a + b', 'a+b'],
    ['Straße', 'straße'], // ß has no decomposition
  ])('%j → %j', (input, expected) => {
    expect(normaliseAnswer(input)).toBe(expected);
  });

  it('keeps articles when asked to, and accepts other article lists', () => {
    expect(normaliseAnswer('The Nile', { leadingArticles: [] })).toBe('the nile');
    expect(normaliseAnswer('La Seine', { leadingArticles: ['le', 'la', 'les'] })).toBe('seine');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (text) => {
        const once = normaliseAnswer(text);
        expect(normaliseAnswer(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('gradeShortAnswer', () => {
  const key = { answer: 'Mount Everest', alternatives: ['Everest', 'Sagarmatha', 'Chomolungma'] };

  it('accepts the answer and alternatives after normalisation', () => {
    expect(gradeShortAnswer('mount everest', key)).toEqual({ correct: true, credit: 1 });
    expect(gradeShortAnswer(' EVEREST. ', key)).toEqual({ correct: true, credit: 1 });
    expect(gradeShortAnswer('Chomolungma!', key)).toEqual({ correct: true, credit: 1 });
  });

  it('rejects other answers and empty responses', () => {
    expect(gradeShortAnswer('K2', key)).toEqual({ correct: false, credit: 0 });
    expect(gradeShortAnswer('Mount Everest Base Camp', key)).toEqual({ correct: false, credit: 0 });
    expect(gradeShortAnswer('  ?! ', { answer: '?' })).toEqual({ correct: false, credit: 0 });
  });

  it('tells numbers apart', () => {
    expect(gradeShortAnswer('314', { answer: '3.14' }).correct).toBe(false);
    expect(gradeShortAnswer('5', { answer: '-5' }).correct).toBe(false);
    expect(gradeShortAnswer('3,14', { answer: '3.14' }).correct).toBe(true);
  });

  it('ignores case, surrounding spaces and trailing punctuation', () => {
    const word = fc.stringMatching(/^[a-z]{1,12}$/);
    fc.assert(
      fc.property(word, fc.constantFrom('', ' ', '!', '.', '?'), (answer, trailer) => {
        expect(gradeShortAnswer(`  ${answer.toUpperCase()}${trailer}`, { answer }).correct).toBe(
          true,
        );
      }),
    );
  });
});

describe('gradeMultipleChoice', () => {
  const correct = ['a', 'c', 'd'];

  it('gives all-or-nothing credit for the exact set only', () => {
    expect(gradeMultipleChoice(['d', 'c', 'a'], correct, 'all-or-nothing')).toEqual({
      correct: true,
      credit: 1,
    });
    expect(gradeMultipleChoice(['a', 'c'], correct, 'all-or-nothing')).toEqual({
      correct: false,
      credit: 0,
    });
    expect(gradeMultipleChoice(['a', 'c', 'd', 'b'], correct, 'all-or-nothing').credit).toBe(0);
  });

  it('gives partial credit (right − wrong) / number correct, never below 0', () => {
    // 2 right, 0 wrong: 2/3
    expect(gradeMultipleChoice(['a', 'c'], correct, 'partial')).toEqual({
      correct: false,
      credit: 2 / 3,
    });
    // 3 right, 1 wrong: (3 − 1)/3 = 2/3
    expect(gradeMultipleChoice(['a', 'b', 'c', 'd'], correct, 'partial').credit).toBeCloseTo(
      2 / 3,
      12,
    );
    // 1 right, 1 wrong: 0
    expect(gradeMultipleChoice(['a', 'b'], correct, 'partial').credit).toBe(0);
    // 0 right, 2 wrong: max(0, −2/3) = 0
    expect(gradeMultipleChoice(['b', 'e'], correct, 'partial').credit).toBe(0);
    // duplicates count once: 1 right: 1/3
    expect(gradeMultipleChoice(['a', 'a', 'a'], correct, 'partial').credit).toBeCloseTo(1 / 3, 12);
    expect(gradeMultipleChoice(['a', 'c', 'd'], correct, 'partial')).toEqual({
      correct: true,
      credit: 1,
    });
  });

  it('rejects a question without correct options', () => {
    expect(() => gradeMultipleChoice(['a'], [], 'partial')).toThrow(RangeError);
  });

  it('keeps partial credit in [0, 1], full only for the exact set', () => {
    const ids = fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { maxLength: 6 });
    fc.assert(
      fc.property(
        ids,
        ids.filter((list) => list.length > 0),
        (selected, key) => {
          const { correct, credit } = gradeMultipleChoice(selected, key, 'partial');
          expect(credit).toBeGreaterThanOrEqual(0);
          expect(credit).toBeLessThanOrEqual(1);
          const exact = selected.length === key.length && selected.every((id) => key.includes(id));
          expect(correct).toBe(exact);
          expect(credit === 1).toBe(exact);
        },
      ),
    );
  });
});

describe('single choice and true/false', () => {
  it('match exactly', () => {
    expect(gradeSingleChoice('b', 'b')).toEqual({ correct: true, credit: 1 });
    expect(gradeSingleChoice('B', 'b')).toEqual({ correct: false, credit: 0 });
    expect(gradeSingleChoice(null, 'b')).toEqual({ correct: false, credit: 0 });
    expect(gradeTrueFalse(false, false)).toEqual({ correct: true, credit: 1 });
    expect(gradeTrueFalse(true, false)).toEqual({ correct: false, credit: 0 });
    expect(gradeTrueFalse(null, true)).toEqual({ correct: false, credit: 0 });
  });
});
