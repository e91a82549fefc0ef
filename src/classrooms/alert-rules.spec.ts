import { raiseAlerts, type StudentEvidence } from './alert-rules';

const now = new Date('2026-03-20T12:00:00Z');
const day = (n: number) => new Date(now.getTime() - n * 86_400_000);
const thresholds = { lowMastery: 0.5, inactiveDays: 7, decline: 0.15 };
const quiet: StudentEvidence = {
  now,
  joinedAt: day(30),
  mastery: [],
  lastActivityAt: day(1),
  burnout: { level: 'low', score: 0.1 },
  scores: [],
  missed: [],
};

describe('alert rules', () => {
  it('raises nothing for an active student doing well', () => {
    expect(raiseAlerts(quiet, thresholds)).toEqual([]);
  });

  it('flags low mastery only with enough answers', () => {
    const alerts = raiseAlerts(
      {
        ...quiet,
        mastery: [
          { topic: 'cells', mastery: 0.3, answers: 5, lastAnswerAt: day(1) },
          { topic: 'plants', mastery: 0.2, answers: 2, lastAnswerAt: day(1) },
          { topic: 'soil', mastery: 0.8, answers: 9, lastAnswerAt: day(1) },
        ],
      },
      thresholds,
    );
    expect(alerts).toEqual([
      expect.objectContaining({ rule: 'low-mastery', subject: 'cells', fingerprint: '5' }),
    ]);
  });

  it('flags inactivity from the threshold day on, with the last activity as fingerprint', () => {
    expect(raiseAlerts({ ...quiet, lastActivityAt: day(6.9) }, thresholds)).toEqual([]);
    const [alert] = raiseAlerts({ ...quiet, lastActivityAt: day(8) }, thresholds);
    expect(alert).toMatchObject({
      rule: 'inactive',
      evidence: { idleDays: 8, threshold: 7 },
      since: day(1),
      fingerprint: day(8).toISOString(),
    });
  });

  it('compares the last scores with the ones before', () => {
    const scores = [0.9, 0.8, 0.9, 0.6, 0.5, 0.6].map((score, i) => ({
      assignmentId: `a${i}`,
      score,
      at: day(10 - i),
    }));
    const [alert] = raiseAlerts({ ...quiet, scores }, thresholds);
    expect(alert).toMatchObject({
      rule: 'declining',
      evidence: { recentMean: 0.567, previousMean: 0.867, drop: 0.3 },
      since: day(7),
      fingerprint: 'a5',
    });
    expect(raiseAlerts({ ...quiet, scores: scores.slice(0, 3) }, thresholds)).toEqual([]);
  });

  it('raises high burnout risk and each missed due date', () => {
    const alerts = raiseAlerts(
      {
        ...quiet,
        burnout: { level: 'high', score: 0.81 },
        missed: [{ assignmentId: 'x', dueAt: day(2) }],
      },
      thresholds,
    );
    expect(alerts.map((a) => a.rule)).toEqual(['burnout-risk', 'missed-due-date']);
  });
});
