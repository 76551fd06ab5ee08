import { type AnalysisWindow, STIMULUS_WINDOW, spikesInWindow } from "./window.js";

/** Options of meanRateHz: the window [startMs, endMs), ms; by default the stimulus window. */
export type RateOptions = AnalysisWindow;

const RATE_DEFAULTS: RateOptions = { ...STIMULUS_WINDOW };

/**
 * Mean firing rate in Hz over [startMs, endMs) across trials: spikes in the window / trials /
 * window length in s (the contract's figure1.rate: spikes in [onset, offset) / 900 ms). Empty trials count
 * as 0 spikes; with no trial at all, or an empty window, the rate is NaN (there is nothing to
 * average, which is not the same as a silent neuron).
 */
export function meanRateHz(
  spikeTimesMs: readonly number[][],
  options: Partial<RateOptions> = {},
): number {
  const o = { ...RATE_DEFAULTS, ...options };
  const durationMs = o.endMs - o.startMs;
  if (spikeTimesMs.length === 0 || !(durationMs > 0)) return Number.NaN;
  let spikes = 0;
  for (const train of spikeTimesMs) spikes += spikesInWindow(train, o).length;
  return (spikes / spikeTimesMs.length / durationMs) * 1000;
}
