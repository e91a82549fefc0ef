import { cleanExtractedText, collapseWhitespace } from '../../common/text/normalize';
import { assertSafeDocx, type ZipLimits } from './docx-guard';
import { extractDocx } from './docx';
import { ContentRejectedError } from './errors';
import { extractMarkdown } from './markdown';
import { extractPdfPages, type PdfLimits } from './pdf';
import type { DocumentKind, ExtractedDocument } from './types';
import { decodeUtf8Text } from './utf8';

export interface ExtractOptions {
  zipLimits?: Partial<ZipLimits>;
  pdfLimits?: Partial<PdfLimits>;
}

/**
 * Extracts the text of a document whose kind `sniffDocument` established. Page text is cleaned
 * (LF line endings, single spaces, paragraphs separated by one blank line). Throws
 * ContentRejectedError for encrypted, damaged, oversized or textless documents.
 */
export async function extractText(
  buffer: Buffer,
  kind: DocumentKind,
  options: ExtractOptions = {},
): Promise<ExtractedDocument> {
  const raw = await extractRaw(buffer, kind, options);
  const document: ExtractedDocument = {
    pages: raw.pages.map((page) => ({ number: page.number, text: cleanExtractedText(page.text) })),
    headings: raw.headings
      .map((heading) => ({ ...heading, text: collapseWhitespace(heading.text) }))
      .filter((heading) => heading.text !== ''),
  };
  if (document.pages.every((page) => page.text === '')) {
    throw new ContentRejectedError(
      'no-text',
      'The document contains no text to learn from (a scanned PDF needs text recognition first).',
    );
  }
  return document;
}

async function extractRaw(
  buffer: Buffer,
  kind: DocumentKind,
  options: ExtractOptions,
): Promise<ExtractedDocument> {
  switch (kind) {
    case 'pdf':
      return { pages: await extractPdfPages(buffer, options.pdfLimits), headings: [] };
    case 'docx':
      await assertSafeDocx(buffer, options.zipLimits);
      return extractDocx(buffer);
    case 'markdown':
      return extractMarkdown(decodeUtf8Text(buffer));
    case 'text':
      return extractPlainText(decodeUtf8Text(buffer));
  }
}

/** Plain text is one page, unless it carries form feeds (as pdftotext output does). */
function extractPlainText(text: string): ExtractedDocument {
  return {
    pages: text.split('\f').map((page, i) => ({ number: i + 1, text: page })),
    headings: [],
  };
}
