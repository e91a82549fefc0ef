import { Injectable } from '@nestjs/common';
import { MASTERY_MODEL } from '../analytics/analytics.service';
import { FiguresCache } from '../analytics/figures-cache.service';
import { NotFoundError } from '../common/errors';
import { addDays } from '../common/stats';
import { AppConfig } from '../config';
import { QuestionsService } from '../questions/questions.service';
import { SessionHistoryService } from '../sessions/session-history.service';
import { bandOf, latestScores, MasteryTimeline } from './cohort';
import type {
  CohortStatsDto,
  HistoricalDto,
  HistoricalMetricDto,
  PeerComparisonDto,
  PercentileRankingDto,
  TrendDto,
  TrendSeriesDto,
} from './dto/comparisons.dto';
import {
  cohortStatistics,
  type CohortStatistics,
  historicalComparison,
  percentileRank,
  type TimePoint,
  trend,
} from './statistics';

const HISTORY_DAYS = [30, 60, 90];
const TREND_STEP_DAYS = 7;

interface NotEnough {
  status: 'not-enough-peers';
  minimum: number;
  message: string;
}

/**
 * The student against peers on the same document (latest score per student, anonymous, at least
 * COMPARISON_MIN_COHORT other students or no numbers at all) and against their own past.
 */
@Injectable()
export class ComparisonsService {
  constructor(
    private readonly sessions: SessionHistoryService,
    private readonly questions: QuestionsService,
    private readonly figures: FiguresCache,
    private readonly config: AppConfig,
  ) {}

  percentileRanking(userId: string, documentId: string): Promise<PercentileRankingDto> {
    return this.figures.get(userId, `percentile:${documentId}`, async () => {
      const { you, peers } = await this.cohortOf(userId, documentId, { needScore: true });
      const rank = percentileRank(you!.score, peers, { minimumPeers: this.minimum });
      if (rank.status === 'not-enough-peers') return { documentId, ...this.notEnough() };
      return {
        status: 'ok',
        documentId,
        you: yours(you!),
        percentile: rank.percentile,
        peers: rank.peers,
      };
    });
  }

  peerComparison(userId: string, documentId: string): Promise<PeerComparisonDto> {
    return this.figures.get(userId, `peers:${documentId}`, async () => {
      const { you, peers } = await this.cohortOf(userId, documentId, { needScore: true });
      const stats = cohortStatistics(peers, { minimumPeers: this.minimum });
      const rank = percentileRank(you!.score, peers, { minimumPeers: this.minimum });
      if (stats.status === 'not-enough-peers' || rank.status === 'not-enough-peers') {
        return { documentId, ...this.notEnough() };
      }
      return {
        status: 'ok',
        documentId,
        you: yours(you!),
        peers: statisticsDto(stats),
        percentile: rank.percentile,
        band: bandOf(rank.percentile),
        differenceFromMedian: you!.score - stats.median,
      };
    });
  }

  cohortStats(userId: string, documentId: string): Promise<CohortStatsDto> {
    return this.figures.get(userId, `cohort:${documentId}`, async () => {
      const { peers } = await this.cohortOf(userId, documentId, { needScore: false });
      const stats = cohortStatistics(peers, { minimumPeers: this.minimum });
      if (stats.status === 'not-enough-peers') return { documentId, ...this.notEnough() };
      return { status: 'ok', documentId, statistics: statisticsDto(stats) };
    });
  }

  /** Overall mastery and test score now against 30, 60 and 90 days ago. */
  historical(userId: string): Promise<HistoricalDto> {
    return this.figures.get(userId, 'historical', async (now) => {
      const checkpoints = [now, ...HISTORY_DAYS.map((d) => addDays(now, -d))];
      const mastery = await this.masteryAt(userId, checkpoints, now);
      const scores = await this.scoreSeries(userId);
      return {
        asOf: now.toISOString(),
        metrics: [
          historicalMetric(
            'mastery',
            'Overall mastery (topics weighted by their evidence) as it stood then',
            mastery,
            now,
          ),
          historicalMetric(
            'testScore',
            'Your latest finished session score at the time',
            scores,
            now,
          ),
        ],
      };
    });
  }

