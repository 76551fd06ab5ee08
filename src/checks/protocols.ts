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
  /**
   * neuron.match: one trial on each of several frozen currents, noise off. Each is compared with
   * the closest of the reference's faithful variants at the same dt (REFERENCE_MATCH_VARIANTS):
   * two faithful schemes part ways for a few spikes wherever the membrane grazes threshold, so
   * only a wrong model is far from all of them.
   */
  match: { currents: 5 },
  /**
   * neuron.noise: with no current and noise on, the SD of V pooled over trials from settleMs on
   * (the contract defines noiseSdMv as that SD, whatever dt); quietTrials on the canonical step without
   * noise must be identical.
   */
  noise: { durationMs: 1000, trials: 20, settleMs: 150, quietTrials: 5 },
  /**
   * neuron.trace: the recorded voltage, noise off, on two frozen currents at each time step: the
   * canonical one (its spikes show the reset and refractory samples) and a weaker one that stays
   * below threshold (the trace's lag and residual against the reference's, from settleMs on).
   */
  /**
   * The Figure 1 checks of a simulator: panel A on several noise seeds and panel B on several
   * frozen currents, each of 25 trials at dt 0.5 ms, judged on the mean of each measure over
   * them, so that no verdict hangs on one noise trace or one current. The first of each is the
   * panel drawn in the report.
   */
  figure1: {
    aNoiseSeeds: [7, 8, 9, 10],
    bStimulusSeeds: [2021, 1995, 2003, 2004],
    bNoiseSeed: 7,
  },
  trace: {
    durationMs: 1000,
    settleMs: 100,
    spikingSeed: 2021,
    following: { meanPa: 60, sdPa: 40, tauMs: 3, seed: 31 },
    toleranceMv: 1e-4,
  },
} as const;

/**
 * The time steps the public neuron checks run at, ms: two, so that a simulator that ignores
 * dtMs, or depends on it wrongly, fails in the student's own self-check and not first in hidden
 * grading.
 */
export const PUBLIC_DTS_MS = [0.5, 0.1] as const;

/**
 * Every time step the calibration covers, ms: the public ones, the hidden repeats' (0.1, 0.25,
 * 0.5) and a results file's (up to 1 ms).
 */
export const CALIBRATED_DTS_MS = [0.1, 0.25, 0.5, 1] as const;

/** The name of a tolerance measured at one time step: "neuron.fi.rateHz.150pA.dt0.5". */
export function atDt(name: string, dtMs: number | ""): string {
  return `${name}.dt${dtMs}`;
}

/** A frozen OU current on for the whole trace, at dtMs. */
function wholeTrialOu(
  dtMs: number,
  durationMs: number,
  current: { meanPa: number; sdPa: number; tauMs: number; seed: number },
): OuStimulusRequest {
  const { meanPa, sdPa, tauMs, seed } = current;
  return {
    kind: "ou",
    dtMs,
    durationMs,
    onsetMs: 0,
    offsetMs: durationMs,
    meanPa,
    sdPa,
    tauMs,
    seed,
  };
}

/** The long OU request of CHECK_PROTOCOLS.ou: the current on for the whole trace. */
export function ouCheckRequest(dtMs: number, seed: number): OuStimulusRequest {
  const p = CHECK_PROTOCOLS.ou;
  return wholeTrialOu(dtMs, p.durationMs, { ...p, seed });
}

/** The below-threshold frozen current of neuron.trace, on for the whole trial. */
export function traceFollowingRequest(dtMs: number): OuStimulusRequest {
  const p = CHECK_PROTOCOLS.trace;
  return wholeTrialOu(dtMs, p.durationMs, p.following);
}
