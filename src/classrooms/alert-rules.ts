/**
 * Intervention alert rules over one student's evidence: pure functions, thresholds passed in.
 * Each alert names its rule and evidence; its fingerprint changes exactly when the evidence does,
 * so a teacher's acknowledgement holds until then.
 */

export const ALERT_RULES = [
  'low-mastery',
  'inactive',
  'burnout-risk',
  'declining',
  'missed-due-date',
] as const;
export type AlertRule = (typeof ALERT_RULES)[number];

export interface RaisedAlert {
  rule: AlertRule;
  /** What the alert is about beyond the student (a topic, an assignment), or null. */
  subject: string | null;
  evidence: Record<string, string | number | null>;
  since: Date;
  fingerprint: string;
}

export interface AlertThresholds {
  lowMastery: number;
  inactiveDays: number;
  decline: number;
}

export interface StudentEvidence {
  now: Date;
  joinedAt: Date;
  /** Mastery of the class's assigned topics that the student has answered (minimum 3 answers counts). */
  mastery: { topic: string; mastery: number; answers: number; lastAnswerAt: Date }[];
  lastActivityAt: Date | null;
  burnout: { level: string; score: number } | null;
  /** Submitted scores, oldest first. */
  scores: { assignmentId: string; score: number; at: Date }[];
  /** Assignments past their due date without a submission. */
  missed: { assignmentId: string; dueAt: Date }[];
}

const DAY_MS = 86_400_000;
const MIN_MASTERY_ANSWERS = 3;
const round = (x: number) => Math.round(x * 1000) / 1000;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

export function raiseAlerts(e: StudentEvidence, t: AlertThresholds): RaisedAlert[] {
  const alerts: RaisedAlert[] = [];
  for (const m of e.mastery) {
    if (m.answers < MIN_MASTERY_ANSWERS || m.mastery >= t.lowMastery) continue;
    alerts.push({
      rule: 'low-mastery',
      subject: m.topic,
      evidence: {
        topic: m.topic,
        mastery: round(m.mastery),
        threshold: t.lowMastery,
        answers: m.answers,
      },
      since: m.lastAnswerAt,
      fingerprint: `${m.answers}`,
    });
  }
  const last = e.lastActivityAt ?? e.joinedAt;
  const idleDays = (e.now.getTime() - last.getTime()) / DAY_MS;
  if (idleDays >= t.inactiveDays)
    alerts.push({
      rule: 'inactive',
      subject: null,
      evidence: {
        lastActivityAt: e.lastActivityAt?.toISOString() ?? null,
        idleDays: Math.floor(idleDays),
        threshold: t.inactiveDays,
      },
      since: new Date(last.getTime() + t.inactiveDays * DAY_MS),
      fingerprint: last.toISOString(),
    });
  if (e.burnout?.level === 'high')
    alerts.push({
      rule: 'burnout-risk',
      subject: null,
      evidence: { level: e.burnout.level, score: round(e.burnout.score) },
      since: e.now,
      fingerprint: 'high',
    });
  const k = Math.min(3, Math.floor(e.scores.length / 2));
  if (k >= 2) {
    const recent = e.scores.slice(-k);
    const before = e.scores.slice(-2 * k, -k);
    const drop = mean(before.map((s) => s.score)) - mean(recent.map((s) => s.score));
    if (drop >= t.decline)
      alerts.push({
        rule: 'declining',
        subject: null,
        evidence: {
          recentMean: round(mean(recent.map((s) => s.score))),
          previousMean: round(mean(before.map((s) => s.score))),
          drop: round(drop),
          threshold: t.decline,
        },
        since: recent[0].at,
        fingerprint: recent[recent.length - 1].assignmentId,
      });
  }
  for (const m of e.missed)
    alerts.push({
      rule: 'missed-due-date',
      subject: m.assignmentId,
      evidence: { assignmentId: m.assignmentId, dueAt: m.dueAt.toISOString() },
      since: m.dueAt,
      fingerprint: m.assignmentId,
    });
  return alerts;
}
