/**
 * Keyset pagination for listing search: the cursor carries the sort value and id of the last listing
 * seen, so a page never repeats or skips a listing when others are added in between.
 */
export const LISTING_SORTS = ['newest', 'price-asc', 'price-desc', 'rating'] as const;
export type ListingSort = (typeof LISTING_SORTS)[number];

export interface SortedListing {
  id: string;
  priceMinor: number;
  ratingAverage: number;
}

export interface ListingCursor {
  id: string;
  /** The sort field's value of the last listing seen (absent for `newest`). */
  value?: number;
}

type SortField = 'priceMinor' | 'ratingAverage';

/** Field and direction of each sort; ties are broken by id, in the same direction as newest first. */
export const SORT_FIELDS: Record<ListingSort, { field?: SortField; direction: 1 | -1 }> = {
  newest: { direction: -1 },
  'price-asc': { field: 'priceMinor', direction: 1 },
  'price-desc': { field: 'priceMinor', direction: -1 },
  rating: { field: 'ratingAverage', direction: -1 },
};

export function encodeCursor(sort: ListingSort, last: SortedListing): string {
  const { field } = SORT_FIELDS[sort];
  const cursor: ListingCursor = field ? { id: last.id, value: last[field] } : { id: last.id };
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/** The cursor, or null when it was not made by `encodeCursor` for this sort. */
export function decodeCursor(sort: ListingSort, raw: string): ListingCursor | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { id, value } = parsed as Record<string, unknown>;
  if (typeof id !== 'string' || !/^[0-9a-f]{24}$/.test(id)) return null;
  if (!SORT_FIELDS[sort].field) return value === undefined ? { id } : null;
  return typeof value === 'number' && Number.isFinite(value) ? { id, value } : null;
}
