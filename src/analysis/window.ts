import { CANONICAL } from "../protocol/canonical.js";

/** An analysis window [startMs, endMs) in ms. */
export interface AnalysisWindow {
  startMs: number;
  endMs: number;
}

/**
 * The default window of every spike measure: the canonical stimulus window [onsetMs, offsetMs)
 * = [50, 950) ms of the contract's Figure 1. Spikes outside the stimulus say nothing about how the
 * stimulus drives spike timing, so measures ignore them unless told otherwise.
 */
export const STIMULUS_WINDOW: AnalysisWindow = {
  startMs: CANONICAL.onsetMs,
  endMs: CANONICAL.offsetMs,
};

/**
 * The spikes of one train that fall in [startMs, endMs), in ascending order. The input need not
 * be sorted (a measure should not silently depend on it), and non-finite times are dropped.
 */
export function spikesInWindow(train: readonly number[], window: AnalysisWindow): number[] {
  const out: number[] = [];
  let sorted = true;
  for (const t of train) {
    if (Number.isFinite(t) && t >= window.startMs && t < window.endMs) {
      if (out.length > 0 && t < out[out.length - 1]) sorted = false;
      out.push(t);
    }
  }
  if (!sorted) out.sort((a, b) => a - b);
  return out;
}
