import { splitSentences } from './sentences';

function sentencesOf(text: string): string[] {
  return splitSentences(text).map((span) => text.slice(span.start, span.end));
}

describe('splitSentences', () => {
  it('splits on terminal punctuation and keeps abbreviations, decimals and initials inside', () => {
    const text =
      'Dr. Smith met J. R. Jones at 3.5 p.m. on Jan. 5. The U.S. economy grew, e.g. in 1990. ' +
      'Was it big? Yes! It ended World War I. Peace came.';
    expect(sentencesOf(text)).toEqual([
      'Dr. Smith met J. R. Jones at 3.5 p.m. on Jan. 5.',
      'The U.S. economy grew, e.g. in 1990.',
      'Was it big?',
      'Yes!',
      'It ended World War I.',
      'Peace came.',
    ]);
  });

  it('never crosses a line break and returns trimmed spans with document offsets', () => {
    const text = '  Heading\n\nFirst one. Second one.\n- item without stop';
    const spans = splitSentences(text);
    expect(sentencesOf(text)).toEqual([
      'Heading',
      'First one.',
      'Second one.',
      '- item without stop',
    ]);
    expect(spans[1]).toEqual({ start: 11, end: 21 });
  });
});
