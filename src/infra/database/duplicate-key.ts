/** MongoDB's (and FerretDB's) error code for a write refused by a unique index. */
const DUPLICATE_KEY = 11000;

export function isDuplicateKey(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { code?: unknown }).code === DUPLICATE_KEY
  );
}

/**
 * For an unordered bulk insert: how many documents a unique index refused, or null when the insert
 * failed for another reason too.
 */
export function duplicateKeyCount(error: unknown): number | null {
  if (typeof error !== 'object' || error === null) return null;
  const writeErrors = (error as { writeErrors?: unknown }).writeErrors;
  const list =
    Array.isArray(writeErrors) && writeErrors.length > 0 ? (writeErrors as unknown[]) : [error];
  const duplicate = (e: unknown) =>
    isDuplicateKey(e) || isDuplicateKey((e as { err?: unknown } | null)?.err);
  return list.every(duplicate) ? list.length : null;
}
