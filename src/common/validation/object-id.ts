import { Matches, type ValidationOptions } from 'class-validator';

/** A 24-character hex ObjectId, either case (mongoose's isValidObjectId also accepts any 12-char string). */
const OBJECT_ID_HEX = /^[0-9a-f]{24}$/i;

export function isObjectIdHex(value: unknown): value is string {
  return typeof value === 'string' && OBJECT_ID_HEX.test(value);
}

/** DTO fields holding an id (or, with `each`, a list of ids): `message` says what the id names. */
export function IsObjectId(
  message: string,
  options: Pick<ValidationOptions, 'each'> = {},
): PropertyDecorator {
  return Matches(OBJECT_ID_HEX, { ...options, message });
}
