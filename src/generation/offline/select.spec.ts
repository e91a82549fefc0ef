import { seededRandom } from '../../common/random/seeded-random';
import type { QuestionDraft, QuestionType } from '../../questions/question-draft';
import type { Candidate } from './builders';
import { apportion, selectQuestions } from './select';

function candidate(
  id: number,
  type: QuestionType,
  difficulty: number,
  chunkIndex: number,
  quality = 0.5,
): Candidate {
  const draft: QuestionDraft = {
    type,
    stem: `Question ${id}?`,
    answer: 'x',
    difficulty,
    topic: 't',
    explanation: '',
    citation: {
      chunkId: `c${chunkIndex}`,
      chunkIndex,
      page: 1,
      start: id,
      end: id + 1,
      snippet: 'x',
    },
  };
  return { draft, sentenceKeys: [`sentence ${id}`], quality };
}

const mix = { easy: 1, medium: 1, hard: 1 };

describe('apportion', () => {
  it('splits by largest remainder, ties to the earlier share', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(10, [0.3, 0.4, 0.3])).toEqual([3, 4, 3]);
    expect(apportion(7, [0.5, 0.25, 0.25])).toEqual([3, 2, 2]);
    expect(apportion(5, [0, 0, 0])).toEqual([0, 0, 0]);
  });
});

describe('selectQuestions', () => {
  it('honours the type split and the difficulty mix when candidates allow', () => {
    const pool = [0.1, 0.5, 0.9].flatMap((difficulty, d) =>
      (['short-answer', 'true-false'] as const).flatMap((type, t) =>
        [0, 1, 2].map((k) => candidate(d * 100 + t * 10 + k, type, difficulty, k)),
      ),
    );
    const picked = selectQuestions(pool, {
      count: 6,
      types: ['short-answer', 'true-false'],
      mix,
      random: seededRandom(1),
    });
    expect(picked.filter((q) => q.type === 'short-answer')).toHaveLength(3);
    expect(picked.map((q) => q.difficulty).sort()).toEqual([0.1, 0.1, 0.5, 0.5, 0.9, 0.9]);
  });

  it('falls back to other levels, then other requested types, when short of candidates', () => {
    const pool = [1, 2, 3, 4].map((id) => candidate(id, 'true-false', 0.1, id));
    const picked = selectQuestions(pool, {
      count: 4,
      types: ['true-false', 'short-answer'],
      mix,
      random: seededRandom(1),
    });
    expect(picked).toHaveLength(4);
    expect(
      selectQuestions([candidate(9, 'multiple-choice', 0.5, 0)], {
        count: 1,
        types: ['true-false'],
        mix,
        random: seededRandom(1),
      }),
    ).toEqual([]);
  });

  it('covers every chunk before using one twice, and never reuses a stem or a sentence', () => {
    const pool = [
      candidate(1, 'true-false', 0.1, 0, 0.9),
      candidate(2, 'true-false', 0.1, 0, 0.9),
      candidate(3, 'true-false', 0.1, 1, 0.1),
      { ...candidate(4, 'true-false', 0.1, 2, 0.1), sentenceKeys: ['sentence 1'] },
      {
        ...candidate(5, 'true-false', 0.1, 3, 0.1),
        draft: { ...candidate(1, 'true-false', 0.1, 3).draft },
      },
    ];
    const picked = selectQuestions(pool, {
      count: 3,
      types: ['true-false'],
      mix,
      random: seededRandom(2),
    });
    expect(picked.map((q) => q.citation.chunkIndex).sort()).toEqual([0, 0, 1]);
    expect(new Set(picked.map((q) => q.stem)).size).toBe(3);
  });
});
