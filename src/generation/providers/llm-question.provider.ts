import { seededRandom } from '../../common/random/seeded-random';
import { comparisonKey } from '../../common/text/normalize';
import { shuffle } from '../../common/random/shuffle';
import type { SourceChunk } from '../offline/offline-generator';
import type { QuestionDraft } from '../../questions/question-draft';
import type { ChatClient, ChatRequest } from './chat-client';
import {
  draftsFromReply,
  explanationFromReply,
  formatPassages,
  parseJsonReply,
  passageMap,
  type PassageMap,
} from './llm-reply';
import { MalformedReplyError, ProviderError } from './provider-errors';
import {
  QuestionProvider,
  type ExplanationInput,
  type ExplanationOutput,
  type GenerationInput,
  type LearnerContext,
  type UsageMeter,
} from './provider.types';

const MAX_PER_CALL = 10;
const MAX_PASSAGES_PER_CALL = 8;
const MAX_PASSAGE_CHARS = 9000;

const QUESTION_SYSTEM = `You write exam questions from study material. Use only facts stated in the passages.
Reply with one JSON object and nothing else, of this shape:
{"questions":[{"type":"single-choice"|"multiple-choice"|"true-false"|"short-answer","stem":"...","choices":["...","..."],"correct":[0],"answer":"...","difficulty":"easy"|"medium"|"hard","topic":"...","explanation":"...","passage":"P1","quote":"..."}]}
Rules: "quote" is copied exactly from the passage named in "passage" and contains the correct answer.
single-choice: 3-5 different choices, "correct" lists exactly one index. multiple-choice: 3-6 different choices,
"correct" lists every correct index (at least one). true-false: "stem" is a statement, "answer" is true or false,
no choices. short-answer: "answer" is a short phrase from the quote, no choices. Never repeat a question.`;

const EXPLAIN_SYSTEM = `You explain the answer to a quiz question using only the passages given.
Reply with one JSON object and nothing else: {"explanation":"...","quotes":[{"passage":"P1","quote":"..."}]}
Each quote is copied exactly from the named passage and supports the explanation.`;

/**
 * Questions and explanations from a chat model (OpenAI-compatible or Anthropic): passages go in the prompt,
 * the JSON reply is repaired if it can be, re-asked once if it cannot or holds no valid question, and
 * rejected with a clear error after that.
 */
export class LlmQuestionProvider extends QuestionProvider {
  readonly name: string;
  readonly model: string;

  constructor(private readonly client: ChatClient) {
    super();
    this.name = client.provider;
    this.model = client.model;
  }

  async generate(input: GenerationInput, meter: UsageMeter): Promise<QuestionDraft[]> {
    const drafts: QuestionDraft[] = [];
    const seen = new Set(input.avoidStems.map(comparisonKey));
    const asked = [...input.avoidStems];
    for (const batch of passageBatches(input)) {
      const remaining = input.count - drafts.length;
      if (remaining <= 0) break;
      const passages = passageMap(batch);
      const wanted = Math.min(remaining, MAX_PER_CALL);
      const prompt = questionPrompt(input, passages, wanted, asked);
      const fresh = await this.askForQuestions(prompt, passages, meter);
      for (const draft of fresh) {
        const key = comparisonKey(draft.stem);
        if (seen.has(key) || drafts.length >= input.count) continue;
        seen.add(key);
        asked.push(draft.stem);
        drafts.push(draft);
      }
    }
    return drafts;
  }

  async explain(input: ExplanationInput, meter: UsageMeter): Promise<ExplanationOutput> {
    const passages = passageMap(input.passages);
    const correct =
      input.type === 'short-answer'
        ? (input.answer ?? '')
        : input.choices
            .filter((c) => input.correctChoiceIds.includes(c.id))
            .map((c) => c.text)
            .join('; ');
    const prompt = [
      `Question (${input.type}): ${input.stem}`,
      input.choices.length ? `Choices: ${input.choices.map((c) => c.text).join(' | ')}` : '',
      `Correct answer: ${correct}`,
      input.learner ? learnerPrompt(input.learner) : '',
      passages.size
        ? `Passages:\n${formatPassages(passages)}`
        : 'No passages: explain from the question alone, with no quotes.',
    ]
      .filter(Boolean)
      .join('\n\n');
    const request: ChatRequest = {
      system: EXPLAIN_SYSTEM,
      messages: [{ role: 'user', content: prompt }],
      maxTokens: 1024,
    };
    let problem = '';
    for (let round = 0; round < 2; round++) {
      let reply = '';
      try {
        reply = await this.client.complete(request, meter);
        const result = explanationFromReply(parseJsonReply(reply), passages);
        if (result.errors.length === 0) return { text: result.text, citations: result.citations };
        problem = result.errors.slice(0, 5).join('; ');
      } catch (error) {
        if (!(error instanceof MalformedReplyError)) throw error;
        problem = error.message;
      }
      if (round === 0) this.reAsk(request, reply, problem, meter);
    }
    throw new ProviderError(
      `The model's explanation was rejected after one re-ask: ${problem}`,
      false,
    );
  }

