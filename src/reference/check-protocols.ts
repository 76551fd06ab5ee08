import type { OuStimulusRequest } from "../protocol/types.js";

/**
 * The protocols of the checks whose tolerances the Monte Carlo measures. The checks run the very
 * same protocols on a submission, so what the reference spreads over is what a submission is
 * compared with.
 */
export const CHECK_PROTOCOLS = {
  /** neuron.fi: a constant current over the whole trial, noise off; the steady rate after 500 ms. */
  fi: {
    currentsPa: [100, 125, 140, 150, 200, 300, 500],
    durationMs: 2000,
    window: { startMs: 500, endMs: 2000 },
  },
  /** stimulus.ou: a long trace, so its mean, SD and correlation time are estimated closely. */
  ou: {
    durationMs: 10_000,
    meanPa: 150,
    sdPa: 100,
    tauMs: 3,
    window: { startMs: 0, endMs: 10_000 },
    maxLagMs: 10,
  },
  /** neuron.match: one trial on each of several frozen currents, noise off, against the reference at the same dt. */
  match: { currents: 5 },
} as const;

/** The long OU request of CHECK_PROTOCOLS.ou: the current on for the whole trace. */
export function ouCheckRequest(dtMs: number, seed: number): OuStimulusRequest {
  const p = CHECK_PROTOCOLS.ou;
  return {
    kind: "ou",
    dtMs,
    durationMs: p.durationMs,
    onsetMs: 0,
    offsetMs: p.durationMs,
    meanPa: p.meanPa,
    sdPa: p.sdPa,
    tauMs: p.tauMs,
    seed,
  };
}
