import type { Random } from '../../common/random/seeded-random';
import type { KeyTerm } from '../../common/text/topics';
import { comparisonKey } from '../../common/text/normalize';
import { isStopword } from '../../common/text/stopwords';
import { tokenize, wordKey } from '../../common/text/tokens';
import {
  CHOICE_IDS,
  TRUE_FALSE_CHOICES,
  type Choice,
  type Citation,
  type QuestionDraft,
} from '../../questions/question-draft';
import { estimateDifficulty, type DifficultySignals } from './difficulty';
import { styledLike, type DistractorPool } from './distractors';
import type { Fact, TermOccurrence } from './facts';
import { shuffle } from '../../common/random/shuffle';
import type { TopicResolver } from './topic-resolver';

/** What the builders share: the distractor pool, the random source and document-wide facts. */
export interface BuildContext {
  distractors: DistractorPool;
  maxTermCount: number;
  maxScore: number;
  random: Random;
  /** comparisonKeys of every usable sentence, so an invented statement is never a true one. */
  documentSentences: ReadonlySet<string>;
  topicOf: TopicResolver;
}

export interface Candidate {
  draft: QuestionDraft;
  /** The sentences the question uses; two questions never share one. */
  sentenceKeys: string[];
  /** Salience of what it asks about, 0..1. */
  quality: number;
}

const BLANK = '_____';
const SINGLE_CHOICE_DISTRACTORS = 3;
const MIN_CONTEXT_WORDS = 5;

/** Fill-in-the-blank on a key term; the answer is the term exactly as the sentence writes it. */
export function shortAnswerCandidate(
  fact: Fact,
  occurrence: TermOccurrence,
  context: BuildContext,
): Candidate | undefined {
  if (!isClozable(fact, occurrence)) return undefined;
  const { term } = occurrence;
  return {
    draft: {
      type: 'short-answer',
      stem: `Fill in the blank: ${blank(fact, occurrence)}`,
      answer: occurrence.text,
      acceptedAnswers: [...new Set([occurrence.text, ...term.variants])],
      difficulty: estimateDifficulty({ ...termSignals(term, fact, context), type: 'short-answer' }),
      topic: context.topicOf([term], [fact]),
      explanation: `The text says: ${quote(fact)}`,
      citation: citationOf([fact]),
    },
    sentenceKeys: [fact.key],
    quality: term.score / context.maxScore,
  };
}

/** The same blank, answered by choosing among the term and three terms of the same kind. */
export function singleChoiceCandidate(
  fact: Fact,
  occurrence: TermOccurrence,
  context: BuildContext,
): Candidate | undefined {
  if (!isClozable(fact, occurrence)) return undefined;
  const { term } = occurrence;
  const distractors = context.distractors.pick(
    term,
    fact,
    SINGLE_CHOICE_DISTRACTORS,
    context.random,
  );
  if (distractors === undefined) return undefined;
  const options = [
    { text: occurrence.text, correct: true },
    ...distractors.terms.map((distractor) => ({
      text: styledLike(distractor, occurrence.text),
      correct: false,
    })),
  ];
  return {
    draft: {
      type: 'single-choice',
      stem: `Which term completes the sentence? ${blank(fact, occurrence)}`,
      ...choicesOf(shuffle(options, context.random)),
      difficulty: estimateDifficulty({
        ...termSignals(term, fact, context),
        type: 'single-choice',
        distractorSimilarity: distractors.similarity,
      }),
      topic: context.topicOf([term], [fact]),
      explanation: `The text says: ${quote(fact)}`,
      citation: citationOf([fact]),
    },
    sentenceKeys: [fact.key],
    quality: term.score / context.maxScore,
  };
}

/** A sentence of the text (true), or the sentence with a key term swapped for another (false). */
export function trueFalseCandidate(fact: Fact, context: BuildContext): Candidate {
  const altered = context.random() < 0.5 ? falseStatement(fact, context) : undefined;
  const term = altered?.occurrence.term ?? mostSalient(fact);
  const explanation = altered
    ? `False: the text says “${altered.occurrence.text}”, not “${altered.replacement}”: ${quote(fact)}`
    : `True: the text says ${quote(fact)}`;
  return {
    draft: {
      type: 'true-false',
      stem: `True or false: ${altered?.statement ?? fact.text}`,
      choices: [...TRUE_FALSE_CHOICES],
      correctChoiceIds: [altered ? 'b' : 'a'],
      difficulty: estimateDifficulty({
        ...termSignals(term, fact, context),
        type: 'true-false',
        distractorSimilarity: altered?.similarity,
      }),
      topic: context.topicOf([term], [fact]),
      explanation,
      citation: citationOf([fact]),
    },
    sentenceKeys: [fact.key],
    quality: term.score / context.maxScore,
  };
}

/**
 * "Which statements about T are true?": two sentences of one chunk that mention T, against one or
 * two sentences of that chunk with a key term swapped. The citation spans all of them.
 */
