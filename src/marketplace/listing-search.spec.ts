import { decodeCursor, encodeCursor } from './listing-search';

describe('listing search cursors', () => {
  const last = { id: '64b7f0c2a1b2c3d4e5f60718', priceMinor: 1999, ratingAverage: 4.5 };

  it('round-trips the sort value with the id', () => {
    expect(decodeCursor('price-asc', encodeCursor('price-asc', last))).toEqual({
      id: last.id,
      value: 1999,
    });
    expect(decodeCursor('rating', encodeCursor('rating', last))).toEqual({
      id: last.id,
      value: 4.5,
    });
    expect(decodeCursor('newest', encodeCursor('newest', last))).toEqual({ id: last.id });
  });

  it('refuses cursors made for another sort, or not made here', () => {
    expect(decodeCursor('price-asc', encodeCursor('newest', last))).toBeNull();
    expect(decodeCursor('newest', encodeCursor('rating', last))).toBeNull();
    expect(decodeCursor('newest', 'not-a-cursor')).toBeNull();
    const injected = Buffer.from(JSON.stringify({ id: { $gt: '' } })).toString('base64url');
    expect(decodeCursor('newest', injected)).toBeNull();
  });
});
