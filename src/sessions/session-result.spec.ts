import { summarizeSession } from './session-result';

describe('summarizeSession', () => {
  const asked = [
    { questionId: 'q1', topic: 'cells', difficulty: 0.1 },
    { questionId: 'q2', topic: 'cells', difficulty: 0.5 },
    { questionId: 'q3', topic: 'atoms', difficulty: 0.9 },
    { questionId: 'q4', topic: 'atoms', difficulty: 0.5 },
  ];

  it('scores over all questions and breaks down by topic and difficulty level', () => {
    const summary = summarizeSession(
      asked,
      [
        { questionId: 'q1', correct: true, credit: 1, responseMs: 1000 },
        { questionId: 'q2', correct: false, credit: 0.5, responseMs: 3000 },
        { questionId: 'q3', correct: false, credit: 0, responseMs: 2000 },
      ],
      4,
    );
    expect(summary).toMatchObject({
      questionCount: 4,
      answeredCount: 3,
      correctCount: 1,
      creditSum: 1.5,
      score: 0.375,
      answeringMs: 6000,
    });
    expect(summary.byTopic).toEqual([
      { key: 'atoms', questions: 2, answered: 1, correct: 0, credit: 0, score: 0 },
      { key: 'cells', questions: 2, answered: 2, correct: 1, credit: 1.5, score: 0.75 },
    ]);
    expect(summary.byDifficulty).toEqual([
      { key: 'easy', questions: 1, answered: 1, correct: 1, credit: 1, score: 1 },
      { key: 'medium', questions: 2, answered: 1, correct: 0, credit: 0.5, score: 0.25 },
      { key: 'hard', questions: 1, answered: 1, correct: 0, credit: 0, score: 0 },
    ]);
  });

  it('counts questions never asked (an adaptive session ended early) as 0 in the overall score only', () => {
    const summary = summarizeSession(
      asked.slice(0, 1),
      [{ questionId: 'q1', correct: true, credit: 1, responseMs: 10 }],
      5,
    );
    expect(summary.score).toBe(0.2);
    expect(summary.byTopic).toEqual([
      { key: 'cells', questions: 1, answered: 1, correct: 1, credit: 1, score: 1 },
    ]);
    expect(summary.byDifficulty.map((b) => b.key)).toEqual(['easy']);
  });

  it('ignores answers to questions not asked, and refuses a question count below the questions asked', () => {
    const summary = summarizeSession(
      asked.slice(0, 1),
      [{ questionId: 'other', correct: true, credit: 1, responseMs: 10 }],
      1,
    );
    expect(summary.answeredCount).toBe(0);
    expect(() => summarizeSession(asked, [], 3)).toThrow(RangeError);
    expect(() => summarizeSession([], [], 0)).toThrow(RangeError);
  });
});
