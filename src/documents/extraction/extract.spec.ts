import { readFixture, rejectionOf } from '../../../scripts/fixtures/testing';
import { extractText } from './extract';

describe('extractText', () => {
  it('reads a multi-page PDF page by page, rebuilding paragraphs from the layout', async () => {
    const document = await extractText(readFixture('plate-tectonics.pdf'), 'pdf');
    expect(document.pages.map((page) => page.number)).toEqual([1, 2, 3]);
    expect(document.pages[0].text).toMatch(
      /^Plate Tectonics\n\nPlate tectonics is the scientific theory that the outer shell of the Earth is broken into large rigid pieces called tectonic plates, which move slowly over the mantle beneath them\./,
    );
    expect(
      document.pages[1].text.startsWith(
        'Continental drift\n\nIn 1912 the German scientist Alfred Wegener',
      ),
    ).toBe(true);
    expect(document.pages[2].text).toContain(
      'The San Andreas Fault in California is a transform boundary.',
    );
    // Lines of a paragraph are joined: the only newlines left are paragraph breaks.
    expect(document.pages[2].text.replaceAll('\n\n', '')).not.toContain('\n');
  }, 30_000);

  it('refuses a password-protected PDF', async () => {
    const error = await rejectionOf(extractText(readFixture('encrypted.pdf'), 'pdf'));
    expect(error.reason).toBe('encrypted-pdf');
  }, 30_000);

  it('refuses a damaged PDF', async () => {
    const error = await rejectionOf(extractText(readFixture('corrupt.pdf'), 'pdf'));
    expect(error.reason).toBe('corrupt');
  }, 30_000);

  it('refuses a PDF over the page limit or the time limit', async () => {
    const pdf = readFixture('plate-tectonics.pdf');
    const pages = await rejectionOf(extractText(pdf, 'pdf', { pdfLimits: { maxPages: 2 } }));
    expect(pages).toMatchObject({
      reason: 'too-large',
      message: expect.stringMatching(/3 pages \(the limit is 2\)/),
    });
    const time = await rejectionOf(extractText(pdf, 'pdf', { pdfLimits: { timeoutMs: 1 } }));
    expect(time).toMatchObject({
      reason: 'too-large',
      message: expect.stringMatching(/took longer/),
    });
  }, 30_000);

  it('reads a DOCX, splitting pages at explicit page breaks and keeping heading styles', async () => {
    const document = await extractText(readFixture('french-revolution.docx'), 'docx');
    expect(document.pages).toHaveLength(3);
    expect(
      document.pages[1].text.startsWith(
        'The Estates-General and the National Assembly\n\nTo raise money',
      ),
    ).toBe(true);
    expect(document.headings.slice(0, 3)).toEqual([
      { page: 1, level: 1, text: 'The French Revolution' },
      { page: 1, level: 2, text: 'Causes' },
      { page: 2, level: 2, text: 'The Estates-General and the National Assembly' },
    ]);
  });

  it('checks a DOCX for zip bombs before reading it', async () => {
    expect((await rejectionOf(extractText(readFixture('bomb.docx'), 'docx'))).reason).toBe(
      'zip-bomb',
    );
    expect(
      (await rejectionOf(extractText(readFixture('bomb-lying-sizes.docx'), 'docx'))).reason,
    ).toBe('zip-bomb');
  });

  it('reads Markdown as plain text with its headings, dropping front matter and markup', async () => {
    const document = await extractText(readFixture('photosynthesis.md'), 'markdown');
    const text = document.pages[0].text;
    expect(document.pages).toHaveLength(1);
    expect(text.startsWith('Photosynthesis\n\nPhotosynthesis is the process')).toBe(true);
    expect(text).toContain('takes place inside chloroplasts, small organelles');
    expect(text).toContain('Read more in any introductory biology textbook.');
    expect(text).not.toMatch(/[*#]|source:|https:/);
    expect(document.headings[0]).toEqual({ page: 1, level: 1, text: 'Photosynthesis' });
    expect(document.headings.map((heading) => heading.text)).toContain('Limiting factors');
  });

  it('reads plain text as one page, or one page per form feed', async () => {
    const document = await extractText(readFixture('water-cycle.txt'), 'text');
    expect(document.pages).toHaveLength(1);
    expect(document.pages[0].text.split('\n\n')[0]).toBe('The Water Cycle');
    const paged = await extractText(Buffer.from('First page.\r\n\fSecond page.'), 'text');
    expect(paged.pages).toEqual([
      { number: 1, text: 'First page.' },
      { number: 2, text: 'Second page.' },
    ]);
  });

  it('refuses a document without any text', async () => {
    const error = await rejectionOf(extractText(Buffer.from('  \n\n \f  '), 'text'));
    expect(error.reason).toBe('no-text');
  });
});
