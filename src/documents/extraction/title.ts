import { basename, extname } from 'node:path';
import { collapseWhitespace } from '../../common/text/normalize';
import type { ExtractedDocument } from './types';

const MAX_TITLE_CHARS = 200;

/**
 * The title of a document: its first top-level heading, else its first line when that line looks
 * like a title (short, no closing full stop), else the file name, else its opening words.
 */
export function detectTitle(document: ExtractedDocument, filename?: string): string {
  const candidates = [
    topHeading(document),
    titleLikeFirstLine(document),
    filename === undefined ? undefined : titleFromFilename(filename),
    openingWords(document),
  ];
  const title = candidates.find((candidate) => candidate !== undefined && candidate !== '');
  return (title ?? 'Untitled document').slice(0, MAX_TITLE_CHARS);
}

function topHeading(document: ExtractedDocument): string | undefined {
  const levels = document.headings.map((heading) => heading.level);
  return document.headings.find((heading) => heading.level === Math.min(...levels))?.text;
}

function titleLikeFirstLine(document: ExtractedDocument): string | undefined {
  const firstLine = document.pages.find((page) => page.text !== '')?.text.split('\n')[0];
  if (firstLine === undefined) return undefined;
  const line = collapseWhitespace(firstLine);
  const words = line.split(' ').length;
  const looksLikeTitle =
    line.length <= 120 && words <= 15 && /\p{L}/u.test(line) && !/[.!?,;]$/.test(line);
  return looksLikeTitle ? line.replace(/:$/, '') : undefined;
}

function titleFromFilename(filename: string): string | undefined {
  const stem = collapseWhitespace(basename(filename, extname(filename)).replace(/[_\-.]+/g, ' '));
  if (!/\p{L}/u.test(stem)) return undefined;
  return stem.charAt(0).toUpperCase() + stem.slice(1);
}

function openingWords(document: ExtractedDocument): string | undefined {
  const text = collapseWhitespace(document.pages.map((page) => page.text).join(' '));
  if (text === '') return undefined;
  const words = text.split(' ');
  return words.length > 8 ? `${words.slice(0, 8).join(' ')}…` : text;
}
