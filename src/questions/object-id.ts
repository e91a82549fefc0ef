/** True for a 24-character hex ObjectId string (mongoose's isValidObjectId also accepts any 12-char string). */
export function isObjectIdHex(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{24}$/i.test(value);
}
