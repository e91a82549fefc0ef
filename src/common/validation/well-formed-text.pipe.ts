import { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { InvalidInputError } from '../errors';

/** Deeper JSON than any DTO of the API has; deeper input is refused before validation walks it. */
const MAX_DEPTH = 32;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const wellFormed = (text: string) => !LONE_SURROGATE.test(text) && !text.includes('\u0000');

/**
 * Runs before validation on bodies, queries and path parameters: strings must be well-formed Unicode
 * (no lone surrogates, which would otherwise crash validators or be stored as U+FFFD) and hold no NUL.
 */
export class WellFormedTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const problem = findProblem(value, metadata.type === 'body' ? '' : (metadata.data ?? ''), 0);
    if (problem) throw new InvalidInputError('Validation failed', [problem]);
    return value;
  }
}

function findProblem(
  value: unknown,
  field: string,
  depth: number,
): { field: string; message: string } | null {
  if (typeof value === 'string') {
    if (LONE_SURROGATE.test(value))
      return { field, message: `${field || 'value'} must be well-formed Unicode text` };
    if (value.includes('\u0000'))
      return { field, message: `${field || 'value'} must not contain NUL characters` };
    return null;
  }
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return null;
  if (depth >= MAX_DEPTH) return { field, message: 'the JSON is nested too deeply' };
  const entries = Array.isArray(value)
    ? value.map((item, index) => [String(index), item] as const)
    : Object.entries(value);
  for (const [key, item] of entries) {
    const path = field ? `${field}.${key}` : key;
    if (!wellFormed(key))
      return { field: field || 'body', message: 'field names must be well-formed Unicode text' };
    const problem = findProblem(item, path, depth + 1);
    if (problem) return problem;
  }
  return null;
}