  /** Weekly overall mastery and session scores over the last `days` days, with their trends. */
  trend(userId: string, days: number): Promise<TrendDto> {
    return this.figures.get(userId, `trend:${days}`, async (now) => {
      const since = addDays(now, -days);
      const checkpoints: Date[] = [];
      for (let d = days; d >= 0; d -= TREND_STEP_DAYS) checkpoints.push(addDays(now, -d));
      if (checkpoints.at(-1)!.getTime() !== now.getTime()) checkpoints.push(now);
      const mastery = await this.masteryAt(userId, checkpoints, now);
      const scores = (await this.scoreSeries(userId)).filter((p) => p.at >= since && p.at <= now);
      return {
        asOf: now.toISOString(),
        days,
        series: [trendSeries('mastery', mastery), trendSeries('testScore', scores)],
      };
    });
  }

  private get minimum(): number {
    return this.config.learning.comparisonMinCohort;
  }

  private notEnough(): NotEnough {
    return {
      status: 'not-enough-peers',
      minimum: this.minimum,
      message: `Not enough peers have finished a test on this document to compare (at least ${this.minimum} are needed).`,
    };
  }

  /**
   * The cohort of a document the viewer may compare on: one they took a test on, or one they
   * hold questions on (its owner). Anything else is a 404, so documents cannot be probed.
   */
  private async cohortOf(userId: string, documentId: string, options: { needScore: boolean }) {
    const attempts = await this.sessions.scoresOnDocument(documentId);
    const { viewer, attempts: count, peers } = latestScores(attempts, userId);
    if (!viewer) {
      const owned = await this.questions.findForPractice(userId, { documentId, limit: 1 });
      if (options.needScore || owned.length === 0) {
        throw new NotFoundError(
          options.needScore ? 'Finished test of yours on this document' : 'Document',
        );
      }
    }
    return { you: viewer ? { ...viewer, attempts: count } : undefined, peers };
  }

  private async masteryAt(userId: string, checkpoints: Date[], now: Date): Promise<TimePoint[]> {
    const timeline = new MasteryTimeline(checkpoints, MASTERY_MODEL);
    const until = new Date(now.getTime() + 1);
    for await (const answer of this.sessions.streamAnswers(userId, { until })) {
      timeline.add({
        at: answer.answeredAt,
        topic: answer.topic,
        correct: answer.correct,
        credit: answer.credit,
        responseMs: answer.responseMs,
      });
    }
    return timeline.result();
  }

  private async scoreSeries(userId: string): Promise<TimePoint[]> {
    const sessions = await this.sessions.listSessionsOf(userId);
    return sessions.flatMap((s) =>
      s.score !== null && s.finishedAt ? [{ at: s.finishedAt, value: s.score }] : [],
    );
  }
}

function yours(attempt: { score: number; finishedAt: Date; attempts: number }) {
  return {
    score: attempt.score,
    finishedAt: attempt.finishedAt.toISOString(),
    attempts: attempt.attempts,
  };
}

function statisticsDto(stats: CohortStatistics) {
  return {
    count: stats.count,
    mean: stats.mean,
    median: stats.median,
    standardDeviation: stats.standardDeviation ?? null,
    q1: stats.q1,
    q3: stats.q3,
  };
}

function historicalMetric(
  metric: string,
  description: string,
  series: TimePoint[],
  now: Date,
): HistoricalMetricDto {
  const comparison = historicalComparison(series, now, HISTORY_DAYS);
  return {
    metric,
    description,
    current: comparison.current?.value ?? null,
    past: comparison.past.map((p) => ({
      days: p.days,
      then: p.then?.value ?? null,
      thenAt: p.then?.at.toISOString() ?? null,
      change: p.change ?? null,
    })),
  };
}

function trendSeries(metric: string, points: TimePoint[]): TrendSeriesDto {
  const fit = trend(points);
  return {
    metric,
    points: points.map((p) => ({ at: p.at.toISOString(), value: p.value })),
    slopePerDay: fit.slopePerDay ?? null,
    slopeStandardError: fit.slopeStandardError ?? null,
    direction: fit.direction,
  };
}
