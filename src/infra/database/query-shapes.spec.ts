import { indexServes, judgeShape, shapeOf, suggestedIndex } from './query-shapes';

describe('query shapes', () => {
  it('splits a filter into equality, range and residual fields, and keeps the sort order', () => {
    const shape = shapeOf(
      'cards',
      'find',
      {
        userId: 'u',
        topic: { $in: ['a', 'b'] },
        dueAt: { $lte: new Date() },
        deletedAt: { $exists: false },
        $or: [{ status: 'a' }, { leaseUntil: { $lt: 1 } }],
      },
      { dueAt: 1, _id: -1 },
    );
    expect(shape).toEqual({
      collection: 'cards',
      operation: 'find',
      equality: ['topic', 'userId'],
      range: ['dueAt'],
      residual: ['deletedAt', 'leaseUntil', 'status'],
      sort: [
        ['dueAt', 1],
        ['_id', -1],
      ],
    });
  });

  it('treats values that are plain objects (not operators) as equality', () => {
    expect(shapeOf('c', 'find', { state: { due: 1 } }).equality).toEqual(['state']);
  });

  it('serves equality, then sort in order, with range and extra equality fields checked after', () => {
    const queue = shapeOf('c', 'find', { userId: 'u', dueAt: { $lte: 1 } }, { dueAt: 1, _id: 1 });
    expect(indexServes({ userId: 1, dueAt: 1, _id: 1 }, queue)).toBe(true);
    // Walking the index backwards gives the reversed order just as well.
    expect(indexServes({ userId: 1, dueAt: -1, _id: -1 }, queue)).toBe(true);
    // Mixed directions cannot come from one walk of the index.
    expect(indexServes({ userId: 1, dueAt: 1, _id: -1 }, queue)).toBe(false);
    // Without _id after dueAt, ties would be sorted in memory.
    expect(indexServes({ userId: 1, dueAt: 1 }, queue)).toBe(false);
    // Not starting with an equality field: a walk over everyone's cards.
    expect(indexServes({ dueAt: 1, _id: 1 }, queue)).toBe(false);
    const extra = shapeOf('c', 'find', { userId: 'u', archived: false });
    expect(indexServes({ userId: 1 }, extra)).toBe(true);
  });

  it('serves a range-only shape by an index starting with that field', () => {
    const sweep = shapeOf('c', 'find', { createdAt: { $lt: 5 } });
    expect(indexServes({ createdAt: 1 }, sweep)).toBe(true);
    expect(indexServes({ sessionId: 1 }, sweep)).toBe(false);
  });

  it('judges _id look-ups and whole-collection reads as needing no index, others by the schema', () => {
    expect(judgeShape(shapeOf('c', 'findOne', { _id: 1, userId: 2 }), []).servedBy).toBe('_id');
    expect(judgeShape(shapeOf('c', 'aggregate', {}), []).servedBy).toBe('_id');
    expect(judgeShape(shapeOf('c', 'find', {}, { _id: 1 }), []).servedBy).toBe('_id');
    const byOwner = shapeOf('c', 'find', { ownerId: 1 }, { _id: 1 });
    expect(judgeShape(byOwner, []).servedBy).toBeUndefined();
    expect(judgeShape(byOwner, [{ ownerId: 1, _id: 1 }]).servedBy).toBe('{"ownerId":1,"_id":1}');
  });

  it('suggests equality fields, then sort fields, then range fields', () => {
    const shape = shapeOf('c', 'find', { userId: 'u', dueAt: { $lte: 1 } }, { dueAt: 1, _id: 1 });
    expect(suggestedIndex(shape)).toEqual({ userId: 1, dueAt: 1, _id: 1 });
    const range = shapeOf('c', 'find', { userId: 'u', at: { $gt: 1 } }, { seq: -1 });
    expect(Object.entries(suggestedIndex(range))).toEqual([
      ['userId', 1],
      ['seq', -1],
      ['at', 1],
    ]);
  });
});
