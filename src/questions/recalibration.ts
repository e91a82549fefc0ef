/**
 * Difficulty from empirical correctness: the share of wrong answers (0 easy, 1 hard), rounded to three
 * decimals. Undefined below `minAnswers`, where the sample says too little.
 */
export function empiricalDifficulty(
  answerCount: number,
  correctCount: number,
  minAnswers: number,
): number | undefined {
  if (!Number.isInteger(answerCount) || answerCount < Math.max(1, minAnswers)) return undefined;
  const correct = Math.min(Math.max(correctCount, 0), answerCount);
  return Math.round((1 - correct / answerCount) * 1000) / 1000;
}
