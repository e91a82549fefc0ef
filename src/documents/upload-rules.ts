// How an upload's file name, type and rejections become what is stored and answered.
import {
  InvalidInputError,
  PayloadTooLargeError,
  UnprocessableError,
  UnsupportedMediaTypeError,
} from '../common/errors';
import { ContentRejectedError } from './extraction/errors';

/** Fastify's multipart limit was hit while streaming the file. */
export function isMultipartTooLarge(error: unknown): boolean {
  return (error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE';
}

/** Maps an extraction rejection to its 4xx; anything else passes through. */
export function toDomainError(error: unknown): unknown {
  if (!(error instanceof ContentRejectedError)) return error;
  const details = { reason: error.reason };
  switch (error.reason) {
    case 'empty':
      return new InvalidInputError(error.message, details);
    case 'too-large':
      return new PayloadTooLargeError(error.message, details);
    case 'unsupported-type':
    case 'type-mismatch':
    case 'invalid-encoding':
      return new UnsupportedMediaTypeError(error.message, details);
    default:
      return new UnprocessableError(error.message, details);
  }
}

/** Keeps the base name only, without control characters. */
export function safeFilename(name: string): string {
  // eslint-disable-next-line no-control-regex
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (base || 'document').slice(0, 255);
}

/** The type the file is served back with: the one its content proved, not what the client claimed. */
export const MIME_BY_KIND: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  markdown: 'text/markdown; charset=utf-8',
  text: 'text/plain; charset=utf-8',
};