export function multipleChoiceCandidates(
  chunkFacts: readonly Fact[],
  context: BuildContext,
): Candidate[] {
  const candidates: Candidate[] = [];
  for (const term of termsByScore(chunkFacts)) {
    const about = chunkFacts.filter((fact) =>
      fact.occurrences.some((occurrence) => occurrence.term.key === term.key),
    );
    if (term.kind === 'year' || about.length < 2) continue;
    const trueFacts = shuffle(about, context.random).slice(0, 2);
    const rest = chunkFacts.filter((fact) => !trueFacts.includes(fact));
    const falses = falseStatements(shuffle(rest, context.random), 2, context);
    if (falses.length === 0) continue;
    const options = [
      ...trueFacts.map((fact) => ({ text: fact.text, correct: true })),
      ...falses.map((altered) => ({ text: altered.statement, correct: false })),
    ];
    const used = [...trueFacts, ...falses.map((altered) => altered.fact)];
    candidates.push({
      draft: {
        type: 'multiple-choice',
        stem: `Which of the following statements about ${term.text} are true according to the text?`,
        ...choicesOf(shuffle(options, context.random)),
        difficulty: estimateDifficulty({
          type: 'multiple-choice',
          termCount: term.count,
          maxTermCount: context.maxTermCount,
          sentenceWords: Math.max(...used.map((fact) => fact.tokens.length)),
          distractorSimilarity:
            falses.reduce((sum, altered) => sum + altered.similarity, 0) / falses.length,
        }),
        topic: context.topicOf([term], used, false),
        explanation: `The true statements are quoted from the text: ${trueFacts.map(quote).join(' ')}`,
        citation: citationOf(used),
      },
      sentenceKeys: used.map((fact) => fact.key),
      quality: term.score / context.maxScore,
    });
  }
  return candidates;
}

interface FalseStatement {
  fact: Fact;
  occurrence: TermOccurrence;
  replacement: string;
  statement: string;
  similarity: number;
}

function falseStatements(
  facts: readonly Fact[],
  count: number,
  context: BuildContext,
): FalseStatement[] {
  const statements: FalseStatement[] = [];
  for (const fact of facts) {
    if (statements.length === count) break;
    const altered = falseStatement(fact, context);
    if (altered) statements.push(altered);
  }
  return statements;
}

/** Swaps the most salient swappable term for one of its kind, unless that makes a true sentence. */
function falseStatement(fact: Fact, context: BuildContext): FalseStatement | undefined {
  const bySalience = [...fact.occurrences].sort((a, b) => b.term.score - a.term.score);
  for (const occurrence of bySalience) {
    const distractors = context.distractors.pick(occurrence.term, fact, 1, context.random);
    if (distractors === undefined) continue;
    const replacement = styledLike(distractors.terms[0], occurrence.text);
    const statement =
      fact.text.slice(0, occurrence.start) + replacement + fact.text.slice(occurrence.end);
    if (context.documentSentences.has(comparisonKey(statement))) continue;
    return { fact, occurrence, replacement, statement, similarity: distractors.similarity };
  }
  return undefined;
}

/**
 * A term can be blanked when nothing else in the sentence gives it away (another form of one of
 * its words) and enough words remain around the blank.
 */
function isClozable(fact: Fact, occurrence: TermOccurrence): boolean {
  const answerWords = new Set(
    tokenize(occurrence.text)
      .map((token) => token.text.toLowerCase())
      .filter((word) => !isStopword(word))
      .map(wordKey),
  );
  const outside = fact.tokens.filter(
    (token) => token.end <= occurrence.start || token.start >= occurrence.end,
  );
  // Parts of compounds count too: "carbon" is given away by "three-carbon".
  const outsideWords = outside.flatMap((token) => token.text.split(/['’-]/)).map(wordKey);
  return outside.length >= MIN_CONTEXT_WORDS && !outsideWords.some((word) => answerWords.has(word));
}

function blank(fact: Fact, occurrence: TermOccurrence): string {
  return fact.text.slice(0, occurrence.start) + BLANK + fact.text.slice(occurrence.end);
}

function choicesOf(
  options: readonly { text: string; correct: boolean }[],
): Pick<QuestionDraft, 'choices' | 'correctChoiceIds'> {
  const choices: Choice[] = options.map((option, i) => ({ id: CHOICE_IDS[i], text: option.text }));
  return {
    choices,
    correctChoiceIds: choices.filter((_, i) => options[i].correct).map((choice) => choice.id),
  };
}

function citationOf(facts: readonly Fact[]): Citation {
  const { chunk } = facts[0];
  const start = Math.min(...facts.map((fact) => fact.start));
  const end = Math.max(...facts.map((fact) => fact.end));
  return {
    chunkId: chunk.id,
    chunkIndex: chunk.index,
    page: chunk.page,
    start: chunk.start + start,
    end: chunk.start + end,
    snippet: chunk.text.slice(start, end),
  };
}

function termSignals(
  term: KeyTerm,
  fact: Fact,
  context: BuildContext,
): Pick<DifficultySignals, 'termCount' | 'maxTermCount' | 'sentenceWords'> {
  return {
    termCount: term.count,
    maxTermCount: context.maxTermCount,
    sentenceWords: fact.tokens.length,
  };
}

function mostSalient(fact: Fact): KeyTerm {
  return fact.occurrences.reduce(
    (best, occurrence) => (occurrence.term.score > best.score ? occurrence.term : best),
    fact.occurrences[0].term,
  );
}

function termsByScore(facts: readonly Fact[]): KeyTerm[] {
  const terms = new Map<string, KeyTerm>();
  for (const fact of facts)
    for (const occurrence of fact.occurrences) terms.set(occurrence.term.key, occurrence.term);
  return [...terms.values()].sort((a, b) => b.score - a.score || a.key.localeCompare(b.key));
}

function quote(fact: Fact): string {
  return `“${fact.text}”`;
}
