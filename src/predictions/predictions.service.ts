import { Injectable } from '@nestjs/common';
import { AnalyticsService } from '../analytics/analytics.service';
import { FiguresCache } from '../analytics/figures-cache.service';
import { addDays, logitToFraction } from '../common/stats';
import { AppConfig } from '../config';
import { ReviewsService } from '../reviews/reviews.service';
import { SessionHistoryService } from '../sessions/session-history.service';
import { type AnswerEvent, assessBurnout, type StudySession } from './burnout';
import { difficultyForSuccessRate } from './difficulty';
import type {
  BurnoutRiskDto,
  NextDifficultyDto,
  SuccessPredictionDto,
} from './dto/predictions.dto';
import { forecastNextAnswer, studentBktModel, TopicSequences } from './student-bkt';

/** The burnout windows of the core: the last 7 days against the 28 before them. */
const RECENT_DAYS = 7;
const BASELINE_DAYS = 28;

/** Predictions from stated models: BKT for success, burnout indicators, Rasch for difficulty. */
@Injectable()
export class PredictionsService {
  constructor(
    private readonly sessions: SessionHistoryService,
    private readonly reviews: ReviewsService,
    private readonly analytics: AnalyticsService,
    private readonly figures: FiguresCache,
    private readonly config: AppConfig,
  ) {}

  /** P(next answer on the topic is correct), by BKT fitted on the student's own answers. */
  success(userId: string, topic: string): Promise<SuccessPredictionDto> {
    return this.figures.get(userId, `success:${encodeURIComponent(topic)}`, async (now) => {
      const sequences = new TopicSequences();
      for await (const answer of this.sessions.streamAnswers(userId, { until: afterNow(now) })) {
        sequences.add(answer.topic, answer.correct);
      }
      const model = studentBktModel(sequences.all());
      const forecast = forecastNextAnswer(sequences.of(topic), model.params);
      return {
        asOf: now.toISOString(),
        topic,
        probability: forecast.probability,
        pKnown: forecast.pKnown,
        answersOnTopic: forecast.answers,
        model: {
          name: 'bkt',
          params: { ...model.params },
          source: model.source,
          answers: model.answers,
          sequences: model.sequences,
          logLikelihood: model.logLikelihood ?? null,
        },
      };
    });
  }

  /**
   * The four burnout indicators over the last five weeks of practice and review sittings, with
   * late-night judged in the student's time zone.
   */
  burnoutRisk(userId: string): Promise<BurnoutRiskDto> {
    return this.figures.get(userId, 'burnout', async (now) => {
      const since = addDays(now, -(RECENT_DAYS + BASELINE_DAYS));
      const until = afterNow(now);
      const answers: AnswerEvent[] = [];
      const lastAnswer = new Map<string, Date>();
      for await (const answer of this.sessions.streamAnswers(userId, { since, until })) {
        answers.push({
          at: answer.answeredAt,
          correct: answer.correct,
          responseTimeMs: answer.responseMs,
        });
        lastAnswer.set(answer.sessionId, answer.answeredAt);
      }
      const sittings: StudySession[] = [];
      for (const session of await this.sessions.listSessionsOf(userId, { since })) {
        const end = session.finishedAt ?? lastAnswer.get(session.id);
        if (end && session.startedAt <= now) sittings.push({ start: session.startedAt, end });
      }
      for (const sitting of await this.reviews.sittingsOf(userId, since, until)) {
        sittings.push({ start: sitting.startedAt, end: sitting.endedAt });
      }
      const { timeZone } = await this.analytics.studentTime(userId, now);
      const assessment = assessBurnout(answers, sittings, now, {
        recentDays: RECENT_DAYS,
        baselineDays: BASELINE_DAYS,
        timeZone,
      });
      return {
        asOf: now.toISOString(),
        level: assessment.level,
        score: assessment.score,
        timeZone,
        windows: { recentDays: RECENT_DAYS, baselineDays: BASELINE_DAYS },
        indicators: assessment.indicators.map((indicator) => ({ ...indicator })),
      };
    });
  }

  /** The difficulty at which the student's Rasch success chance is the configured target. */
  async nextDifficulty(userId: string, topic: string): Promise<NextDifficultyDto> {
    const { theta, answers } = await this.sessions.abilityOf(userId, topic);
    const targetSuccess = this.config.learning.predictionTargetSuccess;
    const target = difficultyForSuccessRate(theta, targetSuccess);
    return {
      topic,
      theta,
      answers,
      targetSuccess,
      difficulty: {
        logit: target.logit,
        fraction: logitToFraction(target.logit),
        level: target.level,
      },
    };
  }
}

/** The exclusive stream bound that includes `now`. */
function afterNow(now: Date): Date {
  return new Date(now.getTime() + 1);
}
