import { extractMarkdown } from './markdown';

describe('extractMarkdown', () => {
  it('turns tables, lists, code, images and line breaks into plain paragraphs', () => {
    const source = [
      '# Cells',
      '',
      'A *cell* is the **smallest** unit of `life`,',
      'as seen in ![a plant cell](cell.png).',
      '',
      '<div>raw html is dropped</div>',
      '',
      '- nucleus',
      '- ribosome',
      '',
      '| Part | Role |',
      '| --- | --- |',
      '| Nucleus | Holds DNA |',
      '',
      '```',
      'code stays',
      '```',
    ].join('\n');
    expect(extractMarkdown(source)).toEqual({
      pages: [
        {
          number: 1,
          text: [
            'Cells',
            'A cell is the smallest unit of life, as seen in a plant cell.',
            'nucleus',
            'ribosome',
            'Part | Role',
            'Nucleus | Holds DNA',
            'code stays\n',
          ].join('\n\n'),
        },
      ],
      headings: [{ page: 1, level: 1, text: 'Cells' }],
    });
  });
});
