import { RandomState } from "../model/rng.js";
import { quantile } from "./quantile.js";

/**
 * Percentile bootstrap over trials (Efron & Tibshirani 1993, ch. 13): resample the trials with
 * replacement, recompute the statistic, and take the (1 - level) / 2 and (1 + level) / 2 quantiles
 * of the resampled values as the interval.
 *
 * Caution for measures of agreement between trials (reliability, rcorr): a resample holds copies
 * of the same trial, which agree perfectly with each other and inflate such measures. The statistic
 * receives the original indices of the resampled trials so it can skip pairs of copies.
 */
export interface BootstrapOptions {
  /** Number of resamples. 1000: quantiles at 2.5 % and 97.5 % rest on 25 values each. */
  resamples: number;
  /** Coverage of the interval, in (0, 1). */
  level: number;
  /** Seed of the project's RandomState (numpy's MT19937): the same seed, the same interval. */
  seed: number;
  /** A source of uniform numbers in [0, 1) to use instead of RandomState(seed). */
  random?: () => number;
}

export const BOOTSTRAP_DEFAULTS: BootstrapOptions = { resamples: 1000, level: 0.95, seed: 1995 };

export interface BootstrapInterval {
  /** The statistic on the original trials. */
  estimate: number;
  /** Percentile interval; NaN when no resample gave a finite value. */
  lo: number;
  hi: number;
  /** Resamples whose statistic was finite (NaN or infinite values are left out of the quantiles). */
  finiteResamples: number;
}

/**
 * Bootstraps statistic(trials) by resampling trials with replacement. Deterministic for a given
 * seed (or random source). With no trials every resample is empty too: the statistic decides what
 * that gives.
 */
export function bootstrapTrials<T>(
  trials: readonly T[],
  statistic: (resampled: T[], indices: number[]) => number,
  options: Partial<BootstrapOptions> = {},
): BootstrapInterval {
  const o = { ...BOOTSTRAP_DEFAULTS, ...options };
  const random = o.random ?? randomFromSeed(o.seed);
  const evaluate = (indices: number[]) =>
    statistic(
      indices.map((i) => trials[i]),
      indices,
    );
  const values: number[] = [];
  for (let r = 0; r < resampleCount(o); r++)
    values.push(evaluate(resampleIndices(trials.length, random)));
  return interval(evaluate(identity(trials.length)), values, o.level);
}

/**
 * Bootstraps statistic(b) - statistic(a) by resampling each group's trials independently (e.g. how
 * much more reliable panel B is than panel A). estimate is the difference on the original trials.
 */
export function bootstrapDifference<T>(
  a: readonly T[],
  b: readonly T[],
  statistic: (resampled: T[], indices: number[]) => number,
  options: Partial<BootstrapOptions> = {},
): BootstrapInterval {
  const o = { ...BOOTSTRAP_DEFAULTS, ...options };
  const random = o.random ?? randomFromSeed(o.seed);
  const difference = (ia: number[], ib: number[]) =>
    statistic(
      ib.map((i) => b[i]),
      ib,
    ) -
    statistic(
      ia.map((i) => a[i]),
      ia,
    );
  const values: number[] = [];
  for (let r = 0; r < resampleCount(o); r++) {
    // One stream feeds both groups in turn, so the pair of resamples is fixed by the seed alone.
    const ia = resampleIndices(a.length, random);
    const ib = resampleIndices(b.length, random);
    values.push(difference(ia, ib));
  }
  return interval(difference(identity(a.length), identity(b.length)), values, o.level);
}

function resampleCount(o: BootstrapOptions): number {
  return Number.isFinite(o.resamples) ? Math.max(0, Math.floor(o.resamples)) : 0;
}

function identity(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/** n indices drawn uniformly from 0..n-1 with replacement. */
function resampleIndices(n: number, random: () => number): number[] {
  return Array.from({ length: n }, () => Math.min(n - 1, Math.floor(random() * n)));
}

function interval(estimate: number, values: number[], level: number): BootstrapInterval {
  const finite = values.filter((v) => Number.isFinite(v)).sort((x, y) => x - y);
  const tail = (1 - level) / 2;
  return {
    estimate,
    lo: quantile(finite, tail),
    hi: quantile(finite, 1 - tail),
    finiteResamples: finite.length,
  };
}

function randomFromSeed(seed: number): () => number {
  const rng = new RandomState(seed);
  return () => rng.randomDouble();
}
