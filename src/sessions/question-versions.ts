import { Injectable } from '@nestjs/common';
import type { QuestionView } from '../questions/question.types';
import { QuestionsService } from '../questions/questions.service';

/** Versions kept in memory; a question view is a few kilobytes. */
const CACHE_SIZE = 2000;

/**
 * The questions at the versions sessions pinned. A version's content never changes (every edit makes
 * a new version), so versions are cached in process, least recently used out; the cached views'
 * answer counters are not kept current, and nothing here reads them.
 */
@Injectable()
export class QuestionVersions {
  private readonly cache = new Map<string, QuestionView>();

  constructor(private readonly questions: QuestionsService) {}

  async load(items: readonly { questionId: string; version: number }[]): Promise<QuestionView[]> {
    const key = (questionId: string, version: number) => `${questionId}@${version}`;
    const missing = items.filter((item) => !this.cache.has(key(item.questionId, item.version)));
    if (missing.length > 0) {
      // Current versions in one read; older pinned versions one by one.
      const current = new Map(
        (await this.questions.getManyUnchecked(missing.map((item) => item.questionId))).map((q) => [
          q.id,
          q,
        ]),
      );
      const loaded = await Promise.all(
        missing.map((item) => {
          const question = current.get(item.questionId);
          return question?.version === item.version
            ? question
            : this.questions.getVersionUnchecked(item.questionId, item.version);
        }),
      );
      for (const question of loaded) this.remember(key(question.id, question.version), question);
    }
    return items.map((item) => {
      const k = key(item.questionId, item.version);
      const question = this.cache.get(k)!;
      // Re-inserting marks it as recently used.
      this.cache.delete(k);
      this.cache.set(k, question);
      return question;
    });
  }

  private remember(key: string, question: QuestionView): void {
    this.cache.set(key, question);
    while (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
  }
}