  /** One call, repaired or re-asked once; an empty result after the re-ask is an error. */
  private async askForQuestions(
    prompt: string,
    passages: PassageMap,
    meter: UsageMeter,
  ): Promise<QuestionDraft[]> {
    const request: ChatRequest = {
      system: QUESTION_SYSTEM,
      messages: [{ role: 'user', content: prompt }],
      maxTokens: 4096,
    };
    let problem = '';
    for (let round = 0; round < 2; round++) {
      let reply = '';
      try {
        reply = await this.client.complete(request, meter);
        const { drafts, errors } = draftsFromReply(parseJsonReply(reply), passages);
        if (errors.length > 0)
          meter.record({
            attempt: round + 1,
            kind: 'rejected-items',
            durationMs: 0,
            message: errors.slice(0, 5).join('; '),
          });
        if (drafts.length > 0) return drafts;
        problem = errors.length ? errors.slice(0, 5).join('; ') : 'the "questions" array is empty';
      } catch (error) {
        if (!(error instanceof MalformedReplyError)) throw error;
        problem = error.message;
      }
      if (round === 0) this.reAsk(request, reply, problem, meter);
    }
    throw new ProviderError(`The model's reply was rejected after one re-ask: ${problem}`, false);
  }

  private reAsk(request: ChatRequest, reply: string, problem: string, meter: UsageMeter): void {
    meter.record({ attempt: 1, kind: 're-ask', durationMs: 0, message: problem });
    if (reply) request.messages.push({ role: 'assistant', content: reply.slice(0, 8000) });
    request.messages.push({
      role: 'user',
      content: `Your reply could not be used: ${problem}. Reply again with only the JSON object, following every rule.`,
    });
  }
}

const STYLE_PROMPTS: Record<LearnerContext['style'], string> = {
  hint: 'The student answers fast and often guesses: give a short, sharp hint of at most two sentences that points to the passage, without a long explanation.',
  'step-by-step':
    'The student has low mastery of this topic: explain step by step, from what the question asks to the passage that answers it.',
  contrast:
    'Contrast the student’s answer with the correct one: say why their choice does not fit what the passage says.',
};

function learnerPrompt(learner: LearnerContext): string {
  return [
    `The student answered wrongly with: ${learner.chosen.map((c) => `"${c}"`).join(', ') || '(nothing)'}.`,
    'Address the misconception this answer suggests.',
    STYLE_PROMPTS[learner.style],
  ].join(' ');
}

function questionPrompt(
  input: GenerationInput,
  passages: PassageMap,
  count: number,
  avoid: string[],
): string {
  const mix = input.difficultyMix;
  const total = mix.easy + mix.medium + mix.hard || 1;
  const pct = (v: number) => `${Math.round((v / total) * 100)}%`;
  return [
    `Document: ${input.documentTitle}`,
    `Write ${count} questions of these types, in about equal numbers: ${input.types.join(', ')}.`,
    `Difficulty mix: ${pct(mix.easy)} easy, ${pct(mix.medium)} medium, ${pct(mix.hard)} hard.`,
    input.topicFilter?.length
      ? `Only on these topics: ${input.topicFilter.join(', ')}.`
      : `Topics of the document: ${input.topics.join(', ')}.`,
    avoid.length
      ? `Do not repeat these existing questions:\n- ${avoid.slice(-40).join('\n- ')}`
      : '',
    `Passages:\n${formatPassages(passages)}`,
  ]
    .filter(Boolean)
    .join('\n\n');
}

/**
 * Groups chunks (on the requested topics, when given) into prompts of a bounded size, in a seeded order,
 * so that a few questions from a long document do not all come from its first pages.
 */
function passageBatches(input: GenerationInput): SourceChunk[][] {
  const wanted = (input.topicFilter ?? []).map(comparisonKey).filter(Boolean);
  const onTopic = (chunk: SourceChunk) =>
    wanted.some((topic) => comparisonKey(chunk.text).includes(topic));
  const ordered = wanted.length ? input.chunks.filter(onTopic) : [...input.chunks];
  const batches: SourceChunk[][] = [];
  let current: SourceChunk[] = [];
  let size = 0;
  for (const chunk of ordered) {
    if (
      current.length &&
      (current.length >= MAX_PASSAGES_PER_CALL || size + chunk.text.length > MAX_PASSAGE_CHARS)
    ) {
      batches.push(current);
      current = [];
      size = 0;
    }
    current.push(chunk);
    size += chunk.text.length;
  }
  if (current.length) batches.push(current);
  return shuffle(batches, seededRandom(input.seed));
}
