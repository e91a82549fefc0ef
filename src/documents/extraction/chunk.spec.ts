import { readFixture } from '../../../scripts/fixtures/testing';
import { splitSentences } from '../../common/text/sentences';
import { chunkDocument, documentText } from './chunk';
import { extractText } from './extract';
import type { DocumentKind, ExtractedPage } from './types';

function paragraph(sentences: number, label: string): string {
  return Array.from(
    { length: sentences },
    (_, i) => `Sentence ${i + 1} of ${label} says something about the water cycle.`,
  ).join(' ');
}

describe('chunkDocument', () => {
  it.each([
    ['plate-tectonics.pdf', 'pdf'],
    ['french-revolution.docx', 'docx'],
    ['photosynthesis.md', 'markdown'],
    ['water-cycle.txt', 'text'],
  ] as const)(
    'cuts %s into whole-sentence chunks that index the document text',
    async (name, kind: DocumentKind) => {
      const { pages } = await extractText(readFixture(name), kind);
      const text = documentText(pages);
      const chunks = chunkDocument(pages);
      const sentenceEnds = new Set(
        pages.flatMap((page, p) =>
          splitSentences(page.text).map((s) => s.end + pageOffset(pages, p)),
        ),
      );
      chunks.forEach((chunk, i) => {
        expect(chunk.index).toBe(i);
        expect(text.slice(chunk.start, chunk.end)).toBe(chunk.text);
        expect(chunk.text.length).toBeLessThanOrEqual(1500);
        expect(sentenceEnds.has(chunk.end)).toBe(true);
        if (i > 0) expect(chunk.start).toBeGreaterThan(chunks[i - 1].end);
      });
      expect(chunks.map((c) => c.page)).toEqual(
        [...chunks.map((c) => c.page)].sort((a, b) => a - b),
      );
      expect(new Set(chunks.map((c) => c.page))).toEqual(
        new Set(pages.filter((p) => p.text).map((p) => p.number)),
      );
    },
  );

  it('closes a chunk at a paragraph once it is long enough, keeping a heading with its text', () => {
    const pages: ExtractedPage[] = [
      { number: 1, text: `${paragraph(12, 'A')}\n\nSecond heading\n\n${paragraph(12, 'B')}` },
    ];
    const chunks = chunkDocument(pages, { minChars: 600, maxChars: 1000 });
    expect(chunks).toHaveLength(2);
    expect(chunks[0].text).toBe(paragraph(12, 'A'));
    expect(chunks[1].text.startsWith('Second heading\n\nSentence 1 of B')).toBe(true);
  });

  it('never lets a chunk cross a page, and joins pages with a blank line', () => {
    const pages: ExtractedPage[] = [
      { number: 1, text: 'Page one ends here.' },
      { number: 2, text: '' },
      { number: 3, text: 'Page three starts here.' },
    ];
    const chunks = chunkDocument(pages);
    expect(chunks.map(({ page, start, end }) => ({ page, start, end }))).toEqual([
      { page: 1, start: 0, end: 19 },
      { page: 3, start: 23, end: 46 },
    ]);
    expect(documentText(pages)).toBe('Page one ends here.\n\n\n\nPage three starts here.');
  });

  it('cuts a sentence longer than the maximum at a space, and merges a short page tail', () => {
    const longSentence = `${'word '.repeat(300).trim()}.`;
    const chunks = chunkDocument([{ number: 1, text: longSentence }], {
      minChars: 400,
      maxChars: 500,
    });
    for (const chunk of chunks) expect(chunk.text.length).toBeLessThanOrEqual(625);
    expect(chunks.map((c) => c.text).join(' ')).toBe(longSentence);
    expect(chunks.at(-1)?.text.length).toBeGreaterThan(200);
  });
});

function pageOffset(pages: readonly ExtractedPage[], pageIndex: number): number {
  return pages.slice(0, pageIndex).reduce((offset, page) => offset + page.text.length + 2, 0);
}
