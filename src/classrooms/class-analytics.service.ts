import { Injectable } from '@nestjs/common';
import { AnalyticsService } from '../analytics/analytics.service';
import { Clock } from '../common/clock';
import { NotFoundError } from '../common/errors';
import { Page, toPage } from '../common/pagination';
import { isObjectIdHex } from '../common/validation';
import { AppConfig } from '../config';
import { PredictionsService } from '../predictions/predictions.service';
import { ReviewsService } from '../reviews/reviews.service';
import { SessionHistoryService } from '../sessions/session-history.service';
import { raiseAlerts, type RaisedAlert } from './alert-rules';
import { AssignmentsService } from './assignments.service';
import {
  ClassroomsRepository,
  type AssignmentRecord,
  type MemberRecord,
} from './classrooms.repository';
import { ClassroomsService } from './classrooms.service';
import { analyseItems, histogram, type Attempt, type ItemStatistics } from './item-analysis';
import type { AlertDecision } from './schemas/assignment.schema';

const DAY_MS = 86_400_000;
const SCORE_BINS = 10;
const MASTERY_BINS = 5;

export interface AssignmentFigures {
  assignmentId: string;
  title: string;
  dueAt: Date;
  students: number;
  started: number;
  submitted: number;
  completionRate: number;
  meanScore: number | null;
  /** Submitted scores in 10 bins of width 0.1 over [0, 1]. */
  scoreHistogram: number[];
  items: ItemStatistics[];
}

export interface ClassAnalytics {
  classroomId: string;
  asOf: Date;
  students: number;
  topics: { topic: string; students: number; meanMastery: number | null; histogram: number[] }[];
  assignments: AssignmentFigures[];
  spacedRepetition: {
    studentId: string;
    cards: number;
    dueBacklog: number;
    overdueShare: number | null;
    estimatedRetention: number | null;
    reviewSittings7d: number;
  }[];
}

export interface AlertView {
  key: string;
  studentId: string;
  rule: string;
  subject: string | null;
  evidence: Record<string, string | number | null>;
  since: Date;
}

/**
 * What a classroom's teachers see of the class: figures and alerts computed from the students' own
 * records through the other modules' services, per student by owner key, only for active members.
 */
