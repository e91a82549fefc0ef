import { ContentRejectedError } from './errors';

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Decodes a text upload, refusing anything that is not UTF-8 or that holds NUL bytes. */
export function decodeUtf8Text(buffer: Uint8Array): string {
  if (buffer.includes(0)) {
    throw new ContentRejectedError(
      'invalid-encoding',
      'The file contains binary data (NUL bytes); text files must be UTF-8 encoded.',
    );
  }
  try {
    return decoder.decode(buffer);
  } catch {
    throw new ContentRejectedError('invalid-encoding', 'Text files must be UTF-8 encoded.');
  }
}
