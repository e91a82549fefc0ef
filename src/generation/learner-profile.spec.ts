import {
  explanationStyle,
  isFastGuesser,
  isWrongAnswer,
  learnerProfile,
  misconceptionOf,
} from './learner-profile';

const single = {
  type: 'single-choice' as const,
  correctChoiceIds: ['a'],
  acceptedAnswers: [],
  choiceIds: ['a', 'b', 'c'],
};
const short = {
  type: 'short-answer' as const,
  correctChoiceIds: [],
  acceptedAnswers: ['Condensation', 'condensing'],
  choiceIds: [],
};
const answers = (n: number, responseMs: number, correct: number) =>
  Array.from({ length: n }, (_, i) => ({ responseMs, correct: i < correct }));

describe('learner profile', () => {
  it('tells wrong answers from right ones', () => {
    expect(isWrongAnswer(single, { choiceIds: ['a'] })).toBe(false);
    expect(isWrongAnswer(single, { choiceIds: ['b'] })).toBe(true);
    expect(isWrongAnswer(single, { choiceIds: ['a', 'b'] })).toBe(true);
    expect(isWrongAnswer(short, { answer: ' condensation ' })).toBe(false);
    expect(isWrongAnswer(short, { answer: 'evaporation' })).toBe(true);
  });

  it('names the misconception by the wrong choices picked, never by free text', () => {
    expect(misconceptionOf(single, { choiceIds: ['c', 'b', 'a'] })).toBe('chose:b,c');
    expect(misconceptionOf(single, { choiceIds: ['z'] })).toBe('missed');
    expect(misconceptionOf(short, { answer: 'a personal secret' })).toBe('text');
  });

  it('spots fast guessers: median under 8 s and under 60 % right, over 5 answers or more', () => {
    expect(isFastGuesser(answers(6, 3_000, 2))).toBe(true);
    expect(isFastGuesser(answers(6, 3_000, 4))).toBe(false); // 67 % right
    expect(isFastGuesser(answers(6, 9_000, 0))).toBe(false);
    expect(isFastGuesser(answers(4, 1_000, 0))).toBe(false);
    // Even count: the median is the mean of the middle two (7 s and 9 s = 8 s, not under).
    expect(
      isFastGuesser([
        ...answers(3, 1_000, 0),
        { responseMs: 7_000, correct: false },
        { responseMs: 9_000, correct: false },
        ...answers(3, 20_000, 0),
      ]),
    ).toBe(false);
  });

  it('picks the style from pace, then mastery', () => {
    expect(explanationStyle(0.9, answers(6, 2_000, 0))).toBe('hint');
    expect(explanationStyle(0.2, answers(6, 20_000, 0))).toBe('step-by-step');
    expect(explanationStyle(null, [])).toBe('contrast');
    expect(explanationStyle(0.5, answers(6, 20_000, 6))).toBe('contrast');
    expect(learnerProfile(single, { choiceIds: ['b'] }, 0.2, []).bucket).toBe(
      'step-by-step|chose:b',
    );
  });
});
