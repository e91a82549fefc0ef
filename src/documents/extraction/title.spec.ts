import { detectTitle } from './title';
import type { ExtractedDocument } from './types';

function document(text: string, headings: ExtractedDocument['headings'] = []): ExtractedDocument {
  return { pages: [{ number: 1, text }], headings };
}

describe('detectTitle', () => {
  it('prefers the first heading of the top level', () => {
    const headings = [
      { page: 1, level: 2, text: 'Introduction' },
      { page: 1, level: 1, text: 'The Water Cycle' },
    ];
    expect(detectTitle(document('Intro\n\nText.', headings))).toBe('The Water Cycle');
  });

  it('uses a short first line without a closing full stop', () => {
    expect(detectTitle(document('Plate Tectonics:\n\nPlates move.'))).toBe('Plate Tectonics');
  });

  it('falls back to the file name when the first line is a sentence, then to the opening words', () => {
    const prose = document(
      'The water cycle is the continuous movement of water between the oceans and the air.',
    );
    expect(detectTitle(prose, 'water_cycle-notes.pdf')).toBe('Water cycle notes');
    expect(detectTitle(prose)).toBe('The water cycle is the continuous movement of…');
    expect(detectTitle(document(''), '2024.txt')).toBe('Untitled document');
  });
});
