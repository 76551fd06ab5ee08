import { type AnalysisWindow, STIMULUS_WINDOW, spikesInWindow } from "./window.js";

/**
 * The peri-stimulus time histogram (PSTH) of repeated trials, raw and Gaussian-smoothed.
 *
 * Bin b covers [startMs + b * binMs, startMs + (b + 1) * binMs); the last bin is clipped to endMs
 * when the window is not a whole number of bins (its rate uses its true width).
 */
export interface PsthOptions extends AnalysisWindow {
  /** Bin width, ms. 0.5 ms: finer than the ~1 ms precision we need to resolve, and equal to the canonical dt. */
  binMs: number;
}

export const PSTH_DEFAULTS: PsthOptions = { ...STIMULUS_WINDOW, binMs: 0.5 };

export interface SmoothedPsthOptions extends PsthOptions {
  /**
   * SD of the Gaussian kernel, ms. 1 ms: the precision of the frozen-noise panel is ~1 ms or
   * better, so a wider kernel would merge what the paper calls separate events.
   */
  kernelSdMs: number;
}

const SMOOTHED_PSTH_DEFAULTS: SmoothedPsthOptions = { ...PSTH_DEFAULTS, kernelSdMs: 1 };

/** How many kernel SDs the discrete Gaussian kernel spans on each side (mass beyond: 6e-5). */
const KERNEL_HALF_WIDTH_SDS = 4;

export interface Psth {
  startMs: number;
  endMs: number;
  binMs: number;
  /** Number of trials the histogram is made of. */
  trials: number;
  /** Spikes of all trials in each bin (non-integer once smoothed). */
  counts: number[];
  /** counts[b] / trials / bin width in s: the trial-averaged firing rate in Hz (0 with no trials). */
  rateHz: number[];
}

/** The number of bins covering [startMs, endMs): a partial last bin counts as one. */
export function binCount(startMs: number, endMs: number, binMs: number): number {
  if (!(endMs > startMs) || !(binMs > 0)) return 0;
  // The epsilon keeps 900 / 0.1 = 9000.000000000002 from adding an empty sliver bin.
  return Math.max(0, Math.ceil((endMs - startMs) / binMs - 1e-9));
}

/** Spike counts per bin over [startMs, endMs), summed over trials, and the rate in Hz per trial. */
export function psth(spikeTimesMs: readonly number[][], options: Partial<PsthOptions> = {}): Psth {
  const { startMs, endMs, binMs } = { ...PSTH_DEFAULTS, ...options };
  const bins = binCount(startMs, endMs, binMs);
  const counts = new Array<number>(bins).fill(0);
  for (const train of spikeTimesMs) {
    addToBins(counts, spikesInWindow(train, { startMs, endMs }), startMs, binMs);
  }
  const trials = spikeTimesMs.length;
  const rateHz = counts.map((n, b) => {
    const widthMs = Math.min(binMs, endMs - (startMs + b * binMs));
    return trials > 0 ? (n / trials / widthMs) * 1000 : 0;
  });
  return { startMs, endMs, binMs, trials, counts, rateHz };
}

/**
 * Counts each time into its bin: bin b covers [startMs + b * binMs, startMs + (b + 1) * binMs),
 * and a time in a clipped last bin's sliver counts in that bin. The times must lie in the window.
 */
export function addToBins(
  counts: number[],
  timesMs: ArrayLike<number>,
  startMs: number,
  binMs: number,
): void {
  const last = counts.length - 1;
  for (let i = 0; i < timesMs.length; i++) {
    counts[Math.min(last, Math.floor((timesMs[i] - startMs) / binMs))] += 1;
  }
}

/**
 * The discrete Gaussian kernel on the bin grid, normalised to sum 1 and truncated at
 * KERNEL_HALF_WIDTH_SDS: weights[half + k] is the weight of an offset of k bins,
 * half = ceil(KERNEL_HALF_WIDTH_SDS * kernelSdMs / binMs).
 * A kernel SD of 0 gives the identity kernel [1].
 */
export function gaussianKernel(kernelSdMs: number, binMs: number): number[] {
  if (!(kernelSdMs > 0) || !(binMs > 0)) return [1];
  const half = Math.ceil((KERNEL_HALF_WIDTH_SDS * kernelSdMs) / binMs);
  const weights: number[] = [];
  for (let k = -half; k <= half; k++) {
    const x = (k * binMs) / kernelSdMs;
    weights.push(Math.exp(-0.5 * x * x));
  }
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / total);
}

/** Convolves a histogram with a centred kernel; mass that falls outside the window is dropped. */
export function convolve(values: readonly number[], kernel: readonly number[]): number[] {
  const half = (kernel.length - 1) / 2;
  const out = new Array<number>(values.length).fill(0);
  for (let b = 0; b < values.length; b++) {
    const v = values[b];
    if (v === 0) continue;
    const lo = Math.max(0, b - half);
    const hi = Math.min(values.length - 1, b + half);
    for (let j = lo; j <= hi; j++) out[j] += v * kernel[j - b + half];
  }
  return out;
}

/**
 * The PSTH smoothed by a Gaussian of SD kernelSdMs: counts are expected spikes per bin summed
 * over trials, rateHz the trial-averaged rate in Hz. Spikes within a few SDs of the window's
 * edges lose the part of their kernel outside the window (zero padding), so the smoothed PSTH
 * sums to slightly less than the raw one there.
 */
export function smoothedPsth(
  spikeTimesMs: readonly number[][],
  options: Partial<SmoothedPsthOptions> = {},
): Psth {
  const { kernelSdMs, ...rest } = { ...SMOOTHED_PSTH_DEFAULTS, ...options };
  const raw = psth(spikeTimesMs, rest);
  const kernel = gaussianKernel(kernelSdMs, raw.binMs);
  return { ...raw, counts: convolve(raw.counts, kernel), rateHz: convolve(raw.rateHz, kernel) };
}
