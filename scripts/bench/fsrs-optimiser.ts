import { spawnSync } from 'node:child_process';
import { default_w } from 'ts-fsrs';
import { seededRandom } from '../../src/common/random/seeded-random';
import { fitParameters, toTrainingItems } from '../../src/reviews/optimiser/fsrs-optimiser';
import { simulateStudent } from '../eval/srs-simulation';

/**
 * Time of one fit by the FSRS optimiser (fsrs-rs, see src/reviews/optimiser/fsrs-native.ts) on one
 * student's log of 1,000, 10,000 and 100,000 simulated reviews, and the peak memory (max RSS) of a
 * process doing only that. Each fit runs in its own process, three times per size, so the peaks do
 * not mix (and the binding, which answers a repeated identical input at once, fits afresh).
 */
const SIZES = [1_000, 10_000, 100_000];
const RUNS = 3;

async function measure(size: number): Promise<void> {
  // One simulated student at the default parameters, with enough new cards to reach the size.
  const cardsPerDay = Math.max(2, Math.ceil(size / 900));
  const reviews = simulateStudent(
    default_w,
    { days: 365, newPerDay: cardsPerDay, learnDays: 120, answerShare: 0 },
    seededRandom(size),
  ).slice(0, size);
  const byCard = new Map<number, { day: number; grade: 1 | 2 | 3 | 4; at: number }[]>();
  reviews.forEach((r, i) =>
    byCard.set(r.card, [...(byCard.get(r.card) ?? []), { day: r.day, grade: r.grade, at: i }]),
  );
  const items = toTrainingItems([...byCard.values()]);
  const rssBefore = process.resourceUsage().maxRSS / 1024;
  const started = process.hrtime.bigint();
  const fitted = await fitParameters(items);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const peak = process.resourceUsage().maxRSS / 1024;
  if (fitted.length !== 21) throw new Error('the optimiser answered no parameters');
  console.log(
    JSON.stringify({ reviews: reviews.length, items: items.length, seconds, peak, rssBefore }),
  );
}

const only = Number(process.argv[2]);
if (Number.isFinite(only) && only > 0) {
  void measure(only);
} else {
  console.log(`FSRS optimiser, one fit per size (${process.version}, ${process.arch})`);
  console.log(
    'reviews | items | fit time (median of 3, min–max) | peak RSS (max of 3) | RSS before the fit',
  );
  for (const size of SIZES) {
    const runs: {
      reviews: number;
      items: number;
      seconds: number;
      peak: number;
      rssBefore: number;
    }[] = [];
    for (let run = 0; run < RUNS; run++) {
      const result = spawnSync(process.execPath, ['--import', 'tsx', __filename, String(size)], {
        encoding: 'utf8',
      });
      if (result.status !== 0) {
        process.stderr.write(result.stderr);
        process.exit(result.status ?? 1);
      }
      runs.push(JSON.parse(result.stdout.trim().split('\n').pop()!));
    }
    const times = runs.map((r) => r.seconds).sort((a, b) => a - b);
    console.log(
      `${runs[0].reviews} | ${runs[0].items} | ${times[1].toFixed(2)} s (${times[0].toFixed(2)}–${times[2].toFixed(2)}) | ${Math.max(...runs.map((r) => r.peak)).toFixed(0)} MB | ${runs[0].rssBefore.toFixed(0)} MB`,
    );
  }
}
