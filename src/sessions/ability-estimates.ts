import { Injectable } from '@nestjs/common';
import { currentDifficulty, type ItemDifficulty, type StudentAbility } from '../common/stats';
import { AbilitiesRepository, difficultyKey, Estimate, thetaKey } from './abilities.repository';

/** A question as a session pinned it: its authored 0..1 difficulty and its topic. */
export interface EstimatedItem {
  questionId: string;
  topic: string;
  difficulty: number;
}

/**
 * The current Rasch estimates: a student's θ per topic (prior 0) and a question's difficulty b,
 * the prior from its authored 0..1 difficulty plus the Elo steps of its answers so far.
 */
@Injectable()
export class AbilityEstimates {
  constructor(private readonly abilities: AbilitiesRepository) {}

  async thetaOf(userId: string, topic: string): Promise<StudentAbility> {
    return toAbility(await this.abilities.get(thetaKey(userId, topic)));
  }

  /**
   * Both estimates an answer moves, and the stored records they come from (the recorder hands
   * those back when it applies the step, so they are not read twice).
   */
  async forAnswer(
    userId: string,
    item: EstimatedItem,
  ): Promise<{
    ability: StudentAbility;
    item: ItemDifficulty;
    stored: { theta: Estimate | null; difficulty: Estimate | null };
  }> {
    const [theta, shift] = await Promise.all([
      this.abilities.get(thetaKey(userId, item.topic)),
      this.abilities.get(difficultyKey(item.questionId)),
    ]);
    return {
      ability: toAbility(theta),
      item: toDifficulty(item, shift),
      stored: { theta, difficulty: shift },
    };
  }

  /** For choosing among open questions: θ per topic and b per question. */
  async forSelection(
    userId: string,
    items: readonly EstimatedItem[],
  ): Promise<{ thetaOf: (topic: string) => number; difficultyOf: (questionId: string) => number }> {
    const topics = [...new Set(items.map((item) => item.topic))];
    const [thetas, shifts] = await Promise.all([
      this.abilities.getMany(topics.map((topic) => thetaKey(userId, topic))),
      this.abilities.getMany(items.map((item) => difficultyKey(item.questionId))),
    ]);
    const difficulties = new Map(
      items.map((item) => [
        item.questionId,
        toDifficulty(item, shifts.get(difficultyKey(item.questionId))).difficulty,
      ]),
    );
    return {
      thetaOf: (topic) => thetas.get(thetaKey(userId, topic))?.value ?? 0,
      difficultyOf: (questionId) => difficulties.get(questionId)!,
    };
  }
}

function toAbility(estimate: Estimate | null | undefined): StudentAbility {
  return { theta: estimate?.value ?? 0, answers: estimate?.answers ?? 0 };
}

function toDifficulty(item: EstimatedItem, shift: Estimate | null | undefined): ItemDifficulty {
  return {
    difficulty: currentDifficulty(item.difficulty, shift?.value ?? 0),
    answers: shift?.answers ?? 0,
  };
}
