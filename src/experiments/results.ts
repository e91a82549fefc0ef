import {
  chiSquareGoodnessOfFit,
  holmAdjust,
  mean,
  meanInterval,
  proportionInterval,
  standardDeviation,
  twoProportionZTest,
  welchTTest,
  type Interval,
} from '../common/stats';
import type { MetricAggregate, MetricKind } from './schemas/experiment.schema';

/** Results of an experiment from per-user values, as pure functions. */

export const SRM_THRESHOLD = 0.001;

export interface ResultsInput {
  variants: { key: string; weight: number }[];
  control: string;
  metrics: { key: string; kind: MetricKind; aggregate: MetricAggregate }[];
  minimumSampleSize: number;
  /** Exposed users per variant key. */
  exposed: Map<string, number>;
  /** Per metric key, per variant key: one value per user (0/1 for conversions). */
  values: Map<string, Map<string, number[]>>;
}

export interface LiftView {
  test: 'two-proportion-z' | 'welch-t';
  absolute: number;
  relative: number | null;
  interval: Interval;
  statistic: number;
  degreesOfFreedom: number | null;
  pValue: number;
  /** Holm–Bonferroni over the treatments of this metric (equal to pValue with one treatment). */
  adjustedPValue: number;
}

export interface MetricVariantView {
  variant: string;
  n: number;
  mean: number | null;
  sd: number | null;
  interval: Interval | null;
  /** Against the control; null for the control itself or when the test is undefined. */
  lift: LiftView | null;
}

export interface MetricResultView {
  key: string;
  kind: MetricKind;
  aggregate: MetricAggregate;
  variants: MetricVariantView[];
}

export interface ResultsView {
  variants: { key: string; weight: number; control: boolean; exposed: number }[];
  metrics: MetricResultView[];
  sampleRatio: {
    chiSquare: number;
    degreesOfFreedom: number;
    pValue: number;
    mismatch: boolean;
  } | null;
  warnings: string[];
}

function describe(values: number[]) {
  return {
    n: values.length,
    mean: mean(values) ?? null,
    sd: standardDeviation(values) ?? null,
  };
}

function metricResult(
  input: ResultsInput,
  metric: ResultsInput['metrics'][number],
): MetricResultView {
  const byVariant = input.values.get(metric.key) ?? new Map<string, number[]>();
  const controlValues = byVariant.get(input.control) ?? [];
  const control = describe(controlValues);
  const rows = input.variants.map(({ key }) => {
    const values = byVariant.get(key) ?? [];
    const summary = describe(values);
    let interval: Interval | null = null;
    let lift: Omit<LiftView, 'adjustedPValue'> | null = null;
    if (metric.kind === 'conversion') {
      const successes = values.filter((v) => v > 0).length;
      interval = proportionInterval(successes, values.length) ?? null;
      if (key !== input.control) {
        const controlSuccesses = controlValues.filter((v) => v > 0).length;
        const test = twoProportionZTest(
          controlSuccesses,
          controlValues.length,
          successes,
          values.length,
        );
        if (test) {
          lift = {
            test: 'two-proportion-z',
            absolute: test.difference,
            relative: test.relative ?? null,
            interval: test.interval,
            statistic: test.statistic,
            degreesOfFreedom: null,
            pValue: test.pValue,
          };
        }
      }
    } else {
      if (summary.mean !== null && summary.sd !== null) {
        interval = meanInterval({ n: summary.n, mean: summary.mean, sd: summary.sd }) ?? null;
      }
      if (
        key !== input.control &&
        summary.mean !== null &&
        summary.sd !== null &&
        control.mean !== null &&
        control.sd !== null
      ) {
        const test = welchTTest(
          { n: control.n, mean: control.mean, sd: control.sd },
          { n: summary.n, mean: summary.mean, sd: summary.sd },
        );
        if (test) {
          lift = {
            test: 'welch-t',
            absolute: test.difference,
            relative: test.relative ?? null,
            interval: test.interval,
            statistic: test.statistic,
            degreesOfFreedom: test.degreesOfFreedom,
            pValue: test.pValue,
          };
        }
      }
    }
    return { variant: key, ...summary, interval, lift };
  });
  const tested = rows.filter((row) => row.lift !== null);
  const adjusted = holmAdjust(tested.map((row) => row.lift!.pValue));
  const adjustedOf = new Map(tested.map((row, i) => [row.variant, adjusted[i]]));
  return {
    key: metric.key,
    kind: metric.kind,
    aggregate: metric.aggregate,
    variants: rows.map((row) => ({
      ...row,
      lift: row.lift ? { ...row.lift, adjustedPValue: adjustedOf.get(row.variant)! } : null,
    })),
  };
}

export function computeResults(input: ResultsInput): ResultsView {
  const variants = input.variants.map((v) => ({
    key: v.key,
    weight: v.weight,
    control: v.key === input.control,
    exposed: input.exposed.get(v.key) ?? 0,
  }));
  const srm = chiSquareGoodnessOfFit(
    variants.map((v) => v.exposed),
    variants.map((v) => v.weight),
  );
  const warnings: string[] = [];
  const small = variants.filter((v) => v.exposed < input.minimumSampleSize);
  if (small.length > 0) {
    warnings.push(
      `Below the minimum sample size of ${input.minimumSampleSize} exposed users: ${small.map((v) => v.key).join(', ')}`,
    );
  }
  const mismatch = srm !== undefined && srm.pValue < SRM_THRESHOLD;
  if (mismatch) {
    warnings.push(
      `Sample ratio mismatch (chi-square p = ${srm.pValue.toExponential(2)} < ${SRM_THRESHOLD}): exposures do not follow the weights, so the assignment or exposure logging is suspect`,
    );
  }
  return {
    variants,
    metrics: input.metrics.map((metric) => metricResult(input, metric)),
    sampleRatio: srm
      ? {
          chiSquare: srm.statistic,
          degreesOfFreedom: srm.degreesOfFreedom,
          pValue: srm.pValue,
          mismatch,
        }
      : null,
    warnings,
  };
}

/**
 * One value per exposed user from their events: conversions are 1 when the user has an event
 * with a positive value, sums count users without events as 0, means only count users with events.
 */
export function perUserValues(
  kind: MetricKind,
  aggregate: MetricAggregate,
  exposedUsers: readonly string[],
  events: Map<string, { sum: number; count: number }>,
): number[] {
  const values: number[] = [];
  for (const user of exposedUsers) {
    const e = events.get(user);
    if (kind === 'conversion') values.push(e && e.sum > 0 ? 1 : 0);
    else if (aggregate === 'sum') values.push(e ? e.sum : 0);
    else if (e && e.count > 0) values.push(e.sum / e.count);
  }
  return values;
}
