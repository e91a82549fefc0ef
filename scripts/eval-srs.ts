import { default_w } from 'ts-fsrs';
import { seededRandom } from '../src/common/random/seeded-random';
import { auc, logLoss, rmseBins } from '../src/common/stats';
import { fitParameters, toTrainingItems } from '../src/reviews/optimiser/fsrs-optimiser';
import { sm2Retrievability, sm2Review, sm2InitialState } from '../src/reviews/schedulers/sm2';
import { gradeToSm2Quality } from '../src/reviews/schedulers/grades';
import {
  drawStudentParameters,
  engineFor,
  simulateStudent,
  type SimulatedReview,
} from './eval/srs-simulation';

/**
 * Predictive evaluation of the schedulers on simulated students, as the srs-benchmark measures
 * (time-series splits; log loss, RMSE(bins), AUC). Usage:
 *   npm run eval:srs -- [--students 1000] [--seed 1] [--answers 0.3]
 */
const DAY_MS = 86_400_000;
const SPLITS = 5;
const MODELS = ['SM-2', 'FSRS-6 default', 'FSRS-6 optimised'] as const;
type Model = (typeof MODELS)[number];

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isFinite(value)) throw new Error(`--${name} needs a number`);
  return value;
}

interface Prediction {
  p: number;
  y: 0 | 1;
}

/** FSRS predictions for the reviews at `indices` (a card's later-day reviews), replaying each card. */
function fsrsPredictions(
  reviews: readonly SimulatedReview[],
  w: readonly number[],
  wanted: ReadonlySet<number>,
): Map<number, number> {
  const engine = engineFor(w);
  const state = new Map<number, { s: ReturnType<typeof engine.next_state>; day: number }>();
  const out = new Map<number, number>();
  reviews.forEach((review, i) => {
    const before = state.get(review.card);
    const t = before ? review.day - before.day : 0;
    if (before && wanted.has(i)) out.set(i, engine.forgetting_curve(t, before.s.stability));
    state.set(review.card, {
      s: engine.next_state(before?.s ?? null, t, review.grade),
      day: review.day,
    });
  });
  return out;
}

function sm2Predictions(
  reviews: readonly SimulatedReview[],
  wanted: ReadonlySet<number>,
): Map<number, number> {
  const state = new Map<number, ReturnType<typeof sm2InitialState>>();
  const out = new Map<number, number>();
  reviews.forEach((review, i) => {
    const at = new Date(review.day * DAY_MS);
    const before = state.get(review.card) ?? sm2InitialState();
    if (wanted.has(i)) out.set(i, sm2Retrievability(before, at));
    state.set(review.card, sm2Review(before, gradeToSm2Quality(review.grade), at).state);
  });
  return out;
}

/** Predictions of every model on the test folds of sklearn's TimeSeriesSplit(n_splits = 5). */
async function evaluateStudent(reviews: SimulatedReview[]): Promise<Record<Model, Prediction[]>> {
  const evaluable = reviews
    .map((_, i) => i)
    .filter((i) => {
      const earlier = reviews
        .slice(0, i)
        .reverse()
        .find((r) => r.card === reviews[i].card);
      return earlier !== undefined && earlier.day < reviews[i].day;
    });
  const result: Record<Model, Prediction[]> = {
    'SM-2': [],
    'FSRS-6 default': [],
    'FSRS-6 optimised': [],
  };
  const foldSize = Math.floor(reviews.length / (SPLITS + 1));
  const allWanted = new Set(evaluable);
  const sm2 = sm2Predictions(reviews, allWanted);
  const defaults = fsrsPredictions(reviews, default_w, allWanted);
  for (let split = 1; split <= SPLITS; split++) {
    const start = reviews.length - (SPLITS + 1 - split) * foldSize;
    const end = start + foldSize;
    const test = new Set(evaluable.filter((i) => i >= start && i < end));
    if (test.size === 0) continue;
    const byCard = new Map<
      number,
      { day: number; grade: SimulatedReview['grade']; at: number }[]
    >();
    reviews.slice(0, start).forEach((r, i) => {
      byCard.set(r.card, [...(byCard.get(r.card) ?? []), { day: r.day, grade: r.grade, at: i }]);
    });
    const items = toTrainingItems([...byCard.values()]);
    const fitted = items.length > 0 ? await fitParameters(items) : [...default_w];
    const optimised = fsrsPredictions(reviews, fitted, test);
    for (const i of test) {
      const y: 0 | 1 = reviews[i].recalled ? 1 : 0;
      result['SM-2'].push({ p: sm2.get(i)!, y });
      result['FSRS-6 default'].push({ p: defaults.get(i)!, y });
      result['FSRS-6 optimised'].push({ p: optimised.get(i)!, y });
    }
  }
  return result;
}

interface Totals {
  weight: number;
  logLoss: number;
  rmse: number;
  aucWeight: number;
  auc: number;
}

async function run(): Promise<void> {
  const students = flag('students', 1000);
  const seed = flag('seed', 1);
  const answerShare = flag('answers', 0.3);
  const options = { days: 120, newPerDay: 5, learnDays: 40 };
  const variants = [
    { name: 'self-graded reviews', answerShare: 0 },
    { name: `${Math.round(answerShare * 100)} % graded answers`, answerShare },
  ];
  const started = Date.now();
  const totals = variants.map(
    () =>
      Object.fromEntries(
        MODELS.map((m) => [m, { weight: 0, logLoss: 0, rmse: 0, aucWeight: 0, auc: 0 }]),
      ) as Record<Model, Totals>,
  );
  let reviewCount = 0;
  for (let s = 0; s < students; s++) {
    const truth = drawStudentParameters(seededRandom(seed * 1_000_003 + s));
    for (const [v, variant] of variants.entries()) {
      const reviews = simulateStudent(
        truth,
        { ...options, answerShare: variant.answerShare },
        seededRandom(seed * 7919 + s),
      );
      reviewCount += reviews.length;
      const predictions = await evaluateStudent(reviews);
      for (const model of MODELS) {
        const rows = predictions[model];
        if (rows.length === 0) continue;
        const p = rows.map((r) => r.p);
        const y = rows.map((r) => r.y);
        const total = totals[v][model];
        total.weight += rows.length;
        total.logLoss += logLoss(p, y) * rows.length;
        total.rmse += rmseBins(p, y) * rows.length;
        const area = auc(p, y);
        if (area !== undefined) {
          total.aucWeight += rows.length;
          total.auc += area * rows.length;
        }
      }
    }
    if ((s + 1) % 10 === 0) {
      process.stderr.write(
        `${s + 1}/${students} students, ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
      );
    }
  }
  console.log(
    `\n${students} simulated students (seed ${seed}), ${reviewCount} reviews, ${SPLITS} time-series splits, ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  console.log('Figures are means over students weighted by their test reviews.\n');
  console.log('| Variant | Model | Log loss | RMSE(bins) | AUC |');
  console.log('|---|---|---|---|---|');
  for (const [v, variant] of variants.entries()) {
    for (const model of MODELS) {
      const t = totals[v][model];
      console.log(
        `| ${variant.name} | ${model} | ${(t.logLoss / t.weight).toFixed(4)} | ${(t.rmse / t.weight).toFixed(4)} | ${(t.auc / t.aucWeight).toFixed(4)} |`,
      );
    }
  }
}

void run();
