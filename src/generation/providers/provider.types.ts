import type { KeyTerm } from '../../common/text/topics';
import type { DifficultyMix, SourceChunk } from '../offline/offline-generator';
import type { QuestionDraft, QuestionType } from '../../questions/question-draft';

/** One exchange with a provider, as recorded on the job: what happened, how long it took. */
export interface CallEvent {
  attempt: number;
  kind:
    | 'ok'
    | 'timeout'
    | 'network-error'
    | 'http-error'
    | 'malformed-reply'
    | 're-ask'
    | 'rejected-items';
  status?: number;
  durationMs: number;
  message?: string;
}

/** Collects token usage and call events of one job or request (providers write, the service stores). */
export class UsageMeter {
  inputTokens = 0;
  outputTokens = 0;
  calls = 0;
  readonly events: CallEvent[] = [];

  addUsage(input: number, output: number): void {
    this.inputTokens += Number.isFinite(input) ? input : 0;
    this.outputTokens += Number.isFinite(output) ? output : 0;
  }

  record(event: CallEvent): void {
    if (event.kind !== 're-ask' && event.kind !== 'rejected-items') this.calls++;
    this.events.push(event);
  }
}

export interface GenerationInput {
  documentTitle: string;
  chunks: readonly SourceChunk[];
  keyTerms: readonly KeyTerm[];
  topics: readonly string[];
  count: number;
  types: readonly QuestionType[];
  difficultyMix: DifficultyMix;
  /** Only questions on these topics, when given. */
  topicFilter?: readonly string[];
  /** Stems of questions the document already has: not to be repeated. */
  avoidStems: readonly string[];
  /** Reproducible choices (the offline generator). */
  seed: number;
}

export interface ExplanationInput {
  stem: string;
  type: QuestionType;
  choices: { id: string; text: string }[];
  correctChoiceIds: string[];
  answer: string | null;
  explanation: string;
  /** The passages the explanation may quote: the cited section first. */
  passages: readonly SourceChunk[];
  citation: { chunkId: string; start: number; end: number; snippet: string } | null;
  /** A personalised explanation of a wrong answer, when given. */
  learner?: LearnerContext;
}

/** The learner a personalised explanation is written for (a profile bucket, never a person). */
export interface LearnerContext {
  /** hint: short and sharp; step-by-step: walk through the passage; contrast: their answer against the key. */
  style: 'hint' | 'step-by-step' | 'contrast';
  /** The wrong choices picked (their texts), or the words of a wrong free-text answer. */
  chosen: string[];
}

/** A quote from a passage, located exactly in the document text. */
export interface LocatedQuote {
  chunkId: string;
  page: number;
  start: number;
  end: number;
  snippet: string;
}

export interface ExplanationOutput {
  text: string;
  citations: LocatedQuote[];
}

/** Writes questions and explanations; selected by LLM_PROVIDER. */
export abstract class QuestionProvider {
  abstract readonly name: string;
  abstract readonly model: string | null;
  /** Drafts with citations; may return fewer than asked. Throws ProviderError on failure. */
  abstract generate(input: GenerationInput, meter: UsageMeter): Promise<QuestionDraft[]>;
  abstract explain(input: ExplanationInput, meter: UsageMeter): Promise<ExplanationOutput>;
}
