import type { FastifyRequest } from 'fastify';
import {
  InvalidInputError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
} from '../common/errors';
import type { BankFormat } from './bank-format';

/** Reads the `file` part of a multipart import into memory (banks are validated whole), under `maxBytes`. */
export async function readImportFile(
  request: FastifyRequest,
  maxBytes: number,
  format?: BankFormat,
): Promise<{ text: string; format: BankFormat }> {
  if (!request.isMultipart())
    throw new UnsupportedMediaTypeError('Send the bank as multipart/form-data with a "file" field');
  const part = await request
    .file({
      limits: { fileSize: maxBytes, files: 1, fields: 5, parts: 6 },
      throwFileSizeLimit: true,
    })
    .catch((error: Error) => {
      throw new InvalidInputError(`Unreadable multipart body: ${error.message}`);
    });
  if (!part || part.fieldname !== 'file') {
    part?.file.resume();
    throw new InvalidInputError('The upload has no file: send it in a field named "file"');
  }
  let buffer: Buffer;
  try {
    buffer = await part.toBuffer();
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
      throw new PayloadTooLargeError(`The file is larger than the limit of ${maxBytes} bytes`);
    throw new InvalidInputError(`The upload was interrupted: ${(error as Error).message}`);
  }
  const resolved = format ?? formatOf(part.filename, part.mimetype);
  if (!resolved)
    throw new UnsupportedMediaTypeError('Import a .csv or .json file (or pass ?format=csv|json)');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    throw new UnsupportedMediaTypeError('The file must be UTF-8 text');
  }
  if (text.trim() === '') throw new InvalidInputError('The file is empty');
  return { text, format: resolved };
}

function formatOf(filename: string, mimeType: string): BankFormat | undefined {
  const name = filename.toLowerCase();
  if (name.endsWith('.csv') || mimeType.startsWith('text/csv')) return 'csv';
  if (name.endsWith('.json') || mimeType.startsWith('application/json')) return 'json';
  return undefined;
}
