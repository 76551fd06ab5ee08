/**
 * The data that crosses spikegrade's boundaries, in SPEC's units: time in ms, current in pA,
 * potential in mV, resistance in MOhm. Every key carries its unit.
 */

export interface StepStimulusRequest {
  kind: "step";
  dtMs: number;
  durationMs: number;
  onsetMs: number;
  offsetMs: number;
  meanPa: number;
}

export interface OuStimulusRequest {
  kind: "ou";
  dtMs: number;
  durationMs: number;
  onsetMs: number;
  offsetMs: number;
  meanPa: number;
  sdPa: number;
  tauMs: number;
  seed: number;
}

export type StimulusRequest = StepStimulusRequest | OuStimulusRequest;

export interface StimulusResponse {
  currentPa: number[];
}

export interface NeuronParameters {
  tauMs: number;
  resistanceMOhm: number;
  restMv: number;
  thresholdMv: number;
  resetMv: number;
  refractoryMs: number;
  initialMv: number;
  noiseSdMv: number;
}

export interface SimulateRequest {
  dtMs: number;
  currentPa: number[];
  trials: number;
  seed: number;
  recordVoltage: number;
  neuron: NeuronParameters;
}

export interface SimulateResponse {
  /** One ascending array per trial, each time in [0, durationMs]. */
  spikeTimesMs: number[][];
  /** At most recordVoltage traces, each as long as currentPa. */
  voltageMv?: number[][];
}

export interface Figure1Panel {
  currentPa: number[];
  spikeTimesMs: number[][];
  voltageMv?: number[][];
}

export const FIGURE1_PROTOCOL = "mainen-sejnowski-1995-figure1";

export interface Figure1Results {
  protocol: typeof FIGURE1_PROTOCOL;
  dtMs: number;
  durationMs: number;
  onsetMs: number;
  offsetMs: number;
  panels: { A: Figure1Panel; B: Figure1Panel };
  parameters?: Record<string, unknown>;
}
