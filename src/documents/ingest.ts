import { chunkDocument, type Chunk } from './extraction/chunk';
import { extractText } from './extraction/extract';
import { sniffDocument } from './extraction/sniff';
import { detectTitle } from './extraction/title';
import { detectTopics, extractKeyTerms, type KeyTerm } from '../common/text/topics';
import type { DocumentKind } from './extraction/types';

export interface IngestedDocument {
  kind: DocumentKind;
  title: string;
  pageCount: number;
  charCount: number;
  chunks: Chunk[];
  topics: string[];
  keyTerms: KeyTerm[];
}

/**
 * From the uploaded bytes to what is stored: checks the type, extracts the text by page, splits it into
 * chunks and finds the title, key terms and topics. Throws ContentRejectedError for unusable files.
 */
export async function ingestDocument(
  buffer: Buffer,
  file: { filename: string; mimeType?: string },
  maxBytes: number,
): Promise<IngestedDocument> {
  const kind = await sniffDocument(
    { buffer, filename: file.filename, mimeType: file.mimeType },
    maxBytes,
  );
  const extracted = await extractText(buffer, kind);
  const chunks = chunkDocument(extracted.pages);
  const keyTerms = extractKeyTerms(chunks.map((chunk) => chunk.text));
  const lastPage = extracted.pages[extracted.pages.length - 1];
  return {
    kind,
    title: detectTitle(extracted, file.filename),
    pageCount: extracted.pages.length,
    charCount: chunks.length ? chunks[chunks.length - 1].end : (lastPage?.text.length ?? 0),
    chunks,
    topics: detectTopics(keyTerms),
    keyTerms,
  };
}
