import { InvalidInputError } from '../errors';
import { TopicParamPipe } from './topic-param.pipe';

describe('TopicParamPipe', () => {
  const pipe = new TopicParamPipe();

  it('trims and accepts printable topics up to 200 characters', () => {
    expect(pipe.transform('  cell biology ')).toBe('cell biology');
    expect(pipe.transform('é'.repeat(200))).toBe('é'.repeat(200));
  });

  it('rejects empty, over-long and control-character topics', () => {
    for (const bad of ['', '   ', 'x'.repeat(201), 'tab\there', 'nul\u0000']) {
      expect(() => pipe.transform(bad)).toThrow(InvalidInputError);
    }
  });
});
