import { lightStem } from './stem';

describe('lightStem', () => {
  it.each([
    ['evaporate', 'evaporat'],
    ['evaporates', 'evaporat'],
    ['evaporated', 'evaporat'],
    ['evaporating', 'evaporat'],
    ['studies', 'study'],
    ['processes', 'process'],
    ['process', 'process'],
    ['gases', 'gas'],
    ['gas', 'gas'],
    ['churches', 'church'],
    ['photosynthesis', 'photosynthesis'],
    ['stimulus', 'stimulus'],
    ['plants', 'plant'],
    ['quickly', 'quick'],
    ['ring', 'ring'],
  ])('stems %s to %s', (word, stem) => {
    expect(lightStem(word)).toBe(stem);
  });
});
