import { type AnalysisWindow, STIMULUS_WINDOW, spikesInWindow } from "./window.js";

/**
 * The steady firing rate of regular trains, Hz: the inverse of the mean inter-spike interval of
 * the spikes inside [startMs, endMs), averaged over the trials' intervals. Unlike a spike count over
 * the window it does not jump by a whole spike when a train's phase shifts, so it compares f-I
 * curves of simulators with different time steps smoothly. 0 when no trial has two spikes in the
 * window (a silent or nearly silent neuron).
 */
export function isiRateHz(
  spikeTimesMs: readonly number[][],
  window: AnalysisWindow = STIMULUS_WINDOW,
): number {
  let intervals = 0;
  let totalMs = 0;
  for (const train of spikeTimesMs) {
    const spikes = spikesInWindow(train, window);
    if (spikes.length < 2) continue;
    intervals += spikes.length - 1;
    totalMs += spikes[spikes.length - 1] - spikes[0];
  }
  return intervals > 0 && totalMs > 0 ? (1000 * intervals) / totalMs : 0;
}
