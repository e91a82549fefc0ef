import { createHash } from 'node:crypto';
import { comparisonKey } from '../common/text/normalize';
import type { QuestionContent } from './question.types';

/** The topic as stored for case-insensitive filtering. */
export function topicKey(topic: string): string {
  return comparisonKey(topic);
}

/** Type and normalised stem: two questions of one document must never read the same, whatever their answers. */
export function stemKey(content: Pick<QuestionContent, 'type' | 'stem'>): string {
  return `${content.type}|${comparisonKey(content.stem)}`;
}

/**
 * A stable hash of what makes a question the same question: its type, stem and correct answer(s),
 * compared without case, accents or punctuation. Choice order and ids do not matter.
 */
export function questionFingerprint(
  content: Pick<QuestionContent, 'type' | 'stem' | 'choices' | 'correctChoiceIds' | 'answer'>,
): string {
  const correct = content.choices
    .filter((choice) => content.correctChoiceIds.includes(choice.id))
    .map((choice) => comparisonKey(choice.text))
    .sort();
  const parts = [
    content.type,
    comparisonKey(content.stem),
    ...correct,
    comparisonKey(content.answer ?? ''),
  ];
  return createHash('sha256').update(parts.join('\u0001')).digest('hex').slice(0, 40);
}
