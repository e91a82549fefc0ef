import { questionFingerprint, topicKey } from './question-fingerprint';

const base = {
  type: 'single-choice' as const,
  stem: 'Which gas do leaves take in?',
  choices: [
    { id: 'a', text: 'Oxygen' },
    { id: 'b', text: 'Carbon dioxide' },
  ],
  correctChoiceIds: ['b'],
  answer: null,
};

describe('questionFingerprint', () => {
  it('ignores case, punctuation, accents and choice order', () => {
    const same = {
      ...base,
      stem: 'which GAS do leaves take in',
      choices: [
        { id: 'a', text: 'carbon  dioxide' },
        { id: 'b', text: 'Oxygène' },
      ],
      correctChoiceIds: ['a'],
    };
    expect(questionFingerprint(same)).toBe(questionFingerprint(base));
  });

  it('differs when the type, the stem or the correct answer differs', () => {
    const print = questionFingerprint(base);
    expect(questionFingerprint({ ...base, type: 'multiple-choice' })).not.toBe(print);
    expect(questionFingerprint({ ...base, stem: 'Which gas do leaves give off?' })).not.toBe(print);
    expect(questionFingerprint({ ...base, correctChoiceIds: ['a'] })).not.toBe(print);
    expect(
      questionFingerprint({
        ...base,
        type: 'short-answer',
        choices: [],
        correctChoiceIds: [],
        answer: 'CO2',
      }),
    ).not.toBe(
      questionFingerprint({
        ...base,
        type: 'short-answer',
        choices: [],
        correctChoiceIds: [],
        answer: 'O2',
      }),
    );
  });
});

describe('topicKey', () => {
  it('compares topics case- and accent-insensitively', () => {
    expect(topicKey('  Révolution Française ')).toBe(topicKey('revolution francaise'));
  });
});
