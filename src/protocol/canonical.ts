import type { NeuronParameters, OuStimulusRequest, StepStimulusRequest } from "./types.js";

/** The canonical experiment of docs/contract.md ("The canonical experiment"). */
export const CANONICAL = {
  dtMs: 0.5,
  durationMs: 1000,
  onsetMs: 50,
  offsetMs: 950,
  trials: 25,
  recordVoltage: 10,
  /** Seed of panel B's frozen current. */
  stimulusSeed: 2021,
  /** Seed of the intrinsic noise of the canonical reference run. */
  noiseSeed: 7,
} as const;

/**
 * The canonical neuron. noiseSdMv is chosen by the reference (see README, "Intrinsic noise"):
 * panel A loses reliability after its first spikes while panel B keeps it.
 */
export const CANONICAL_NEURON: NeuronParameters = {
  tauMs: 30,
  resistanceMOhm: 130,
  restMv: -70,
  thresholdMv: -53,
  resetMv: -80,
  refractoryMs: 2,
  initialMv: -70,
  noiseSdMv: 0.2,
};

export function canonicalStep(dtMs: number = CANONICAL.dtMs): StepStimulusRequest {
  return {
    kind: "step",
    dtMs,
    durationMs: CANONICAL.durationMs,
    onsetMs: CANONICAL.onsetMs,
    offsetMs: CANONICAL.offsetMs,
    meanPa: 150,
  };
}

export function canonicalOu(
  dtMs: number = CANONICAL.dtMs,
  seed: number = CANONICAL.stimulusSeed,
): OuStimulusRequest {
  return {
    kind: "ou",
    dtMs,
    durationMs: CANONICAL.durationMs,
    onsetMs: CANONICAL.onsetMs,
    offsetMs: CANONICAL.offsetMs,
    meanPa: 150,
    sdPa: 100,
    tauMs: 3,
    seed,
  };
}

/** round(durationMs / dtMs): the number of samples of a trace (docs/contract.md, "Units and names"). */
export function sampleCount(durationMs: number, dtMs: number): number {
  return Math.round(durationMs / dtMs);
}
