import { layoutPageText } from './pdf-layout';
import type { PdfTextItem } from './pdf-protocol';

function run(text: string, x: number, y: number, height = 10, endOfLine = false): PdfTextItem {
  return { text, x, y, width: text.length * 6, height, endOfLine };
}

describe('layoutPageText', () => {
  it('joins runs on one baseline, adding a space only where there is a visible gap', () => {
    const items = [
      run('Photo', 72, 700),
      run('synthesis', 102, 700),
      run('needs', 162, 700),
      run('light.', 198, 700),
    ];
    expect(layoutPageText(items)).toBe('Photosynthesis needs light.');
  });

  it('joins lines of a paragraph, mending end-of-line hyphens, and splits paragraphs at larger gaps', () => {
    const items = [
      run('Heading', 72, 720, 14, true),
      run('Water evaporates from the', 72, 700, 10, true),
      run('oceans and con-', 72, 687, 10, true),
      run('denses into clouds.', 72, 674, 10, true),
      run('Rain falls.', 72, 651, 10, true),
      run('It is Franco-', 72, 638, 10, true),
      run('Prussian.', 72, 625, 10, true),
    ];
    expect(layoutPageText(items)).toBe(
      'Heading\n\nWater evaporates from the oceans and condenses into clouds.\n\nRain falls. It is Franco- Prussian.',
    );
  });

  it('treats empty end-of-line runs as line ends and a jump up the page as a new paragraph', () => {
    const items = [
      run('Left column ends.', 72, 100),
      run('', 174, 100, 0, true),
      run('Right column starts.', 320, 700),
    ];
    expect(layoutPageText(items)).toBe('Left column ends.\n\nRight column starts.');
  });

  it('returns an empty string for a page without text', () => {
    expect(layoutPageText([run('', 0, 0, 0, true)])).toBe('');
  });
});
