import { readFixture, rejectionOf } from '../../../scripts/fixtures/testing';
import { sniffDocument } from './sniff';

const PNG_HEADER = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489',
  'hex',
);

describe('sniffDocument', () => {
  it.each([
    ['plate-tectonics.pdf', 'application/pdf', 'pdf'],
    [
      'french-revolution.docx',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'docx',
    ],
    ['photosynthesis.md', 'text/markdown; charset=UTF-8', 'markdown'],
    ['water-cycle.txt', 'text/plain', 'text'],
  ])('recognises %s sent as %s', async (name, mimeType, kind) => {
    await expect(
      sniffDocument({ buffer: readFixture(name), filename: name, mimeType }),
    ).resolves.toBe(kind);
  });

  it('ignores generic or missing MIME types and accepts Markdown sent as text/plain', async () => {
    const markdown = readFixture('photosynthesis.md');
    await expect(
      sniffDocument({
        buffer: markdown,
        filename: 'notes.MD',
        mimeType: 'application/octet-stream',
      }),
    ).resolves.toBe('markdown');
    await expect(
      sniffDocument({ buffer: markdown, filename: 'notes.md', mimeType: 'text/plain' }),
    ).resolves.toBe('markdown');
    await expect(sniffDocument({ buffer: markdown, filename: 'notes.md' })).resolves.toBe(
      'markdown',
    );
  });

  it('accepts UTF-8 text with a byte order mark', async () => {
    const withBom = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('# Été\n\nTexte accentué.'),
    ]);
    await expect(sniffDocument({ buffer: withBom, filename: 'ete.md' })).resolves.toBe('markdown');
  });

  it('rejects an empty file', async () => {
    const error = await rejectionOf(
      sniffDocument({ buffer: readFixture('empty.txt'), filename: 'empty.txt' }),
    );
    expect(error.reason).toBe('empty');
  });

  it('rejects a file over the size limit', async () => {
    const error = await rejectionOf(
      sniffDocument({ buffer: readFixture('water-cycle.txt'), filename: 'water-cycle.txt' }, 1024),
    );
    expect(error).toMatchObject({
      reason: 'too-large',
      message: 'The file is 3 KB; the limit is 1 KB.',
    });
  });

  it.each(['report.doc', 'slides.pptx', 'archive.zip', 'no-extension'])(
    'rejects the unsupported name %s',
    async (filename) => {
      const error = await rejectionOf(
        sniffDocument({ buffer: readFixture('water-cycle.txt'), filename }),
      );
      expect(error.reason).toBe('unsupported-type');
    },
  );

  it('rejects a PDF renamed to .txt', async () => {
    const error = await rejectionOf(
      sniffDocument({ buffer: readFixture('pdf-renamed.txt'), filename: 'pdf-renamed.txt' }),
    );
    expect(error).toMatchObject({
      reason: 'type-mismatch',
      message: expect.stringMatching(/content is a PDF/),
    });
  });

  it('rejects a Word document renamed to .pdf and a PNG named .md', async () => {
    const docx = await rejectionOf(
      sniffDocument({ buffer: readFixture('french-revolution.docx'), filename: 'x.pdf' }),
    );
    expect(docx).toMatchObject({
      reason: 'type-mismatch',
      message: expect.stringMatching(/content is a Word document/),
    });
    const png = await rejectionOf(sniffDocument({ buffer: PNG_HEADER, filename: 'picture.md' }));
    expect(png).toMatchObject({
      reason: 'type-mismatch',
      message: expect.stringMatching(/PNG file \(image\/png\)/),
    });
  });

  it('rejects a declared MIME type that contradicts the extension', async () => {
    const buffer = readFixture('water-cycle.txt');
    const asPdf = await rejectionOf(
      sniffDocument({ buffer, filename: 'water-cycle.txt', mimeType: 'application/pdf' }),
    );
    expect(asPdf.reason).toBe('type-mismatch');
    const asImage = await rejectionOf(
      sniffDocument({ buffer, filename: 'water-cycle.txt', mimeType: 'image/png' }),
    );
    expect(asImage.reason).toBe('type-mismatch');
  });

  it('rejects text that is not UTF-8: UTF-16 (NUL bytes) and Latin-1', async () => {
    const utf16 = await rejectionOf(
      sniffDocument({ buffer: readFixture('not-utf8.txt'), filename: 'not-utf8.txt' }),
    );
    expect(utf16).toMatchObject({
      reason: 'invalid-encoding',
      message: expect.stringMatching(/NUL/),
    });
    const latin1 = await rejectionOf(
      sniffDocument({ buffer: Buffer.from('Café crème', 'latin1'), filename: 'menu.txt' }),
    );
    expect(latin1.reason).toBe('invalid-encoding');
  });
});
