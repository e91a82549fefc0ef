import { seededRandom } from '../../common/random/seeded-random';
import { detectTopics, type KeyTerm } from '../../common/text/topics';
import { phraseKey, tokenize } from '../../common/text/tokens';
import {
  validateQuestionDraft,
  type QuestionDraft,
  type QuestionType,
} from '../../questions/question-draft';
import {
  multipleChoiceCandidates,
  shortAnswerCandidate,
  singleChoiceCandidate,
  trueFalseCandidate,
  type BuildContext,
  type Candidate,
} from './builders';
import { distractorPool } from './distractors';
import { collectFacts, indexTerms, type Fact, type SourceChunk } from './facts';
import { selectQuestions, type DifficultyMix } from './select';
import { topicResolver } from './topic-resolver';

export type { DifficultyMix } from './select';
export type { SourceChunk } from './facts';

export interface OfflineGenerationRequest {
  chunks: readonly SourceChunk[];
  /** From `extractKeyTerms` over the same chunks. */
  keyTerms: readonly KeyTerm[];
  /** The document's topics; by default `detectTopics(keyTerms)`. */
  topics?: readonly string[];
  count: number;
  types: readonly QuestionType[];
  /** Shares of easy, medium and hard questions; they need not add up to 1. */
  difficultyMix?: DifficultyMix;
  /** Only questions on these topics (compared like key terms: case and plural insensitive). */
  topicFilter?: readonly string[];
  seed: number;
}

export const DEFAULT_DIFFICULTY_MIX: DifficultyMix = { easy: 0.3, medium: 0.4, hard: 0.3 };

/**
 * The built-in question generator. Every question cites the sentence(s) it was made from; the
 * snippet is an exact substring of its chunk and contains the correct answer. The same request
 * and seed always give the same questions, in document order. Fewer than `count` come back when
 * the document does not hold enough distinct material.
 */
export function generateOfflineQuestions(request: OfflineGenerationRequest): QuestionDraft[] {
  const random = seededRandom(request.seed);
  const facts = collectFacts(request.chunks, indexTerms(request.keyTerms));
  const context: BuildContext = {
    distractors: distractorPool(request.keyTerms),
    maxTermCount: Math.max(1, ...request.keyTerms.map((term) => term.count)),
    maxScore: Math.max(Number.MIN_VALUE, ...request.keyTerms.map((term) => term.score)),
    random,
    documentSentences: new Set(facts.map((fact) => fact.key)),
    topicOf: topicResolver(request.topics ?? detectTopics(request.keyTerms), facts),
  };
  const candidates = buildCandidates(facts, new Set(request.types), context)
    .filter(onTopics(request.topicFilter))
    .filter((candidate) => validateQuestionDraft(candidate.draft).length === 0);
  const selected = selectQuestions(candidates, {
    count: request.count,
    types: request.types,
    mix: request.difficultyMix ?? DEFAULT_DIFFICULTY_MIX,
    random,
  });
  return selected.sort(
    (a, b) => a.citation.start - b.citation.start || a.citation.end - b.citation.end,
  );
}

function buildCandidates(
  facts: readonly Fact[],
  types: ReadonlySet<QuestionType>,
  context: BuildContext,
): Candidate[] {
  const candidates: Candidate[] = [];
  for (const fact of facts) {
    for (const occurrence of fact.occurrences) {
      if (types.has('short-answer'))
        candidates.push(...optional(shortAnswerCandidate(fact, occurrence, context)));
      if (types.has('single-choice'))
        candidates.push(...optional(singleChoiceCandidate(fact, occurrence, context)));
    }
    if (types.has('true-false')) candidates.push(trueFalseCandidate(fact, context));
  }
  if (types.has('multiple-choice')) {
    for (const chunkFacts of groupByChunk(facts))
      candidates.push(...multipleChoiceCandidates(chunkFacts, context));
  }
  return candidates;
}

function onTopics(filter: readonly string[] | undefined): (candidate: Candidate) => boolean {
  if (filter === undefined || filter.length === 0) return () => true;
  const wanted = new Set(filter.map(topicKey));
  return (candidate) => wanted.has(topicKey(candidate.draft.topic));
}

/** Topics compared like key terms: case and plural insensitive. */
export function topicKey(topic: string): string {
  return phraseKey(tokenize(topic).map((token) => token.text));
}

function groupByChunk(facts: readonly Fact[]): Fact[][] {
  const groups = new Map<number, Fact[]>();
  for (const fact of facts)
    groups.set(fact.chunk.index, [...(groups.get(fact.chunk.index) ?? []), fact]);
  return [...groups.values()];
}

function optional<T>(value: T | undefined): T[] {
  return value === undefined ? [] : [value];
}
