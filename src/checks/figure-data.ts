/**
 * What the report's figures of the checks draw, as the checks measured it: the f-I points of
 * neuron.fi, the OU current's autocorrelation of stimulus.ou and the spike trains of
 * neuron.match. Plain arrays of numbers (null where nothing was measured), so the data survives
 * JSON and structured cloning. Only the public checks fill it: a hidden repeat's inputs are not
 * for a student's eyes. src/report/figures.ts says which figure draws each key, and how.
 */

/** neuron.fi: the submission's steady rate at each constant current, and what was accepted. */
export interface FiFigureData {
  /** The time step the rates were simulated at, ms. */
  dtMs: number;
  /** The constant currents, pA, in the order they were asked. */
  currentsPa: number[];
  /** The submission's steady rate at each current, Hz. */
  rateHz: number[];
  /** The accepted rates at each current, Hz (the quantiles of the reference's spread). */
  band: { low: number; high: number }[];
  /** Whether each rate passed its band: the check's own decision, drawn as it is. */
  inBand: boolean[];
  /** The median of the reference's spread at each current, Hz (null: not in tolerances.json). */
  referenceHz: (number | null)[];
  /** The smallest current that reaches threshold, pA. */
  rheobasePa: number;
}

/** stimulus.ou: the autocorrelation of the submission's current against the request's. */
export interface AutocorrelationFigureData {
  /** Lag step, ms: autocorrelation[k] is r(k * dtMs). */
  dtMs: number;
  /** null where undefined (a current that does not fluctuate). */
  autocorrelation: (number | null)[];
  /** The correlation time asked for, ms. */
  tauMs: number;
  /** The correlation time estimated from the submission's current, ms (null: none). */
  tauMsEstimated: number | null;
  /** The correlation times the check accepts, ms. */
  tauBandMs: { low: number; high: number } | null;
}

/** neuron.match: one trial of the reference and of the submission on each frozen current. */
export interface MatchFigureData {
  /** Trial length, ms. */
  durationMs: number;
  /** The current's sample step, ms. */
  dtMs: number;
  /** The seed of each frozen current, in the order of the trains. */
  stimulusSeeds: number[];
  referenceSpikesMs: number[][];
  submissionSpikesMs: number[][];
  /** The first frozen current, pA, drawn above the rasters. */
  firstCurrentPa: number[];
}

/** The figure data of one run: a key for each public check that got as far as measuring. */
export interface FigureData {
  fi?: FiFigureData;
  autocorrelation?: AutocorrelationFigureData;
  match?: MatchFigureData;
}

/** A number for FigureData: null for NaN and the infinities, which JSON cannot carry. */
export function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}
