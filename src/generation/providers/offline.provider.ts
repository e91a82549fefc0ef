import { generateOfflineQuestions } from '../offline/offline-generator';
import type { QuestionDraft } from '../../questions/question-draft';
import {
  QuestionProvider,
  type ExplanationInput,
  type ExplanationOutput,
  type GenerationInput,
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
    const parts = [`The correct answer is “${correct}”.`];
    const cited = input.citation;
    const chunk = cited ? input.passages.find((p) => p.id === cited.chunkId) : undefined;
    if (cited && chunk) parts.push(`The document says, on page ${chunk.page}: “${cited.snippet}”`);
    if (input.explanation && !parts.some((p) => p.includes(input.explanation)))
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
