import { cleanExtractedText, collapseWhitespace, comparisonKey, foldAccents } from './normalize';

describe('text normalisation', () => {
  it('folds accents and builds comparison keys', () => {
    expect(foldAccents('Élysée Ça naïve')).toBe('Elysee Ca naive');
    expect(comparisonKey('  The Storming of the BASTILLE! ')).toBe('the storming of the bastille');
    expect(comparisonKey('Fill-in: “_____” absorbs light.')).toBe('fill in absorbs light');
  });

  it('collapses whitespace', () => {
    expect(collapseWhitespace(' a \n\n b\t c ')).toBe('a b c');
  });

  it('cleans extracted text to LF paragraphs without control characters', () => {
    const raw = 'Title\r\n\r\n\r\n\r\nFirst\tline  \r\nsecond\u0000 line\fNext page\u0007';
    expect(cleanExtractedText(raw)).toBe('Title\n\nFirst line\nsecond line\n\nNext page');
  });
});
