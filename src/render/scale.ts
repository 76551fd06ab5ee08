/**
 * A linear map from a data domain (in the data's unit: ms, mV, pA) to a pixel range (layout
 * pixels). A degenerate domain maps every value to the middle of the range.
 */
export interface LinearScale {
  readonly domain: readonly [number, number];
  readonly range: readonly [number, number];
  (value: number): number;
  invert(pixel: number): number;
}

export function linearScale(
  domain: readonly [number, number],
  range: readonly [number, number],
): LinearScale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  const map = (value: number) =>
    span === 0 ? (r0 + r1) / 2 : r0 + ((value - d0) / span) * (r1 - r0);
  const invert = (pixel: number) =>
    r1 === r0 ? (d0 + d1) / 2 : d0 + ((pixel - r0) / (r1 - r0)) * span;
  return Object.assign(map, { domain: [d0, d1] as const, range: [r0, r1] as const, invert });
}

/**
 * The step of "nice" ticks (1, 2 or 5 times a power of ten) that cuts [min, max] into about
 * `count` intervals.
 */
export function tickStep(min: number, max: number, count: number): number {
  const span = Math.abs(max - min);
  if (!(span > 0) || !(count > 0) || !Number.isFinite(span)) return 0;
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  // Thresholds at the geometric means of 1, 2, 5 and 10 pick the nearest nice step.
  const nice =
    fraction >= Math.sqrt(50)
      ? 10
      : fraction >= Math.sqrt(10)
        ? 5
        : fraction >= Math.sqrt(2)
          ? 2
          : 1;
  return nice * power;
}

/** Multiples of tickStep(min, max, count) inside [min, max], ascending; [min] for a point domain. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  const lo = Math.min(min, max);
  const hi = Math.max(min, max);
  const step = tickStep(lo, hi, count);
  if (step === 0) return Number.isFinite(lo) ? [lo] : [];
  const decimals = decimalsOf(step);
  const first = Math.ceil(lo / step - 1e-9);
  const last = Math.floor(hi / step + 1e-9);
  const ticks: number[] = [];
  // Integer multiples, then rounding, so 0.1 * 3 prints as 0.3 and not 0.30000000000000004.
  for (let k = first; k <= last; k++) ticks.push(Number((k * step).toFixed(decimals)));
  return ticks;
}

/** [min, max] widened outwards to multiples of tickStep(min, max, count). */
export function niceDomain(min: number, max: number, count = 5): [number, number] {
  const step = tickStep(min, max, count);
  if (step === 0) return [min, max];
  return [Math.floor(min / step + 1e-9) * step, Math.ceil(max / step - 1e-9) * step];
}

/** How many decimals print a multiple of `step` exactly (0 for steps of 1 and above). */
export function decimalsOf(step: number): number {
  if (!(step > 0) || step >= 1) return 0;
  return Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
}

/** A tick label: fixed decimals and a true minus sign (U+2212), as typeset in print. */
export function formatNumber(value: number, decimals = 0): string {
  const text = Math.abs(value).toFixed(decimals);
  const isZero = Number(text) === 0;
  return value < 0 && !isZero ? `\u2212${text}` : text;
}
