import { extname } from 'node:path';
import { fileTypeFromBuffer } from 'file-type/core';
import { ContentRejectedError } from './errors';
import type { DocumentKind } from './types';
import { decodeUtf8Text } from './utf8';

export interface UploadedFile {
  buffer: Uint8Array;
  filename: string;
  /** The MIME type the client declared, if any. */
  mimeType?: string;
}

export const DEFAULT_MAX_UPLOAD_BYTES = 25 * 1024 * 1024;

const EXTENSION_KINDS: Readonly<Record<string, DocumentKind>> = {
  '.pdf': 'pdf',
  '.docx': 'docx',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.txt': 'text',
  '.text': 'text',
};

// Browsers label Markdown inconsistently, so the text types accept either textual kind.
const MIME_KINDS: Readonly<Record<string, readonly DocumentKind[]>> = {
  'application/pdf': ['pdf'],
  'application/x-pdf': ['pdf'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/zip': ['docx'],
  'text/markdown': ['markdown', 'text'],
  'text/x-markdown': ['markdown', 'text'],
  'text/plain': ['text', 'markdown'],
};

// Types that say nothing about the content.
const GENERIC_MIME_TYPES = new Set(['', 'application/octet-stream', 'binary/octet-stream']);

/** What the bytes are, whatever the file is called. */
type SniffedContent =
  { kind: 'pdf' | 'docx' | 'text' } | { kind: 'other'; ext: string; mime: string };

/**
 * Finds the kind of an upload from its name, checks the declared MIME type and the bytes agree
 * with it, and returns it. Throws ContentRejectedError otherwise.
 */
export async function sniffDocument(
  file: UploadedFile,
  maxBytes = DEFAULT_MAX_UPLOAD_BYTES,
): Promise<DocumentKind> {
  if (file.buffer.length === 0) {
    throw new ContentRejectedError('empty', 'The file is empty.');
  }
  if (file.buffer.length > maxBytes) {
    throw new ContentRejectedError(
      'too-large',
      `The file is ${formatSize(file.buffer.length)}; the limit is ${formatSize(maxBytes)}.`,
    );
  }
  const kind = kindFromFilename(file.filename);
  assertMimeTypeFits(file.mimeType, kind, file.filename);
  assertContentFits(await sniffContent(file.buffer), kind, file.filename);
  return kind;
}

function kindFromFilename(filename: string): DocumentKind {
  const kind = EXTENSION_KINDS[extname(filename).toLowerCase()];
  if (kind === undefined) {
    throw new ContentRejectedError(
      'unsupported-type',
      `"${filename}" is not supported: upload a PDF, Word (.docx), Markdown (.md) or text (.txt) file.`,
    );
  }
  return kind;
}

function assertMimeTypeFits(
  mimeType: string | undefined,
  kind: DocumentKind,
  filename: string,
): void {
  const essence = (mimeType ?? '').split(';')[0].trim().toLowerCase();
  if (GENERIC_MIME_TYPES.has(essence)) return;
  if (!MIME_KINDS[essence]?.includes(kind)) {
    throw new ContentRejectedError(
      'type-mismatch',
      `"${filename}" was sent as ${essence}, which does not match its file extension.`,
    );
  }
}

async function sniffContent(buffer: Uint8Array): Promise<SniffedContent> {
  const detected = await fileTypeFromBuffer(buffer);
  if (detected === undefined || detected.ext === 'xml') {
    decodeUtf8Text(buffer);
    return { kind: 'text' };
  }
  if (detected.ext === 'pdf') return { kind: 'pdf' };
  // A zip that file-type cannot name further may still be a Word file; the DOCX guard decides.
  if (detected.ext === 'docx' || detected.ext === 'zip') return { kind: 'docx' };
  return { kind: 'other', ext: detected.ext, mime: detected.mime };
}

function assertContentFits(content: SniffedContent, kind: DocumentKind, filename: string): void {
  const textual = kind === 'markdown' || kind === 'text';
  if (content.kind === kind || (content.kind === 'text' && textual)) return;
  throw new ContentRejectedError(
    'type-mismatch',
    `"${filename}" is named as ${describeKind(kind)} but its content is ${describeContent(content)}.`,
  );
}

function describeKind(kind: DocumentKind): string {
  return { pdf: 'a PDF', docx: 'a Word document', markdown: 'Markdown', text: 'plain text' }[kind];
}

function describeContent(content: SniffedContent): string {
  return content.kind === 'other'
    ? `a ${content.ext.toUpperCase()} file (${content.mime})`
    : describeKind(content.kind);
}

function formatSize(bytes: number): string {
  const mebibytes = bytes / (1024 * 1024);
  return mebibytes >= 1 ? `${mebibytes.toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
