/**
 * How likely a draw is to fall beyond a band's edge, read off the tail of the draws themselves
 * rather than off a normal law (the bands' stated chance): a peaks-over-threshold estimate with an
 * exponential tail. Used by the random-current tail benchmark (single-tail.ts).
 */

export type Side = "low" | "high";

/** The share of draws in the tail the fit is made on: the most extreme 5 % on that side. */
const TAIL_SHARE = 0.05;

/**
 * The chance beyond `edge` on `side`: where the edge lies among the draws, the share of them
 * beyond it; else, with u the threshold the most extreme TAIL_SHARE of the draws exceed and beta
 * their mean excess over it, TAIL_SHARE x exp(-(edge - u) / beta). An exponential tail is
 * heavier than a normal law's, so for normal draws this overstates the chance (at 5.3 SD, about
 * 8e-6 a side where the normal law says 5.8e-8); it is right for a Laplace law, and understates
 * heavier tails still.
 */
export function exponentialTailChance(values: readonly number[], edge: number, side: Side): number {
  const sign = side === "high" ? 1 : -1;
  const x = values
    .filter(Number.isFinite)
    .map((v) => sign * v)
    .sort((a, b) => b - a);
  const n = x.length;
  const beyond = sign * edge;
  const k = Math.floor(TAIL_SHARE * n);
  if (k < 10) throw new RangeError(`${n} finite draws are too few to fit a tail to`);
  const u = x[k];
  if (beyond <= u) return x.filter((v) => v > beyond).length / n;
  let excess = 0;
  for (let i = 0; i < k; i++) excess += x[i] - u;
  const beta = excess / k;
  return beta > 0 ? (k / n) * Math.exp(-(beyond - u) / beta) : 0;
}

/**
 * exponentialTailChance with a 95 % upper bound from `resamples` bootstrap resamples of the draws
 * (a seeded generator: the same draws give the same bound).
 */
export function tailChanceWithBound(
  values: readonly number[],
  edge: number,
  side: Side,
  resamples = 200,
): { chance: number; upper95: number } {
  const chance = exponentialTailChance(values, edge, side);
  let state = 0x9e3779b9;
  const next = () => {
    // xorshift32: enough to pick indices for a bootstrap.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const chances: number[] = [];
  const sample = new Array<number>(values.length);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < values.length; i++) sample[i] = values[Math.floor(next() * values.length)];
    chances.push(exponentialTailChance(sample, edge, side));
  }
  chances.sort((a, b) => a - b);
  return { chance, upper95: chances[Math.min(resamples - 1, Math.ceil(0.95 * resamples) - 1)] };
}
