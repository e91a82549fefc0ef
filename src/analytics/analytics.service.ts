import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { NotFoundError } from '../common/errors';
import { fractionToLogit, mean, probabilityCorrect } from '../common/stats';
import { QuestionsService } from '../questions/questions.service';
import { ReviewsService } from '../reviews/reviews.service';
import type { AnswerRecord as SessionAnswer } from '../sessions/session.types';
import { SessionHistoryService } from '../sessions/session-history.service';
import { UsersService } from '../users/users.service';
import type {
  CurveDto,
  FingerprintDto,
  ForgettingCurveDto,
  MasteryDto,
  ReadinessDto,
  TopicAnalyticsDto,
  TopicMasteryDto,
  TopicVelocityDto,
  VelocityDto,
} from './dto/analytics.dto';
import { FiguresCache } from './figures-cache.service';
import { type BehaviouralFingerprint, FingerprintAccumulator } from './fingerprint';
import {
  type ForgettingCurve,
  ForgettingCurveAccumulator,
  type ForgettingCurves,
  retrievability,
} from './forgetting-curve';
import {
  LearningVelocityAccumulator,
  type LearningVelocity,
  MasteryAccumulator,
  type MasteryOptions,
  type TopicMastery,
  type TopicVelocity,
} from './mastery';
import { examReadiness } from './readiness';
import type { AnswerRecord, SessionRecord } from './records';
import { utcOffsetMinutes } from './time-zone';

/** The mastery model every figure uses: uniform prior, answers fade with a 30-day half-life. */
export const MASTERY_MODEL: Required<MasteryOptions> = {
  priorCorrect: 1,
  priorIncorrect: 1,
  halfLifeDays: 30,
  credibility: 0.95,
};
const READINESS_CONFIDENCE = 0.95;
const MAX_READINESS_QUESTIONS = 500;

export interface StudentTime {
  timeZone: string;
  utcOffsetMinutes: number;
}

const toAnswer = (answer: SessionAnswer): AnswerRecord => ({
  at: answer.answeredAt,
  topic: answer.topic,
  correct: answer.correct,
  credit: answer.credit,
  responseMs: answer.responseMs,
  difficulty: answer.difficulty,
});

/**
 * A student's learning figures from their own answers and reviews, each from a stated model in a
 * pure core (mastery.ts, forgetting-curve.ts, readiness.ts, fingerprint.ts). Histories are
 * streamed into the cores' accumulators, never loaded whole. The `compute…` methods serve other
 * modules (with Dates); the others are the cached, JSON-shaped responses of the API.
 */
@Injectable()
export class AnalyticsService {
  constructor(
    private readonly sessions: SessionHistoryService,
    private readonly reviews: ReviewsService,
    private readonly questions: QuestionsService,
    private readonly users: UsersService,
    private readonly figures: FiguresCache,
    private readonly clock: Clock,
  ) {}

  mastery(userId: string, topic?: string): Promise<MasteryDto> {
    return this.figures.get(userId, `mastery:${key(topic)}`, async (now) => ({
      asOf: now.toISOString(),
      model: { name: 'beta-bernoulli', ...MASTERY_MODEL },
      topics: (await this.computeMastery(userId, now, topic)).map(masteryDto),
    }));
  }

  velocity(userId: string): Promise<VelocityDto> {
    return this.figures.get(userId, 'velocity', async (now) => {
      const velocity = await this.computeVelocity(userId);
      return {
        asOf: now.toISOString(),
        topics: velocity.topics.map(velocityDto),
        overall: {
          perStudyHour: velocity.overall.perStudyHour ?? null,
          perWeek: velocity.overall.perWeek ?? null,
        },
      };
    });
  }

  forgettingCurve(userId: string, topic?: string): Promise<ForgettingCurveDto> {
    return this.figures.get(userId, `forgetting:${key(topic)}`, async (now) => {
      const curves = await this.computeForgettingCurves(userId, topic);
      return {
        asOf: now.toISOString(),
        model:
          'R(t) = exp(−t / S), fitted by maximum likelihood on each review; half-life = S·ln 2',
        overall: curveDto(curves.overall),
        topics: curves.topics.map((curve) => ({ topic: curve.topic, ...curveDto(curve) })),
      };
    });
  }

