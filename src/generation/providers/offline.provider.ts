import { generateOfflineQuestions } from '../offline/offline-generator';
import type { QuestionDraft } from '../../questions/question-draft';
import {
  QuestionProvider,
  type ExplanationInput,
  type ExplanationOutput,
  type GenerationInput,
  type LearnerContext,
  type UsageMeter,
} from './provider.types';

/** The built-in generator: questions from the text alone, no network, no tokens. */
export class OfflineQuestionProvider extends QuestionProvider {
  readonly name = 'offline';
  readonly model = null;

  generate(input: GenerationInput, meter: UsageMeter): Promise<QuestionDraft[]> {
    const started = performance.now();
    const drafts = generateOfflineQuestions({
      chunks: input.chunks,
      keyTerms: input.keyTerms,
      topics: input.topics,
      count: input.count,
      types: input.types,
      difficultyMix: input.difficultyMix,
      topicFilter: input.topicFilter,
      seed: input.seed,
    });
    meter.record({ attempt: 1, kind: 'ok', durationMs: Math.round(performance.now() - started) });
    return Promise.resolve(drafts);
  }

  /** States the correct answer and quotes the cited passage (and the stored explanation, if any). */
  explain(input: ExplanationInput, meter: UsageMeter): Promise<ExplanationOutput> {
    const correct =
      input.type === 'short-answer'
        ? (input.answer ?? '')
        : input.choices
            .filter((c) => input.correctChoiceIds.includes(c.id))
            .map((c) => c.text)
            .join('; ');
    const cited = input.citation;
    const chunk = cited ? input.passages.find((p) => p.id === cited.chunkId) : undefined;
    const source = cited && chunk ? { page: chunk.page, snippet: cited.snippet } : undefined;
    const parts = input.learner
      ? personalTemplate(input, input.learner, correct, source)
      : [`The correct answer is “${correct}”.`];
    if (!input.learner && source)
      parts.push(`The document says, on page ${source.page}: “${source.snippet}”`);
    if (
      input.explanation &&
      input.learner?.style !== 'hint' &&
      !parts.some((p) => p.includes(input.explanation))
    )
      parts.push(input.explanation);
    meter.record({ attempt: 1, kind: 'ok', durationMs: 0 });
    return Promise.resolve({
      text: parts.join(' ').slice(0, 4000),
      citations:
        cited && chunk
          ? [
              {
                chunkId: chunk.id,
                page: chunk.page,
                start: cited.start,
                end: cited.end,
                snippet: cited.snippet,
              },
            ]
          : [],
    });
  }
}

/**
 * The offline personalised explanations: templates built from the cited passage and the chosen
 * distractor, one per style (a hint, a step-by-step walk through the passage, a contrast).
 */
function personalTemplate(
  input: ExplanationInput,
  learner: LearnerContext,
  correct: string,
  source: { page: number; snippet: string } | undefined,
): string[] {
  const chosen = learner.chosen.length
    ? learner.chosen.map((c) => `“${c}”`).join(' and ')
    : 'your answer';
  const quote = source ? `“${source.snippet}” (page ${source.page})` : undefined;
  switch (learner.style) {
    case 'hint':
      return [
        `Not ${chosen}.`,
        quote ? `Reread ${quote} before answering.` : `The answer is “${correct}”.`,
      ];
    case 'step-by-step':
      return [
        `Step 1: the question asks: ${input.stem}`,
        quote
          ? `Step 2: the passage that answers it says ${quote}.`
          : 'Step 2: there is no cited passage; work from the question.',
        `Step 3: that gives “${correct}”, so ${chosen} does not fit.`,
      ];
    case 'contrast':
      return [
        `You chose ${chosen}, but the answer is “${correct}”.`,
        quote
          ? `${chosen} is not what the text says: ${quote}.`
          : `${chosen} does not match the question.`,
      ];
  }
}
