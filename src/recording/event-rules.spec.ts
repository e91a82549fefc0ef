import {
  buildHeatmap,
  checkEvents,
  CLOCK_SKEW_MS,
  heatmapCell,
  IncomingEvent,
} from './event-rules';

const startedAt = new Date('2025-03-01T10:00:00Z');
const now = new Date('2025-03-01T10:20:00Z');
const context = { questionIds: new Set(['aaaaaaaaaaaaaaaaaaaaaaaa']), startedAt, now };
const Q = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const at = (minutes: number) => new Date(startedAt.getTime() + minutes * 60_000);

describe('checkEvents', () => {
  it('accepts well-formed events of every type', () => {
    const events: IncomingEvent[] = [
      { type: 'focus', at: at(0) },
      { type: 'click', at: at(1), questionId: Q, x: 0.5, y: 0.25, target: 'choice:a' },
      { type: 'mouse-move', at: at(1), questionId: Q, x: 1, y: 0 },
      { type: 'keypress', at: at(2), key: 'a' },
      { type: 'answer-change', at: at(2), questionId: Q, value: 'a' },
      { type: 'visibility-change', at: at(3), visible: false },
      { type: 'scroll', at: at(4), scrollY: 120 },
      { type: 'blur', at: at(5) },
    ];
    expect(checkEvents(events, context)).toEqual([]);
  });

  it('allows the clock skew at both ends and refuses timestamps beyond it', () => {
    const edge = [
      { type: 'focus' as const, at: new Date(startedAt.getTime() - CLOCK_SKEW_MS) },
      { type: 'focus' as const, at: new Date(now.getTime() + CLOCK_SKEW_MS) },
    ];
    expect(checkEvents(edge, context)).toEqual([]);
    const absurd = [
      { type: 'focus' as const, at: new Date(0) },
      { type: 'focus' as const, at: new Date('2100-01-01T00:00:00Z') },
      { type: 'focus' as const, at: new Date(now.getTime() + CLOCK_SKEW_MS + 1) },
    ];
    expect(checkEvents(absurd, context).map((p) => p.field)).toEqual([
      'events[0].at',
      'events[1].at',
      'events[2].at',
    ]);
  });

  it('refuses unknown questions, half positions, positions on other types and missing fields', () => {
    const problems = checkEvents(
      [
        { type: 'click', at: at(1), questionId: 'bbbbbbbbbbbbbbbbbbbbbbbb', x: 0.1, y: 0.1 },
        { type: 'click', at: at(1), questionId: Q, x: 0.1 },
        { type: 'keypress', at: at(1), questionId: Q, x: 0.1, y: 0.2, key: 'k' },
        { type: 'mouse-move', at: at(1), x: 0.1, y: 0.2 },
        { type: 'answer-change', at: at(1), questionId: Q },
        { type: 'visibility-change', at: at(1) },
        { type: 'scroll', at: at(1) },
        { type: 'keypress', at: at(1) },
      ],
      context,
    );
    expect(problems).toEqual([
      {
        field: 'events[0].questionId',
        message: 'question bbbbbbbbbbbbbbbbbbbbbbbb is not in this session',
      },
      { field: 'events[1].y', message: 'x and y go together' },
      { field: 'events[2].x', message: 'only click and mouse-move events carry a position' },
      {
        field: 'events[3].questionId',
        message: 'a position is relative to a question area: give its questionId',
      },
      { field: 'events[4].value', message: 'answer-change events need value' },
      { field: 'events[5].visible', message: 'visibility-change events need visible' },
      { field: 'events[6].scrollY', message: 'scroll events need scrollY' },
      { field: 'events[7].key', message: 'keypress events need key' },
    ]);
  });
});

describe('heatmapCell', () => {
  it('divides 0..1 into ten cells, the far edges belonging to the last', () => {
    expect(heatmapCell(0, 0)).toEqual({ cellX: 0, cellY: 0 });
    expect(heatmapCell(0.099, 0.1)).toEqual({ cellX: 0, cellY: 1 });
    expect(heatmapCell(0.55, 0.95)).toEqual({ cellX: 5, cellY: 9 });
    expect(heatmapCell(1, 1)).toEqual({ cellX: 9, cellY: 9 });
  });
});

describe('buildHeatmap', () => {
  it('folds cell counts per question, in session order, cells row by row', () => {
    const heatmap = buildHeatmap(
      [
        { questionId: 'q2', type: 'click', cellX: 1, cellY: 1, count: 2 },
        { questionId: 'q1', type: 'mouse-move', cellX: 3, cellY: 0, count: 5 },
        { questionId: 'q1', type: 'click', cellX: 3, cellY: 0, count: 1 },
        { questionId: 'q1', type: 'click', cellX: 0, cellY: 2, count: 4 },
      ],
      ['q1', 'q2'],
    );
    expect(heatmap).toEqual([
      {
        questionId: 'q1',
        clicks: 5,
        moves: 5,
        cells: [
          { x: 3, y: 0, clicks: 1, moves: 5 },
          { x: 0, y: 2, clicks: 4, moves: 0 },
        ],
      },
      { questionId: 'q2', clicks: 2, moves: 0, cells: [{ x: 1, y: 1, clicks: 2, moves: 0 }] },
    ]);
  });
});