  /** Mastery, velocity and forgetting curve of one topic together. */
  topic(userId: string, topic: string): Promise<TopicAnalyticsDto> {
    return this.figures.get(userId, `topic:${key(topic)}`, async (now) => {
      const [mastery] = await this.computeMastery(userId, now, topic);
      const velocity = await this.computeVelocity(userId, topic);
      const curves = await this.computeForgettingCurves(userId, topic);
      return {
        asOf: now.toISOString(),
        topic,
        mastery: mastery ? masteryDto(mastery) : null,
        velocity: velocity.topics[0] ? velocityDto(velocity.topics[0]) : null,
        forgettingCurve: curveDto(curves.overall),
      };
    });
  }

  /**
   * The score the student would get today on a test of all their questions of a document: each
   * question's chance under the Rasch model (θ of its topic against the question's difficulty),
   * combined by examReadiness into an expected score with an interval.
   */
  readiness(userId: string, documentId: string): Promise<ReadinessDto> {
    return this.figures.get(userId, `readiness:${documentId}`, async (now) => {
      const questions = await this.questions.findForPractice(userId, {
        documentId,
        limit: MAX_READINESS_QUESTIONS,
      });
      if (questions.length === 0) throw new NotFoundError('Document with questions');
      const topics = [...new Set(questions.map((q) => q.topic))].sort();
      const abilities = new Map(
        await Promise.all(
          topics.map(
            async (topic) => [topic, await this.sessions.abilityOf(userId, topic)] as const,
          ),
        ),
      );
      const chances = questions.map((q) => ({
        topic: q.topic,
        p: probabilityCorrect(abilities.get(q.topic)!.theta, fractionToLogit(q.difficulty)),
      }));
      const readiness = examReadiness(
        chances.map((c) => c.p),
        READINESS_CONFIDENCE,
      )!;
      return {
        asOf: now.toISOString(),
        documentId,
        model: 'rasch',
        questions: readiness.questions,
        predictedScore: readiness.predictedScore,
        standardDeviation: readiness.standardDeviation,
        lower: readiness.lower,
        upper: readiness.upper,
        confidence: readiness.confidence,
        topics: topics.map((topic) => {
          const ofTopic = chances.filter((c) => c.topic === topic).map((c) => c.p);
          const ability = abilities.get(topic)!;
          return {
            topic,
            questions: ofTopic.length,
            theta: ability.theta,
            answers: ability.answers,
            expectedScore: mean(ofTopic) ?? 0,
          };
        }),
      };
    });
  }

  fingerprint(userId: string): Promise<FingerprintDto> {
    return this.figures.get(userId, 'fingerprint', async (now) => {
      const { fingerprint, time } = await this.computeFingerprint(userId, now);
      return {
        asOf: now.toISOString(),
        ...time,
        minutesByHour: fingerprint.minutesByHour,
        preferredHours: fingerprint.preferredHours,
        sessionLength: fingerprint.sessionLength ?? null,
        speedAccuracy: {
          answers: fingerprint.speedAccuracy.answers,
          correlation: fingerprint.speedAccuracy.correlation ?? null,
        },
        consistency: {
          ...fingerprint.consistency,
          dailyMinutesCv: fingerprint.consistency.dailyMinutesCv ?? null,
        },
      };
    });
  }

  // -------------------------------------------------------------------------------------------
  // Computations for other modules (uncached, Dates as Dates)

  async computeMastery(userId: string, now: Date, topic?: string): Promise<TopicMastery[]> {
    const accumulator = new MasteryAccumulator(MASTERY_MODEL);
    for await (const answer of this.sessions.streamAnswers(userId, { topic, until: next(now) })) {
      accumulator.add(toAnswer(answer));
    }
    return accumulator.result(now);
  }

  async computeVelocity(userId: string, topic?: string): Promise<LearningVelocity> {
    const accumulator = new LearningVelocityAccumulator(MASTERY_MODEL);
    const until = next(this.clock.now());
    for await (const answer of this.sessions.streamAnswers(userId, { topic, until })) {
      accumulator.add(toAnswer(answer));
    }
    return accumulator.result();
  }

  async computeForgettingCurves(userId: string, topic?: string): Promise<ForgettingCurves> {
    const accumulator = new ForgettingCurveAccumulator();
    for await (const review of this.reviews.streamReviews(userId, { topic })) {
      if (review.kind !== 'review' || review.elapsedDays === null) continue;
      accumulator.add({
        at: review.reviewedAt,
        topic: review.topic,
        recalled: review.recalled,
        daysSinceLastReview: review.elapsedDays,
      });
    }
    return accumulator.result();
  }

