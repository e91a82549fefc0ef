import { Injectable, OnModuleInit } from '@nestjs/common';
import { Clock } from '../common/clock';
import { InvalidInputError, ServiceUnavailableError } from '../common/errors';
import { AnalyticsService } from '../analytics/analytics.service';
import { addDays } from '../common/stats';
import type { QuestionView } from '../questions/question.types';
import { SessionHistoryService } from '../sessions/session-history.service';
import {
  isWrongAnswer,
  learnerProfile,
  type GivenAnswer,
  type RecentAnswer,
} from './learner-profile';
import {
  PersonalExplanationsRepository,
  type PersonalExplanationRecord,
} from './personal-explanations.repository';
import { DocumentsService } from '../documents/documents.service';
import { QuestionStorageService } from '../questions/question-storage.service';
import { ProviderError } from './providers/provider-errors';
import {
  QuestionProvider,
  UsageMeter,
  type ExplanationOutput,
  type LearnerContext,
  type LocatedQuote,
} from './providers/provider.types';

const RECENT_DAYS = 30;
const RECENT_ANSWERS = 50;

export interface PersonalExplanationView extends ExplanationView {
  profile: { style: string; misconception: string; mastery: number | null };
}

export interface ExplanationView {
  questionId: string;
  version: number;
  explanation: string;
  citations: LocatedQuote[];
  provider: string;
  cached: boolean;
  generatedAt: Date;
}

/** Explanations with citations, written once per question version by the configured provider and cached. */
@Injectable()
export class ExplanationsService implements OnModuleInit {
  constructor(
    private readonly questions: QuestionStorageService,
    private readonly documents: DocumentsService,
    private readonly provider: QuestionProvider,
    private readonly clock: Clock,
    private readonly analytics: AnalyticsService,
    private readonly history: SessionHistoryService,
    private readonly personal: PersonalExplanationsRepository,
  ) {}

  onModuleInit(): void {
    this.documents.registerDeletionHook({
      blocker: () => Promise.resolve(null),
      purge: (_ownerId, documentId) => this.personal.deleteForDocument(documentId),
    });
  }

  async explain(ownerId: string, questionId: string): Promise<ExplanationView> {
    const q = await this.questions.withExplanation(ownerId, questionId);
    const cached = q.cachedExplanation;
    if (cached && cached.version === q.version)
      return {
        questionId: q.id,
        version: q.version,
        explanation: cached.text,
        citations: cached.citations.map((c) => ({
          chunkId: c.chunkId,
          page: c.page,
          start: c.start,
          end: c.end,
          snippet: c.snippet,
        })),
        provider: cached.provider,
        cached: true,
        generatedAt: cached.generatedAt,
      };
    const output = await this.write(q);
    const generatedAt = this.clock.now();
    await this.questions.cacheExplanation(q.id, q.version, {
      version: q.version,
      text: output.text,
      citations: output.citations,
      provider: this.provider.name,
      generatedAt,
    });
    return {
      questionId: q.id,
      version: q.version,
      explanation: output.text,
      citations: output.citations,
      provider: this.provider.name,
      cached: false,
      generatedAt,
    };
  }

  /**
   * An explanation of the caller's wrong answer, adapted to the misconception the answer suggests,
   * their mastery of the topic and their pace (see learner-profile.ts); cached per question version
   * and profile bucket, shared by every learner in the bucket.
   */
  async explainWrongAnswer(
    userId: string,
    questionId: string,
    given: GivenAnswer,
  ): Promise<PersonalExplanationView> {
    const q = await this.questions.withExplanation(userId, questionId);
    const key = {
      type: q.type,
      correctChoiceIds: q.correctChoiceIds,
      acceptedAnswers: q.acceptedAnswers,
      choiceIds: q.choices.map((c) => c.id),
    };
    if (q.type === 'short-answer' ? given.answer === undefined : given.choiceIds === undefined)
      throw new InvalidInputError(
        q.type === 'short-answer' ? 'answer is required' : 'choiceIds is required',
      );
    if (!isWrongAnswer(key, given))
      throw new InvalidInputError('This answer is right: POST /explanation explains the question');
    const now = this.clock.now();
    const [mastery] = await this.analytics.computeMastery(userId, now, q.topic);
    const recent: RecentAnswer[] = [];
    for await (const answer of this.history.streamAnswers(userId, {
      since: addDays(now, -RECENT_DAYS),
    })) {
      recent.push({ correct: answer.correct, responseMs: answer.responseMs });
      if (recent.length > RECENT_ANSWERS) recent.shift();
    }
    const profile = learnerProfile(key, given, mastery?.mastery ?? null, recent);
    const cacheKey = {
      questionId: q.id,
      version: q.version,
      bucket: profile.bucket,
      documentId: q.documentId,
    };
    const view = (record: PersonalExplanationRecord, cached: boolean) => ({
      questionId: q.id,
      version: q.version,
      explanation: record.text,
      citations: record.citations,
      provider: record.provider,
      cached,
      generatedAt: record.generatedAt,
      profile: {
        style: profile.style,
        misconception: profile.misconception,
        mastery: mastery?.mastery ?? null,
      },
    });
    const stored = await this.personal.find(cacheKey);
    if (stored) return view(stored, true);
    // The bucket's text must not depend on one learner's words: free text is named only as "your answer".
    const chosen =
      q.type === 'short-answer'
        ? []
        : q.choices
            .filter((c) => given.choiceIds?.includes(c.id) && !q.correctChoiceIds.includes(c.id))
            .map((c) => c.text);
    const output = await this.write(q, { style: profile.style, chosen });
    const { value, created } = await this.personal.store(cacheKey, {
      text: output.text,
      citations: output.citations,
      provider: this.provider.name,
      generatedAt: now,
    });
    return view(value, !created);
  }

  private async write(q: QuestionView, learner?: LearnerContext): Promise<ExplanationOutput> {
    const passages =
      q.documentId && q.citation
        ? await this.documents.findChunks(q.documentId, [q.citation.chunkId])
        : [];
    try {
      return await this.provider.explain(
        {
          stem: q.stem,
          type: q.type,
          choices: q.choices,
          correctChoiceIds: q.correctChoiceIds,
          answer: q.answer,
          explanation: q.explanation,
          passages,
          citation: q.citation,
          learner,
        },
        new UsageMeter(),
      );
    } catch (error) {
      if (error instanceof ProviderError)
        throw new ServiceUnavailableError(`The explanation could not be written: ${error.message}`);
      throw error;
    }
  }
}
