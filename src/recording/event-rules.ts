/**
 * Pure rules for recorded interaction events: what each type must carry, which client timestamps
 * are plausible, and how pointer positions fall into heatmap cells.
 */
export const EVENT_TYPES = [
  'click',
  'keypress',
  'answer-change',
  'focus',
  'blur',
  'visibility-change',
  'scroll',
  'mouse-move',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Pointer events: they may carry a position, and feed the heatmap. */
export const POINTER_TYPES: readonly EventType[] = ['click', 'mouse-move'];

/** Most events one batch may hold. */
export const MAX_BATCH_EVENTS = 500;
/** Client clocks may be off by this much either way before a timestamp counts as absurd. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;
/** The heatmap divides each question's area into HEATMAP_GRID × HEATMAP_GRID cells. */
export const HEATMAP_GRID = 10;

export interface IncomingEvent {
  type: EventType;
  /** Client timestamp. */
  at: Date;
  questionId?: string;
  /** Position within the question's area, 0..1 from its left and top edges. */
  x?: number;
  y?: number;
  target?: string;
  key?: string;
  value?: string;
  visible?: boolean;
  scrollY?: number;
}

export interface EventProblem {
  field: string;
  message: string;
}

export interface EventContext {
  /** Questions of the session: events may only name these. */
  questionIds: ReadonlySet<string>;
  startedAt: Date;
  now: Date;
}

/**
 * Everything wrong with a batch, as `{ field: 'events[i].x', message }`; empty when it is fine.
 * Rules: timestamps between the session start and now (± CLOCK_SKEW_MS); question ids of the
 * session; x and y together and only on pointer events; answer-change needs a question and a value;
 * keypress a key; visibility-change `visible`; scroll `scrollY`.
 */
export function checkEvents(
  events: readonly IncomingEvent[],
  context: EventContext,
): EventProblem[] {
  const problems: EventProblem[] = [];
  const earliest = context.startedAt.getTime() - CLOCK_SKEW_MS;
  const latest = context.now.getTime() + CLOCK_SKEW_MS;
  events.forEach((event, index) => {
    const problem = (field: string, message: string) =>
      problems.push({ field: `events[${index}].${field}`, message });
    const at = event.at.getTime();
    if (!(at >= earliest && at <= latest)) {
      problem(
        'at',
        `timestamp ${event.at.toISOString()} is outside the session (${new Date(earliest).toISOString()} to ${new Date(latest).toISOString()})`,
      );
    }
    if (
      event.questionId !== undefined &&
      !context.questionIds.has(event.questionId.toLowerCase())
    ) {
      problem('questionId', `question ${event.questionId} is not in this session`);
    }
    const hasX = event.x !== undefined;
    const hasY = event.y !== undefined;
    if (hasX !== hasY) problem(hasX ? 'y' : 'x', 'x and y go together');
    if ((hasX || hasY) && !POINTER_TYPES.includes(event.type)) {
      problem('x', `only ${POINTER_TYPES.join(' and ')} events carry a position`);
    }
    if ((hasX || hasY) && event.questionId === undefined) {
      problem('questionId', 'a position is relative to a question area: give its questionId');
    }
    const requires: Partial<Record<EventType, (keyof IncomingEvent)[]>> = {
      'answer-change': ['questionId', 'value'],
      keypress: ['key'],
      'visibility-change': ['visible'],
      scroll: ['scrollY'],
    };
    for (const field of requires[event.type] ?? []) {
      if (event[field] === undefined) problem(field, `${event.type} events need ${field}`);
    }
  });
  return problems;
}

/** The heatmap cell of a position in 0..1 (the right and bottom edges belong to the last cell). */
export function heatmapCell(x: number, y: number): { cellX: number; cellY: number } {
  const cell = (v: number) => Math.min(HEATMAP_GRID - 1, Math.max(0, Math.floor(v * HEATMAP_GRID)));
  return { cellX: cell(x), cellY: cell(y) };
}

export interface CellCount {
  questionId: string;
  type: EventType;
  cellX: number;
  cellY: number;
  count: number;
}

export interface QuestionHeatmap {
  questionId: string;
  clicks: number;
  moves: number;
  cells: { x: number; y: number; clicks: number; moves: number }[];
}

/**
 * Folds per-cell counts into one heatmap per question (in `order`, then any others by id), with the
 * non-empty cells row by row, left to right.
 */
export function buildHeatmap(
  counts: readonly CellCount[],
  order: readonly string[],
): QuestionHeatmap[] {
  const maps = new Map<
    string,
    Map<number, { x: number; y: number; clicks: number; moves: number }>
  >();
  for (const count of counts) {
    let cells = maps.get(count.questionId);
    if (!cells) maps.set(count.questionId, (cells = new Map()));
    const index = count.cellY * HEATMAP_GRID + count.cellX;
    let cell = cells.get(index);
    if (!cell) cells.set(index, (cell = { x: count.cellX, y: count.cellY, clicks: 0, moves: 0 }));
    if (count.type === 'click') cell.clicks += count.count;
    else cell.moves += count.count;
  }
  const rank = new Map(order.map((id, i) => [id, i]));
  return [...maps.entries()]
    .sort(([a], [b]) => (rank.get(a) ?? Infinity) - (rank.get(b) ?? Infinity) || (a < b ? -1 : 1))
    .map(([questionId, cells]) => {
      const list = [...cells.entries()].sort(([a], [b]) => a - b).map(([, cell]) => cell);
      return {
        questionId,
        clicks: list.reduce((n, cell) => n + cell.clicks, 0),
        moves: list.reduce((n, cell) => n + cell.moves, 0),
        cells: list,
      };
    });
}
