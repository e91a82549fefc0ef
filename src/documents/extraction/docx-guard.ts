import type { Readable } from 'node:stream';
import { fromBufferPromise, type Entry, type ZipFile } from 'yauzl';
import { ContentRejectedError } from './errors';

/** Limits on a DOCX package, checked before any parser inflates it. */
export interface ZipLimits {
  /** The most bytes all parts may inflate to together. */
  maxTotalBytes: number;
  maxEntries: number;
  /** The highest uncompressed:compressed ratio allowed for a part of at least `ratioMinBytes`. */
  maxRatio: number;
  ratioMinBytes: number;
}

const MIB = 1024 * 1024;

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxTotalBytes: 100 * MIB,
  maxEntries: 1000,
  maxRatio: 100,
  ratioMinBytes: MIB,
};

const MAIN_PART = 'word/document.xml';

/**
 * Rejects zip bombs and non-Word archives. The declared sizes are checked first, then every part
 * is inflated with yauzl counting the bytes, because a bomb can lie in its headers and mammoth's
 * unzip trusts them.
 */
export async function assertSafeDocx(
  buffer: Buffer,
  limits: Partial<ZipLimits> = {},
): Promise<void> {
  const effective: ZipLimits = { ...DEFAULT_ZIP_LIMITS, ...limits };
  const zip = await openZip(buffer);
  try {
    if (zip.entryCount > effective.maxEntries) {
      throw zipBomb(`it has ${zip.entryCount} parts (the limit is ${effective.maxEntries})`);
    }
    const names = new Set<string>();
    let inflatedTotal = 0;
    for await (const entry of zip.eachEntry()) {
      checkDeclaredSizes(entry, effective);
      if (names.has(entry.fileName)) throw corrupt(`the part ${entry.fileName} appears twice`);
      names.add(entry.fileName);
      inflatedTotal += await inflatedSize(zip, entry, effective.maxTotalBytes - inflatedTotal);
    }
    if (!names.has(MAIN_PART)) throw corrupt('it is a zip archive without a Word document body');
  } catch (error) {
    throw asRejection(error);
  } finally {
    zip.close();
  }
}

async function openZip(buffer: Buffer): Promise<ZipFile> {
  try {
    return await fromBufferPromise(buffer, { lazyEntries: true, validateEntrySizes: true });
  } catch {
    throw corrupt('it is not a readable zip archive');
  }
}

function checkDeclaredSizes(entry: Entry, limits: ZipLimits): void {
  if (entry.uncompressedSize > limits.maxTotalBytes) {
    throw zipBomb(`the part ${entry.fileName} would inflate to ${entry.uncompressedSize} bytes`);
  }
  const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
  if (entry.uncompressedSize >= limits.ratioMinBytes && ratio > limits.maxRatio) {
    throw zipBomb(`the part ${entry.fileName} is compressed ${Math.round(ratio)}:1`);
  }
}

/** Inflates one part and returns its size, failing once it passes `budget` bytes. */
async function inflatedSize(zip: ZipFile, entry: Entry, budget: number): Promise<number> {
  if (entry.fileName.endsWith('/')) return 0;
  const stream: Readable = await zip.openReadStreamPromise(entry);
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > budget) {
      stream.destroy();
      throw zipBomb('its parts inflate to more than the size limit');
    }
  }
  return size;
}

function asRejection(error: unknown): ContentRejectedError {
  if (error instanceof ContentRejectedError) return error;
  // yauzl's validateEntrySizes: the data inflates past the size its header declared.
  if (error instanceof Error && error.message.startsWith('too many bytes in the stream')) {
    return zipBomb('a part inflates to more than its header declares');
  }
  return corrupt('its zip structure is damaged');
}

function zipBomb(detail: string): ContentRejectedError {
  return new ContentRejectedError('zip-bomb', `The Word document was refused: ${detail}.`);
}

function corrupt(detail: string): ContentRejectedError {
  return new ContentRejectedError('corrupt', `The Word document cannot be read: ${detail}.`);
}