@Injectable()
export class ClassAnalyticsService {
  constructor(
    private readonly repo: ClassroomsRepository,
    private readonly classrooms: ClassroomsService,
    private readonly assignments: AssignmentsService,
    private readonly sessions: SessionHistoryService,
    private readonly learning: AnalyticsService,
    private readonly predictions: PredictionsService,
    private readonly reviews: ReviewsService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async classAnalytics(teacherId: string, classroomId: string): Promise<ClassAnalytics> {
    await this.classrooms.requireTeaching(teacherId, classroomId);
    const now = this.clock.now();
    const students = await this.classrooms.allStudents(classroomId);
    const members = new Set(students);
    const assignments = await this.assignments.allOf(classroomId);
    const topics = new Set(assignments.flatMap((a) => a.topics));
    const figures: AssignmentFigures[] = [];
    for (const assignment of assignments) {
      const submissions = (await this.assignments.allSubmissions(assignment.id)).filter((s) =>
        members.has(s.studentId),
      );
      const submitted = submissions.filter((s) => s.status === 'submitted');
      const attempts: Attempt[] = [];
      for (const s of submitted) {
        const answers = await this.sessions.answersOfSession(s.studentId, s.sessionId);
        for (const a of answers) topics.add(a.topic);
        attempts.push(new Map(answers.map((a) => [a.questionId, a.credit])));
      }
      const scores = submitted.flatMap((s) => (s.score === null ? [] : [s.score]));
      figures.push({
        assignmentId: assignment.id,
        title: assignment.title,
        dueAt: assignment.dueAt,
        students: students.length,
        started: submissions.length,
        submitted: submitted.length,
        completionRate: students.length > 0 ? submitted.length / students.length : 0,
        meanScore: scores.length > 0 ? scores.reduce((a, b) => a + b, 0) / scores.length : null,
        scoreHistogram: histogram(scores, SCORE_BINS),
        items: analyseItems(attempts),
      });
    }
    const topicList = [...topics].sort();
    const masteryByTopic = new Map(topicList.map((t) => [t, [] as number[]]));
    const spacedRepetition: ClassAnalytics['spacedRepetition'] = [];
    for (const studentId of students) {
      for (const m of await this.learning.computeMastery(studentId, now))
        masteryByTopic.get(m.topic)?.push(m.mastery);
      const cards = await this.reviews.cardsByTopic(studentId, topicList, now);
      const total = cards.reduce((n, c) => n + c.cards, 0);
      const due = cards.reduce((n, c) => n + c.dueDates.length, 0);
      const recalled = cards.filter((c) => c.meanRetrievability !== undefined);
      const sittings = await this.reviews.sittingsOf(
        studentId,
        new Date(now.getTime() - 7 * DAY_MS),
      );
      spacedRepetition.push({
        studentId,
        cards: total,
        dueBacklog: due,
        overdueShare: total > 0 ? due / total : null,
        estimatedRetention:
          recalled.length > 0
            ? recalled.reduce((s, c) => s + c.meanRetrievability! * c.cards, 0) /
              recalled.reduce((s, c) => s + c.cards, 0)
            : null,
        reviewSittings7d: sittings.length,
      });
    }
    return {
      classroomId,
      asOf: now,
      students: students.length,
      topics: topicList.map((topic) => {
        const values = masteryByTopic.get(topic)!;
        return {
          topic,
          students: values.length,
          meanMastery: values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : null,
          histogram: histogram(values, MASTERY_BINS),
        };
      }),
      assignments: figures,
      spacedRepetition,
    };
  }

  /** Open alerts of a page of the class's students (paginated by student). */
  async alerts(
    teacherId: string,
    classroomId: string,
    limit: number,
    cursor?: string,
  ): Promise<Page<AlertView> & { students: number }> {
    await this.classrooms.requireTeaching(teacherId, classroomId);
    const page = toPage(
      await this.repo.listMembers(classroomId, 'active', limit + 1, cursor),
      limit,
    );
    const assignments = await this.assignments.allOf(classroomId);
    const decisions = new Map(
      (await this.repo.decisionsOf(classroomId)).map((d) => [d.alertKey, d.evidenceFingerprint]),
    );
    const items: AlertView[] = [];
    for (const member of page.items) {
      for (const alert of await this.alertsOf(member, assignments)) {
        const key = alertKey(member.studentId, alert);
        if (decisions.get(key) === alert.fingerprint) continue;
        items.push({
          key,
          studentId: member.studentId,
          rule: alert.rule,
          subject: alert.subject,
          evidence: alert.evidence,
          since: alert.since,
        });
      }
    }
    return { items, next: page.next, students: page.items.length };
  }

  /** Acknowledges or dismisses an open alert: hidden until its evidence changes. */
  async decide(
    teacherId: string,
    classroomId: string,
    key: string,
    decision: AlertDecision,
  ): Promise<void> {
    await this.classrooms.requireTeaching(teacherId, classroomId);
    const studentId = key.split(':')[0];
    if (!isObjectIdHex(studentId)) throw new NotFoundError('Alert');
    const member = await this.repo.findMember(classroomId, studentId.toLowerCase());
    if (!member || member.status !== 'active') throw new NotFoundError('Alert');
    const alert = (await this.alertsOf(member, await this.assignments.allOf(classroomId))).find(
      (a) => alertKey(studentId, a) === key,
    );
    if (!alert) throw new NotFoundError('Alert');
    await this.repo.decide(
      classroomId,
      { alertKey: key, evidenceFingerprint: alert.fingerprint, decision },
      teacherId,
    );
  }

  private async alertsOf(
    member: MemberRecord,
    assignments: AssignmentRecord[],
  ): Promise<RaisedAlert[]> {
    const now = this.clock.now();
    const studentId = member.studentId;
    const submissions = await this.assignments.submissionsOfStudent(studentId, member.classroomId);
    const byAssignment = new Map(submissions.map((s) => [s.assignmentId, s]));
    const assignedTopics = new Set(assignments.flatMap((a) => a.topics));
    const mastery = await this.learning.computeMastery(studentId, now);
    for (const s of submissions)
      if (s.status === 'submitted')
        for (const a of await this.sessions.answersOfSession(studentId, s.sessionId))
          assignedTopics.add(a.topic);
    const lastActivity = mastery.reduce<Date | null>(
      (latest, m) => (latest === null || m.lastAnswerAt > latest ? m.lastAnswerAt : latest),
      null,
    );
    const burnout = await this.predictions.burnoutRisk(studentId);
    const scores = submissions
      .filter((s) => s.status === 'submitted' && s.score !== null && s.submittedAt !== null)
      .sort((a, b) => a.submittedAt!.getTime() - b.submittedAt!.getTime())
      .map((s) => ({ assignmentId: s.assignmentId, score: s.score!, at: s.submittedAt! }));
    return raiseAlerts(
      {
        now,
        joinedAt: member.joinedAt,
        mastery: mastery.filter((m) => assignedTopics.has(m.topic)),
        lastActivityAt: lastActivity,
        burnout: { level: burnout.level, score: burnout.score },
        scores,
        missed: assignments
          .filter((a) => a.dueAt <= now && byAssignment.get(a.id)?.status !== 'submitted')
          .map((a) => ({ assignmentId: a.id, dueAt: a.dueAt })),
      },
      this.config.alerts,
    );
  }
}

function alertKey(studentId: string, alert: RaisedAlert): string {
  return [studentId, alert.rule, ...(alert.subject ? [alert.subject] : [])].join(':');
}
