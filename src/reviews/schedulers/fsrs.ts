import {
  type Card,
  createEmptyCard,
  type FSRS,
  fsrs,
  get_fuzz_range,
  type Grade,
  Rating,
  State,
} from 'ts-fsrs';
import { daysBetween } from '../../common/stats';
import { gradeToFsrsRating } from './grades';
import {
  assertAfterLastReview,
  type MemoryModel,
  type ReviewOutcome,
  type Scheduler,
} from './scheduler';

/**
 * FSRS (v6, as implemented by ts-fsrs) behind the common {@link Scheduler} interface. The state is
 * a plain-JSON copy of the ts-fsrs card with dates as ISO strings; the deprecated `elapsed_days`
 * field is not kept (ts-fsrs derives elapsed time from `last_review`).
 */
export type FsrsPhase = 'new' | 'learning' | 'review' | 'relearning';

export interface FsrsState {
  phase: FsrsPhase;
  due: string;
  lastReview: string | null;
  stability: number;
  difficulty: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
}

export interface FsrsOptions {
  /** Target probability of recall at the due date, 0 < r < 1 (default 0.9). */
  desiredRetention?: number;
  maximumIntervalDays?: number;
  /** Minute-scale (re)learning steps before an item graduates to day intervals (default true). */
  enableShortTerm?: boolean;
  /** Trained FSRS parameters; ts-fsrs defaults when absent. */
  weights?: readonly number[];
}

const DEFAULT_DESIRED_RETENTION = 0.9;
const DEFAULT_MAXIMUM_INTERVAL_DAYS = 36500;

const PHASE_OF_STATE: Record<State, FsrsPhase> = {
  [State.New]: 'new',
  [State.Learning]: 'learning',
  [State.Review]: 'review',
  [State.Relearning]: 'relearning',
};

const STATE_OF_PHASE: Record<FsrsPhase, State> = {
  new: State.New,
  learning: State.Learning,
  review: State.Review,
  relearning: State.Relearning,
};

export function createFsrsScheduler(options: FsrsOptions = {}): Scheduler<FsrsState> {
  const engine = buildEngine(options);
  return {
    name: 'fsrs',
    initialState: (now) => toState(createEmptyCard(now)),
    review: (state, grade, now) => review(engine, state, gradeToFsrsRating(grade), now),
    retrievability: (state, now) => engine.get_retrievability(toCard(state), now, false),
    memory: memoryModel(engine, options.maximumIntervalDays ?? DEFAULT_MAXIMUM_INTERVAL_DAYS),
  };
}

function memoryModel(engine: FSRS, maximumInterval: number): MemoryModel<FsrsState> {
  return {
    recall: (elapsedDays, stability) => engine.forgetting_curve(elapsedDays, stability),
    stabilityOf: (state) => state.stability,
    stabilityAfterGood: (state, at) => {
      const elapsed = state.lastReview ? daysBetween(new Date(state.lastReview), at) : 0;
      const memory = { stability: state.stability, difficulty: state.difficulty };
      return engine.next_state(memory, Math.max(0, elapsed), Rating.Good).stability;
    },
    isLongTerm: (state) => state.phase === 'review',
    fuzzRange: (intervalDays, elapsedDays) => {
      const { min_ivl, max_ivl } = get_fuzz_range(intervalDays, elapsedDays, maximumInterval);
      return { min: min_ivl, max: max_ivl };
    },
    withDue: (state, dueAt) => ({
      ...state,
      due: dueAt.toISOString(),
      scheduledDays: state.lastReview
        ? Math.round(daysBetween(new Date(state.lastReview), dueAt))
        : state.scheduledDays,
    }),
  };
}

function buildEngine(options: FsrsOptions): FSRS {
  const retention = options.desiredRetention ?? DEFAULT_DESIRED_RETENTION;
  if (!(retention > 0 && retention < 1)) {
    throw new RangeError(`desired retention must be between 0 and 1, got ${retention}`);
  }
  return fsrs({
    request_retention: retention,
    maximum_interval: options.maximumIntervalDays ?? DEFAULT_MAXIMUM_INTERVAL_DAYS,
    enable_fuzz: false,
    enable_short_term: options.enableShortTerm ?? true,
    ...(options.weights ? { w: options.weights } : {}),
  });
}

function review(
  engine: FSRS,
  state: FsrsState,
  rating: Grade,
  now: Date,
): ReviewOutcome<FsrsState> {
  assertAfterLastReview(state.lastReview, now);
  const { card } = engine.next(toCard(state), now, rating);
  return { state: toState(card), dueAt: card.due, intervalDays: daysBetween(now, card.due) };
}

function toState(card: Card): FsrsState {
  return {
    phase: PHASE_OF_STATE[card.state],
    due: card.due.toISOString(),
    lastReview: card.last_review ? card.last_review.toISOString() : null,
    stability: card.stability,
    difficulty: card.difficulty,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
  };
}

function toCard(state: FsrsState): Card {
  return {
    state: STATE_OF_PHASE[state.phase],
    due: new Date(state.due),
    ...(state.lastReview === null ? {} : { last_review: new Date(state.lastReview) }),
    stability: state.stability,
    difficulty: state.difficulty,
    elapsed_days: 0,
    scheduled_days: state.scheduledDays,
    learning_steps: state.learningSteps,
    reps: state.reps,
    lapses: state.lapses,
  };
}
