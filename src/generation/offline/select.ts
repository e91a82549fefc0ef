import type { Random } from '../../common/random/seeded-random';
import { comparisonKey } from '../../common/text/normalize';
import { difficultyLevel, type DifficultyLevel } from '../../common/stats';
import type { QuestionDraft, QuestionType } from '../../questions/question-draft';
import type { Candidate } from './builders';

export type DifficultyMix = Readonly<Record<DifficultyLevel, number>>;

export interface SelectionRequest {
  count: number;
  types: readonly QuestionType[];
  mix: DifficultyMix;
  random: Random;
}

interface Quotas {
  types: Map<QuestionType, number>;
  levels: Map<DifficultyLevel, number>;
}

interface RankedCandidate extends Candidate {
  stemKey: string;
  level: DifficultyLevel;
}

interface Pass {
  keepTypeQuota: boolean;
  keepLevelQuota: boolean;
}

// First honour both the type split and the difficulty mix, then let the mix go, then the split.
const PASSES: readonly Pass[] = [
  { keepTypeQuota: true, keepLevelQuota: true },
  { keepTypeQuota: true, keepLevelQuota: false },
  { keepTypeQuota: false, keepLevelQuota: false },
];
const LEVELS: readonly DifficultyLevel[] = ['easy', 'medium', 'hard'];

/**
 * Picks `count` questions: salient terms first (with a seeded jitter for variety), the requested
 * types in equal shares, levels in the requested mix, chunks covered in turn before any is used
 * twice, and never two questions with the same stem or the same source sentence.
 */
export function selectQuestions(
  candidates: readonly Candidate[],
  request: SelectionRequest,
): QuestionDraft[] {
  const ordered = candidates
    .map((candidate) => ({
      ...candidate,
      stemKey: comparisonKey(candidate.draft.stem),
      level: difficultyLevel(candidate.draft.difficulty),
      rank: candidate.quality + request.random() * 0.5,
    }))
    .sort((a, b) => b.rank - a.rank);
  const typeShares = apportion(
    request.count,
    request.types.map(() => 1),
  );
  const levelShares = apportion(
    request.count,
    LEVELS.map((level) => request.mix[level]),
  );
  const quotas: Quotas = {
    types: new Map(request.types.map((type, i) => [type, typeShares[i]])),
    levels: new Map(LEVELS.map((level, i) => [level, levelShares[i]])),
  };
  const picker = new Picker(request.count, quotas);
  for (const pass of PASSES) picker.run(ordered, pass);
  return picker.selected;
}

class Picker {
  readonly selected: QuestionDraft[] = [];
  private readonly usedSentences = new Set<string>();
  private readonly usedStems = new Set<string>();
  private readonly chunkUse = new Map<number, number>();

  constructor(
    private readonly count: number,
    private readonly quotas: Quotas,
  ) {}

  /** Rounds in which a chunk may serve again only once every other chunk had its turn. */
  run(candidates: readonly RankedCandidate[], pass: Pass): void {
    for (let round = 0; this.selected.length < this.count; round++) {
      const before = this.selected.length;
      for (const candidate of candidates) {
        if (this.selected.length === this.count) return;
        if (this.fits(candidate, pass, round)) this.take(candidate);
      }
      if (this.selected.length === before && round >= Math.max(0, ...this.chunkUse.values()))
        return;
    }
  }

  private fits(candidate: RankedCandidate, pass: Pass, round: number): boolean {
    const { draft } = candidate;
    return (
      (this.chunkUse.get(draft.citation.chunkIndex) ?? 0) <= round &&
      this.quotas.types.has(draft.type) &&
      (!pass.keepTypeQuota || (this.quotas.types.get(draft.type) ?? 0) > 0) &&
      (!pass.keepLevelQuota || (this.quotas.levels.get(candidate.level) ?? 0) > 0) &&
      !this.usedStems.has(candidate.stemKey) &&
      !candidate.sentenceKeys.some((key) => this.usedSentences.has(key))
    );
  }

  private take(candidate: RankedCandidate): void {
    const { draft } = candidate;
    this.selected.push(draft);
    this.usedStems.add(candidate.stemKey);
    for (const key of candidate.sentenceKeys) this.usedSentences.add(key);
    this.chunkUse.set(
      draft.citation.chunkIndex,
      (this.chunkUse.get(draft.citation.chunkIndex) ?? 0) + 1,
    );
    decrement(this.quotas.types, draft.type);
    decrement(this.quotas.levels, candidate.level);
  }
}

function decrement<K>(quota: Map<K, number>, key: K): void {
  quota.set(key, (quota.get(key) ?? 0) - 1);
}

/** Splits `total` in proportion to `weights` (largest remainder; ties go to the earlier weight). */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) return weights.map(() => 0);
  const exact = weights.map((weight) => (total * weight) / sum);
  const shares = exact.map(Math.floor);
  const byRemainder = exact
    .map((value, i) => ({ i, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  const missing = total - shares.reduce((a, b) => a + b, 0);
  for (let k = 0; k < missing; k++) shares[byRemainder[k].i]++;
  return shares;
}
