import { readFixture } from '../../../scripts/fixtures/testing';
import { chunkDocument, documentText } from '../../documents/extraction/chunk';
import { extractText } from '../../documents/extraction/extract';
import { detectTopics, extractKeyTerms } from '../../common/text/topics';
import type { DocumentKind } from '../../documents/extraction/types';
import { comparisonKey } from '../../common/text/normalize';
import { difficultyLevel } from '../../common/stats';
import {
  QUESTION_TYPES,
  validateQuestionDraft,
  type QuestionDraft,
} from '../../questions/question-draft';
import { generateOfflineQuestions, type OfflineGenerationRequest } from './offline-generator';

interface PreparedDocument {
  text: string;
  request: Omit<OfflineGenerationRequest, 'count' | 'types' | 'seed'>;
}

async function prepare(name: string, kind: DocumentKind): Promise<PreparedDocument> {
  const document = await extractText(readFixture(name), kind);
  const chunks = chunkDocument(document.pages).map((chunk) => ({
    ...chunk,
    id: `${name}#${chunk.index}`,
  }));
  return {
    text: documentText(document.pages),
    request: { chunks, keyTerms: extractKeyTerms(chunks.map((c) => c.text)) },
  };
}

/** The text each question's correct answer must show in its snippet. */
function evidenceOf(question: QuestionDraft): string[] {
  if (question.type === 'short-answer') return [question.answer ?? ''];
  const correct = (question.choices ?? []).filter((choice) =>
    question.correctChoiceIds?.includes(choice.id),
  );
  if (question.type !== 'true-false') return correct.map((choice) => choice.text);
  const statement = question.stem.replace(/^True or false: /, '');
  return correct[0]?.text === 'True' ? [statement] : [];
}

const FIXTURES: readonly [string, DocumentKind][] = [
  ['plate-tectonics.pdf', 'pdf'],
  ['french-revolution.docx', 'docx'],
  ['photosynthesis.md', 'markdown'],
  ['water-cycle.txt', 'text'],
];

describe.each(FIXTURES)('generateOfflineQuestions on %s', (name, kind) => {
  let document: PreparedDocument;
  let questions: QuestionDraft[];

  beforeAll(async () => {
    document = await prepare(name, kind);
    questions = generateOfflineQuestions({
      ...document.request,
      count: 12,
      types: QUESTION_TYPES,
      seed: 42,
    });
  }, 30_000);

  it('produces the requested number of valid questions of every type', () => {
    expect(questions).toHaveLength(12);
    for (const question of questions) expect(validateQuestionDraft(question)).toEqual([]);
    expect(new Set(questions.map((q) => q.type))).toEqual(new Set(QUESTION_TYPES));
  });

  it('cites a snippet of the document text, inside its chunk', () => {
    for (const { citation } of questions) {
      const chunk = document.request.chunks[citation.chunkIndex];
      expect(document.text.slice(citation.start, citation.end)).toBe(citation.snippet);
      expect(citation.start).toBeGreaterThanOrEqual(chunk.start);
      expect(citation.end).toBeLessThanOrEqual(chunk.end);
      expect([citation.chunkId, citation.page]).toEqual([chunk.id, chunk.page]);
    }
  });

  it('shows every correct answer in the cited snippet, and no invented statement in the document', () => {
    for (const question of questions) {
      for (const evidence of evidenceOf(question))
        expect(question.citation.snippet).toContain(evidence);
      const wrong = (question.choices ?? []).filter(
        (c) => !question.correctChoiceIds?.includes(c.id),
      );
      if (question.type === 'multiple-choice')
        for (const choice of wrong) expect(document.text).not.toContain(choice.text);
      if (question.type === 'true-false' && question.correctChoiceIds?.[0] === 'b') {
        expect(document.text).not.toContain(question.stem.replace(/^True or false: /, ''));
      }
    }
  });

  it('never repeats a question or a source sentence, and never gives the answer away in the stem', () => {
    const stems = questions.map((q) => comparisonKey(q.stem));
    expect(new Set(stems).size).toBe(stems.length);
    const singleSentence = questions
      .filter((q) => q.type !== 'multiple-choice')
      .map((q) => q.citation.start);
    expect(new Set(singleSentence).size).toBe(singleSentence.length);
    for (const question of questions.filter((q) => q.type === 'short-answer')) {
      expect(comparisonKey(question.stem)).not.toContain(comparisonKey(question.answer ?? ''));
    }
  });

  it('never names the answer as the topic (short answers and single choices)', () => {
    const many = generateOfflineQuestions({
      ...document.request,
      count: 60,
      types: ['short-answer', 'single-choice'],
      seed: 7,
    });
    expect(many.length).toBeGreaterThan(0);
    for (const question of many) {
      const answer =
        question.type === 'short-answer'
          ? (question.answer ?? '')
          : (question.choices ?? []).find((c) => question.correctChoiceIds?.includes(c.id))!.text;
      const topic = ` ${comparisonKey(question.topic)} `;
      for (const word of comparisonKey(answer).split(' '))
        expect({ topic: question.topic, answer, leaks: topic.includes(` ${word} `) }).toMatchObject(
          {
            leaks: false,
          },
        );
    }
  });

  it('is deterministic for a seed and varies with it', () => {
    const again = generateOfflineQuestions({
      ...document.request,
      count: 12,
      types: QUESTION_TYPES,
      seed: 42,
    });
    const other = generateOfflineQuestions({
      ...document.request,
      count: 12,
      types: QUESTION_TYPES,
      seed: 43,
    });
    expect(again).toEqual(questions);
    expect(other.map((q) => q.stem)).not.toEqual(questions.map((q) => q.stem));
  });
});

