import type { SourceChunk } from '../offline/offline-generator';
import {
  CHOICE_IDS,
  QUESTION_TYPES,
  TRUE_FALSE_CHOICES,
  validateQuestionDraft,
  type QuestionDraft,
  type QuestionType,
} from '../../questions/question-draft';
import { answerInSnippet, locateQuote } from '../answer-evidence';
import { MalformedReplyError } from './provider-errors';
import type { LocatedQuote } from './provider.types';

/** Passages are shown to the model as P1, P2, … instead of database ids. */
export type PassageMap = ReadonlyMap<string, SourceChunk>;

export function passageMap(chunks: readonly SourceChunk[]): PassageMap {
  return new Map(chunks.map((chunk, i) => [`P${i + 1}`, chunk]));
}

export function formatPassages(passages: PassageMap): string {
  return [...passages]
    .map(([ref, chunk]) => `[${ref}] (page ${chunk.page})\n${chunk.text}`)
    .join('\n\n');
}

/**
 * Reads a JSON object from a model reply, repairing what models commonly add: code fences, prose
 * around the object, trailing commas. Throws MalformedReplyError when no object can be read.
 */
export function parseJsonReply(text: string): Record<string, unknown> {
  const attempts = [text.trim()];
  const unfenced = text.replace(/```(?:json)?/gi, '').trim();
  const first = unfenced.indexOf('{');
  const last = unfenced.lastIndexOf('}');
  if (first >= 0 && last > first) {
    const body = unfenced.slice(first, last + 1);
    attempts.push(body, body.replace(/,\s*([}\]])/g, '$1'));
  }
  for (const candidate of attempts) {
    try {
      const value = JSON.parse(candidate) as unknown;
      if (typeof value === 'object' && value !== null && !Array.isArray(value))
        return value as Record<string, unknown>;
    } catch {
      // Try the next repair.
    }
  }
  const shown = text.replace(/\s+/g, ' ').trim().slice(0, 120);
  throw new MalformedReplyError(`The reply is not a JSON object: "${shown}"`);
}

const LEVELS: Record<string, number> = { easy: 0.2, medium: 0.5, hard: 0.8 };

/**
 * Turns the `questions` of a parsed reply into validated drafts. Each item must name a passage and quote
 * it; the quote is located in the passage (giving the citation's exact range) and must contain the
 * correct answer. Items breaking a rule are returned as errors, with their position.
 */
export function draftsFromReply(
  reply: Record<string, unknown>,
  passages: PassageMap,
): { drafts: QuestionDraft[]; errors: string[] } {
  if (!Array.isArray(reply.questions))
    throw new MalformedReplyError('The reply has no "questions" array');
  const drafts: QuestionDraft[] = [];
  const errors: string[] = [];
  reply.questions.forEach((item: unknown, i) => {
    const result = draftFromItem(item, passages);
    if (typeof result === 'string') errors.push(`questions[${i}]: ${result}`);
    else drafts.push(result);
  });
  return { drafts, errors };
}

function draftFromItem(item: unknown, passages: PassageMap): QuestionDraft | string {
  if (typeof item !== 'object' || item === null) return 'must be an object';
  const raw = item as Record<string, unknown>;
  const type = raw.type as QuestionType;
  if (!QUESTION_TYPES.includes(type)) return `type must be one of ${QUESTION_TYPES.join(', ')}`;
  const located = locate(raw.passage, raw.quote, passages);
  if (typeof located === 'string') return located;
  const draft: Record<string, unknown> = {
    type,
    stem: typeof raw.stem === 'string' ? raw.stem.trim() : raw.stem,
    difficulty: difficultyOf(raw.difficulty),
    topic: typeof raw.topic === 'string' ? raw.topic.trim() : raw.topic,
    explanation: typeof raw.explanation === 'string' ? raw.explanation.trim() : '',
    citation: located,
  };
  if (type === 'short-answer') {
    draft.answer = typeof raw.answer === 'string' ? raw.answer.trim() : raw.answer;
  } else if (type === 'true-false') {
    draft.choices = [...TRUE_FALSE_CHOICES];
    draft.correctChoiceIds = [trueFalseAnswer(raw) ? 'a' : 'b'];
  } else {
    const texts = Array.isArray(raw.choices) ? raw.choices : [];
    draft.choices = texts.map((text, i) => ({
      id: CHOICE_IDS[i] ?? String(i),
      text: typeof text === 'string' ? text.trim() : text,
    }));
    const correct = Array.isArray(raw.correct) ? raw.correct : [raw.correct];
    draft.correctChoiceIds = correct.map((index) =>
      typeof index === 'number' && Number.isInteger(index) ? (CHOICE_IDS[index] ?? '?') : '?',
    );
  }
  const problems = validateQuestionDraft(draft);
  if (problems.length > 0) return problems.map((p) => `${p.field} ${p.message}`).join('; ');
  const valid = draft as unknown as QuestionDraft;
  if (!answerInSnippet(valid, valid.citation.snippet))
    return 'the quote does not contain the correct answer';
  return valid;
}

function locate(
  passageRef: unknown,
  quote: unknown,
  passages: PassageMap,
): QuestionDraft['citation'] | string {
  const chunk = typeof passageRef === 'string' ? passages.get(passageRef.trim()) : undefined;
  if (!chunk) return `passage must be one of ${[...passages.keys()].join(', ')}`;
  const found = typeof quote === 'string' ? locateQuote(chunk.text, quote) : undefined;
  if (!found) return `quote is not text of ${String(passageRef)}`;
  const start = chunk.start + found.offset;
  return {
    chunkId: chunk.id,
    chunkIndex: chunk.index,
    page: chunk.page,
    start,
    end: start + found.text.length,
    snippet: found.text,
  };
}

function difficultyOf(value: unknown): unknown {
  if (typeof value === 'string' && value.toLowerCase() in LEVELS)
    return LEVELS[value.toLowerCase()];
  return value;
}

function trueFalseAnswer(raw: Record<string, unknown>): boolean {
  const value = raw.answer ?? raw.correct;
  if (typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value[0] === 0;
  if (typeof value === 'number') return value === 0;
  return typeof value === 'string' && value.trim().toLowerCase() === 'true';
}

/** Reads an explanation reply: its text and quotes located in the passages. */
export function explanationFromReply(
  reply: Record<string, unknown>,
  passages: PassageMap,
): { text: string; citations: LocatedQuote[]; errors: string[] } {
  const text = typeof reply.explanation === 'string' ? reply.explanation.trim() : '';
  const errors: string[] = [];
  if (text === '') errors.push('explanation must be a non-empty string');
  if (text.length > 4000) errors.push('explanation must be at most 4000 characters');
  const quotes = Array.isArray(reply.quotes) ? reply.quotes : [];
  const citations: LocatedQuote[] = [];
  quotes.forEach((quote: unknown, i) => {
    const q = (quote ?? {}) as Record<string, unknown>;
    const located = locate(q.passage, q.quote, passages);
    if (typeof located === 'string') errors.push(`quotes[${i}]: ${located}`);
    else
      citations.push({
        chunkId: located.chunkId,
        page: located.page,
        start: located.start,
        end: located.end,
        snippet: located.snippet,
      });
  });
  if (passages.size > 0 && citations.length === 0 && errors.length === 0)
    errors.push('quotes must cite at least one passage');
  return { text, citations, errors };
}
