import type { FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { InvalidInputError, UnsupportedMediaTypeError } from '../common/errors';

/** One uploaded file as a stream: the service writes it to disk under the size limit. */
export interface UploadSource {
  filename: string;
  mimeType: string;
  stream: Readable;
  /** Set by the multipart parser once its own size limit cut the stream short. */
  truncated(): boolean;
}

/** Takes the single file part of a multipart request (field `file`), streaming; nothing is buffered. */
export async function readUpload(request: FastifyRequest, maxBytes: number): Promise<UploadSource> {
  if (!request.isMultipart()) {
    throw new UnsupportedMediaTypeError(
      'Send the document as multipart/form-data with the file in a field named "file"',
    );
  }
  let part: Awaited<ReturnType<FastifyRequest['file']>>;
  try {
    part = await request.file({
      limits: { fileSize: maxBytes, files: 1, fields: 5, parts: 6, fieldSize: 1024 },
      throwFileSizeLimit: true,
    });
  } catch (error) {
    throw new InvalidInputError(`Unreadable multipart body: ${(error as Error).message}`);
  }
  if (!part) throw new InvalidInputError('The upload has no file: send it in a field named "file"');
  if (part.fieldname !== 'file') {
    part.file.resume();
    throw new InvalidInputError(`Unexpected field "${part.fieldname}": send the file as "file"`);
  }
  return {
    filename: part.filename,
    mimeType: part.mimetype,
    stream: part.file,
    truncated: () => part.file.truncated,
  };
}
