import { splitSentences, type TextSpan } from '../../common/text/sentences';
import type { ExtractedPage } from './types';

/**
 * The document text that chunk and citation offsets index: the cleaned pages joined with a blank
 * line, so `documentText(pages).slice(chunk.start, chunk.end) === chunk.text`.
 */
export const PAGE_SEPARATOR = '\n\n';

export interface Chunk {
  index: number;
  page: number;
  start: number;
  end: number;
  text: string;
}

export interface ChunkOptions {
  /** A chunk closes at the next paragraph once it has this many characters. */
  minChars: number;
  /** A chunk never grows past this, except that a short page tail joins the chunk before it. */
  maxChars: number;
}

export const DEFAULT_CHUNK_OPTIONS: ChunkOptions = { minChars: 800, maxChars: 1200 };

export function documentText(pages: readonly ExtractedPage[]): string {
  return pages.map((page) => page.text).join(PAGE_SEPARATOR);
}

/**
 * Splits the pages into chunks of whole sentences, preferring paragraph boundaries. A chunk never
 * spans two pages; a sentence longer than `maxChars` is cut at a space.
 */
export function chunkDocument(
  pages: readonly ExtractedPage[],
  options: Partial<ChunkOptions> = {},
): Chunk[] {
  const effective: ChunkOptions = { ...DEFAULT_CHUNK_OPTIONS, ...options };
  const fullText = documentText(pages);
  const chunks: Chunk[] = [];
  let pageStart = 0;
  for (const page of pages) {
    for (const span of chunkPage(page.text, effective)) {
      const start = pageStart + span.start;
      const end = pageStart + span.end;
      chunks.push({
        index: chunks.length,
        page: page.number,
        start,
        end,
        text: fullText.slice(start, end),
      });
    }
    pageStart += page.text.length + PAGE_SEPARATOR.length;
  }
  return chunks;
}

interface Unit extends TextSpan {
  opensParagraph: boolean;
  headingLike: boolean;
}

function chunkPage(text: string, options: ChunkOptions): TextSpan[] {
  const groups: Unit[][] = [];
  let current: Unit[] = [];
  for (const unit of sentenceUnits(text, options.maxChars)) {
    if (current.length > 0 && shouldClose(current, unit, options)) {
      // A heading stays with the text it introduces.
      const carried =
        current.length > 1 && current[current.length - 1].headingLike ? current.splice(-1) : [];
      groups.push(current);
      current = carried;
    }
    current.push(unit);
  }
  if (current.length > 0) groups.push(current);
  return mergeShortTail(groups.map(spanOf), options);
}

function shouldClose(current: readonly Unit[], unit: Unit, options: ChunkOptions): boolean {
  const start = current[0].start;
  const length = current[current.length - 1].end - start;
  return unit.end - start > options.maxChars || (unit.opensParagraph && length >= options.minChars);
}

function sentenceUnits(text: string, maxChars: number): Unit[] {
  const spans = splitSentences(text).flatMap((span) => splitLongSpan(text, span, maxChars));
  return spans.map((span, i) => ({
    ...span,
    opensParagraph: i === 0 || text.slice(spans[i - 1].end, span.start).includes('\n\n'),
    headingLike: isHeadingLike(text.slice(span.start, span.end)),
  }));
}

function isHeadingLike(sentence: string): boolean {
  return sentence.length <= 100 && !/[.!?:;,]["'”’)]?$/.test(sentence);
}

function splitLongSpan(text: string, span: TextSpan, maxChars: number): TextSpan[] {
  const pieces: TextSpan[] = [];
  let start = span.start;
  while (span.end - start > maxChars) {
    const lastSpace = text.lastIndexOf(' ', start + maxChars);
    const cut = lastSpace > start ? lastSpace : start + maxChars;
    pieces.push({ start, end: cut });
    start = text[cut] === ' ' ? cut + 1 : cut;
  }
  pieces.push({ start, end: span.end });
  return pieces;
}

function spanOf(units: readonly Unit[]): TextSpan {
  return { start: units[0].start, end: units[units.length - 1].end };
}

function mergeShortTail(spans: TextSpan[], options: ChunkOptions): TextSpan[] {
  const tail = spans.at(-1);
  const previous = spans.at(-2);
  if (!tail || !previous) return spans;
  const isShort = tail.end - tail.start < options.minChars / 2;
  if (!isShort || tail.end - previous.start > options.maxChars * 1.25) return spans;
  return [...spans.slice(0, -2), { start: previous.start, end: tail.end }];
}