describe('generateOfflineQuestions options', () => {
  let document: PreparedDocument;

  beforeAll(async () => {
    document = await prepare('french-revolution.docx', 'docx');
  });

  it('keeps to the requested types, in equal shares', () => {
    const questions = generateOfflineQuestions({
      ...document.request,
      count: 6,
      types: ['true-false', 'short-answer'],
      seed: 1,
    });
    expect(questions.filter((q) => q.type === 'true-false')).toHaveLength(3);
    expect(questions.filter((q) => q.type === 'short-answer')).toHaveLength(3);
  });

  it('follows the difficulty mix when the material allows', () => {
    const mix = { easy: 0, medium: 0, hard: 1 };
    const questions = generateOfflineQuestions({
      ...document.request,
      count: 3,
      types: ['short-answer'],
      difficultyMix: mix,
      seed: 1,
    });
    expect(questions.map((q) => difficultyLevel(q.difficulty))).toEqual(['hard', 'hard', 'hard']);
    const easy = generateOfflineQuestions({
      ...document.request,
      count: 4,
      types: ['true-false'],
      difficultyMix: { easy: 1, medium: 0, hard: 0 },
      seed: 1,
    });
    expect(easy.map((q) => difficultyLevel(q.difficulty))).toEqual([
      'easy',
      'easy',
      'easy',
      'easy',
    ]);
  });

  it('keeps to a topic filter, matching topics regardless of case', () => {
    const topic = detectTopics(document.request.keyTerms)[0];
    const questions = generateOfflineQuestions({
      ...document.request,
      count: 5,
      types: QUESTION_TYPES,
      topicFilter: [topic.toUpperCase()],
      seed: 3,
    });
    expect(questions.length).toBeGreaterThan(0);
    for (const question of questions) expect(question.topic).toBe(topic);
  });

  it('returns fewer questions, all distinct, when the document runs out of material', () => {
    const questions = generateOfflineQuestions({
      ...document.request,
      count: 500,
      types: QUESTION_TYPES,
      seed: 5,
    });
    expect(questions.length).toBeLessThan(500);
    expect(new Set(questions.map((q) => comparisonKey(q.stem))).size).toBe(questions.length);
  });

  it('returns nothing for a document without key terms', () => {
    expect(
      generateOfflineQuestions({
        chunks: document.request.chunks,
        keyTerms: [],
        count: 5,
        types: QUESTION_TYPES,
        seed: 1,
      }),
    ).toEqual([]);
  });
});
