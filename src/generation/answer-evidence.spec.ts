import { answerInSnippet, locateQuote } from './answer-evidence';

const snippet = 'Chlorophyll, the green pigment, absorbs red and blue light in the chloroplasts.';

describe('answerInSnippet', () => {
  it('finds the correct choice as whole words, ignoring case and punctuation', () => {
    const q = {
      type: 'single-choice',
      choices: [
        { id: 'a', text: 'Glucose' },
        { id: 'b', text: 'chlorophyll' },
      ],
      correctChoiceIds: ['b'],
    };
    expect(answerInSnippet(q, snippet)).toBe(true);
    expect(answerInSnippet({ ...q, correctChoiceIds: ['a'] }, snippet)).toBe(false);
  });

  it('needs every correct choice of a multiple-choice question', () => {
    const q = {
      type: 'multiple-choice',
      choices: [
        { id: 'a', text: 'red' },
        { id: 'b', text: 'blue' },
        { id: 'c', text: 'green light' },
      ],
      correctChoiceIds: ['a', 'b'],
    };
    expect(answerInSnippet(q, snippet)).toBe(true);
    expect(answerInSnippet({ ...q, correctChoiceIds: ['a', 'c'] }, snippet)).toBe(false);
  });

  it('does not match inside a longer word', () => {
    expect(answerInSnippet({ type: 'short-answer', answer: 'chloroplast' }, snippet)).toBe(false);
    expect(answerInSnippet({ type: 'short-answer', answer: 'Chloroplasts' }, snippet)).toBe(true);
  });

  it('accepts a true/false verdict on any non-empty snippet', () => {
    expect(answerInSnippet({ type: 'true-false' }, snippet)).toBe(true);
    expect(answerInSnippet({ type: 'true-false' }, '  ')).toBe(false);
  });
});

describe('locateQuote', () => {
  it('finds an exact quote', () => {
    expect(locateQuote(snippet, 'the green pigment')).toEqual({
      offset: 13,
      text: 'the green pigment',
    });
  });

  it('tolerates case and whitespace differences and returns the passage text', () => {
    const passage = 'Water evaporates\nfrom the   oceans.';
    expect(locateQuote(passage, 'water evaporates from the oceans')).toEqual({
      offset: 0,
      text: 'Water evaporates\nfrom the   oceans',
    });
  });

  it('gives undefined when the quote is not there', () => {
    expect(locateQuote(snippet, 'mitochondria')).toBeUndefined();
    expect(locateQuote(snippet, '   ')).toBeUndefined();
  });
});