  /**
   * Study sittings (practice, tests and reviews) with their answers, streamed into the
   * fingerprint. Answers arrive in time order; a session's answers are held only until the
   * stream passes the session's end.
   */
  async computeFingerprint(
    userId: string,
    now: Date,
  ): Promise<{ fingerprint: BehaviouralFingerprint; time: StudentTime }> {
    const time = await this.studentTime(userId, now);
    const accumulator = new FingerprintAccumulator({ utcOffsetMinutes: time.utcOffsetMinutes });
    const summaries = await this.sessions.listSessionsOf(userId);
    const open = new Map<
      string,
      { startedAt: Date; finishedAt: Date | null; answers: AnswerRecord[] }
    >(
      summaries.map((s) => [
        s.id,
        { startedAt: s.startedAt, finishedAt: s.finishedAt, answers: [] },
      ]),
    );
    const byEnd = summaries
      .filter((s) => s.finishedAt !== null)
      .sort((a, b) => a.finishedAt!.getTime() - b.finishedAt!.getTime());
    let closed = 0;
    const flush = (id: string) => {
      const session = open.get(id);
      if (!session) return;
      open.delete(id);
      const last = session.answers.at(-1)?.at;
      if (!last) return;
      accumulator.add(
        toSessionRecord(session.startedAt, session.finishedAt ?? last, session.answers),
      );
    };
    for await (const answer of this.sessions.streamAnswers(userId, { until: next(now) })) {
      while (closed < byEnd.length && byEnd[closed].finishedAt! < answer.answeredAt) {
        flush(byEnd[closed].id);
        closed += 1;
      }
      open.get(answer.sessionId)?.answers.push(toAnswer(answer));
    }
    for (const id of [...open.keys()]) flush(id);
    for (const sitting of await this.reviews.sittingsOf(userId, undefined, next(now))) {
      accumulator.add(toSessionRecord(sitting.startedAt, sitting.endedAt, []));
    }
    return { fingerprint: accumulator.result(now), time };
  }

  /** The student's time zone and its offset from UTC at `now`. */
  async studentTime(userId: string, now: Date): Promise<StudentTime> {
    const { timezone } = await this.users.getById(userId);
    return { timeZone: timezone, utcOffsetMinutes: utcOffsetMinutes(timezone, now) };
  }
}

/** The stream bound that includes `now` ("until" is exclusive). */
function next(now: Date): Date {
  return new Date(now.getTime() + 1);
}

function key(topic: string | undefined): string {
  return topic === undefined ? '*' : encodeURIComponent(topic);
}

function toSessionRecord(startedAt: Date, endedAt: Date, answers: AnswerRecord[]): SessionRecord {
  return { startedAt, endedAt: endedAt < startedAt ? startedAt : endedAt, answers };
}

function masteryDto(m: TopicMastery): TopicMasteryDto {
  return {
    topic: m.topic,
    mastery: m.mastery,
    lower: m.lower,
    upper: m.upper,
    answers: m.answers,
    effectiveAnswers: m.effectiveAnswers,
    lastAnswerAt: m.lastAnswerAt.toISOString(),
  };
}

function velocityDto(v: TopicVelocity): TopicVelocityDto {
  return {
    topic: v.topic,
    answers: v.answers,
    studyHours: v.studyHours,
    perStudyHour: v.perStudyHour ?? null,
    perWeek: v.perWeek ?? null,
  };
}

function curveDto(curve: ForgettingCurve): CurveDto {
  const fit = curve.fit;
  const stability = fit.status === 'fitted' ? fit.stabilityDays : undefined;
  return {
    bins: curve.bins.map((bin) => ({
      fromDays: bin.fromDays,
      toDays: bin.toDays ?? null,
      reviews: bin.reviews,
      recalled: bin.recalled,
      observedRecall: bin.observedRecall ?? null,
      meanDays: bin.meanDays ?? null,
      fittedRecall:
        stability !== undefined && bin.meanDays !== undefined
          ? retrievability(bin.meanDays, stability)
          : null,
    })),
    fit:
      fit.status === 'fitted'
        ? {
            status: 'fitted',
            stabilityDays: fit.stabilityDays,
            halfLifeDays: fit.halfLifeDays,
            stabilityInterval: {
              lower: fit.stabilityInterval.lower,
              upper: fit.stabilityInterval.upper ?? null,
              confidence: fit.stabilityInterval.confidence,
            },
            reviewsUsed: fit.reviewsUsed,
          }
        : { status: 'not-fittable', reason: fit.reason, reviewsUsed: fit.reviewsUsed },
  };
}
