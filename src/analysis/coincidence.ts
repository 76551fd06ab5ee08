import { type AnalysisWindow, STIMULUS_WINDOW, spikesInWindow } from "./window.js";

/**
 * The coincidence factor Gamma of Kistler, Gerstner & van Hemmen (1997), Neural Computation 9:1015,
 * as used in the single-neuron prediction competition of Jolivet et al. (2008), J. Neurosci.
 * Methods 169:417:
 *
 *   Gamma = (Ncoinc - <Ncoinc>) / (0.5 (Ndata + Nmodel)) * 1 / (1 - 2 nu Delta),
 *   <Ncoinc> = 2 nu Delta Ndata,
 *
 * Ncoinc the number of data spikes with a model spike within +-Delta (each spike of either train
 * used at most once), nu the model train's rate over the window and Delta = deltaMs. <Ncoinc> is
 * what a Poisson train at the model's rate would hit by chance, so Gamma is 1 for identical trains,
 * about 0 for unrelated ones, and can be negative.
 */
export interface CoincidenceOptions extends AnalysisWindow {
  /**
   * Coincidence window Delta, ms. 2 ms, not Jolivet's 4 ms: we compare a model with the very same
   * model (not with a noisy cortical neuron), whose spike times agree to well under 1 ms; 2 ms is
   * twice the largest time step a submission may use (1 ms), so reporting the step's end rather
   * than an interpolated time cannot break a coincidence, while a spike that is one step late is
   * still told apart from one that is missing.
   */
  deltaMs: number;
}

export const COINCIDENCE_DEFAULTS: CoincidenceOptions = { ...STIMULUS_WINDOW, deltaMs: 2 };

/**
 * Gamma of one model train against one data train (times in ms, spikes outside the window
 * ignored). Both empty: 1 (the trains agree). One empty: 0 (no coincidence, and none expected).
 * NaN when the model fires so fast that 2 nu Delta >= 1 (above 250 Hz with Delta = 2 ms), where the
 * normalisation is meaningless.
 */
export function coincidenceFactor(
  dataMs: readonly number[],
  modelMs: readonly number[],
  options: Partial<CoincidenceOptions> = {},
): number {
  const o = { ...COINCIDENCE_DEFAULTS, ...options };
  const data = spikesInWindow(dataMs, o);
  const model = spikesInWindow(modelMs, o);
  if (data.length === 0 && model.length === 0) return 1;
  const rate = model.length / (o.endMs - o.startMs);
  const chance = 2 * rate * o.deltaMs;
  if (!(chance < 1)) return Number.NaN;
  const half = 0.5 * (data.length + model.length);
  // Written as half - chance * half (not half * (1 - chance)) so that identical trains, where
  // Ncoinc = Ndata = half, give numerator and denominator from the same operations: exactly 1.
  const numerator = coincidenceCount(data, model, o.deltaMs) - chance * data.length;
  return numerator / (half - chance * half);
}

/**
 * The largest number of disjoint pairs (data spike, model spike) with |t_data - t_model| <= deltaMs,
 * for ascending trains. Each data spike takes the earliest model spike still free within its window;
 * because the windows of later data spikes start and end later, this greedy choice is optimal.
 */
export function coincidenceCount(
  data: readonly number[],
  model: readonly number[],
  deltaMs: number,
): number {
  let count = 0;
  let j = 0;
  for (const t of data) {
    while (j < model.length && model[j] < t - deltaMs) j++;
    if (j < model.length && model[j] <= t + deltaMs) {
      count++;
      j++;
    }
  }
  return count;
}

/**
 * Gamma averaged over every (data trial, model trial) pair, for repeated trials of both. NaN when
 * either side has no trial (or when any pair's Gamma is NaN).
 */
export function meanCoincidenceFactor(
  dataTrials: readonly number[][],
  modelTrials: readonly number[][],
  options: Partial<CoincidenceOptions> = {},
): number {
  if (dataTrials.length === 0 || modelTrials.length === 0) return Number.NaN;
  let sum = 0;
  for (const data of dataTrials) {
    for (const model of modelTrials) sum += coincidenceFactor(data, model, options);
  }
  return sum / (dataTrials.length * modelTrials.length);
}
