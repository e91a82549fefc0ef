import { Injectable } from '@nestjs/common';
import { AnalyticsService } from '../analytics/analytics.service';
import { retrievability } from '../analytics/forgetting-curve';
import { Clock } from '../common/clock';
import { InvalidInputError } from '../common/errors';
import { daysBetween } from '../common/stats';
import { AppConfig } from '../config';
import { DocumentsService } from '../documents/documents.service';
import type { QuestionType } from '../questions/question.types';
import { SessionHistoryService } from '../sessions/session-history.service';
import { planAdaptiveGeneration, type PlannedTopic, type TopicEstimate } from './adaptive-plan';
import { GenerationService, type GenerationJobView } from './generation.service';
import { topicKey } from './offline/offline-generator';

export interface AdaptiveRequest {
  documentId: string;
  count: number;
  types?: QuestionType[];
  /** Only these of the document's topics; default all of them. */
  topics?: string[];
}

/**
 * Adaptive generation: new questions for the caller on their weakest topics of a document, at the
 * difficulty that gives them the target success rate. Reads the student's mastery and forgetting
 * (analytics) and Rasch ability (sessions), plans with adaptive-plan.ts, then queues a generation
 * job that records the plan as the reason for each question.
 */
@Injectable()
export class AdaptiveGenerationService {
  constructor(
    private readonly generation: GenerationService,
    private readonly documents: DocumentsService,
    private readonly analytics: AnalyticsService,
    private readonly history: SessionHistoryService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async request(
    userId: string,
    request: AdaptiveRequest,
    idempotencyKey?: string,
  ): Promise<{ job: GenerationJobView; created: boolean }> {
    const plan = await this.plan(userId, request);
    return this.generation.requestPlanned(
      userId,
      request.documentId,
      { count: request.count, types: request.types, topics: request.topics },
      plan,
      idempotencyKey,
    );
  }

  /** The plan for the student now: their weakest topics of the document, each with its target. */
  async plan(userId: string, request: AdaptiveRequest): Promise<PlannedTopic[]> {
    const doc = await this.documents.requireReady(userId, request.documentId);
    const wanted = request.topics?.length ? new Set(request.topics.map(topicKey)) : null;
    const topics = doc.topics.filter((topic) => !wanted || wanted.has(topicKey(topic)));
    if (topics.length === 0)
      throw new InvalidInputError(
        wanted ? 'None of these topics is a topic of the document' : 'The document has no topics',
      );
    const now = this.clock.now();
    const mastery = new Map(
      (await this.analytics.computeMastery(userId, now)).map((m) => [topicKey(m.topic), m]),
    );
    const curves = new Map(
      (await this.analytics.computeForgettingCurves(userId)).topics.map((c) => [
        topicKey(c.topic),
        c,
      ]),
    );
    const estimates: TopicEstimate[] = [];
    for (const topic of topics) {
      const known = mastery.get(topicKey(topic));
      const curve = curves.get(topicKey(topic));
      const ability = await this.history.abilityOf(userId, known?.topic ?? topic);
      estimates.push({
        topic,
        theta: ability.theta,
        answers: ability.answers,
        mastery: known ? known.mastery : null,
        recall:
          known && curve?.fit.status === 'fitted'
            ? retrievability(daysBetween(known.lastAnswerAt, now), curve.fit.stabilityDays)
            : null,
      });
    }
    return planAdaptiveGeneration(estimates, {
      count: request.count,
      targetSuccess: this.config.learning.predictionTargetSuccess,
    });
  }
}
