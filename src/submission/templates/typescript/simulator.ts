/**
 * Our reproduction of Mainen & Sejnowski (1995), Figure 1, with a leaky integrate-and-fire neuron.
 *
 * spikegrade calls the two exported functions, each with one request object, and expects one
 * response object (or a Promise of it). Replace each `throw` with your code, then run
 * `spikegrade check` in this folder to see which checks pass. You may split your code into
 * other files of this folder and import them ("./lif.ts").
 *
 * Units everywhere: time in ms, current in pA, potential in mV, resistance in MOhm.
 * Careful: 1 MOhm x 1 pA = 1 uV, so R * I must be multiplied by 1e-3 to be in mV.
 */

/** A constant step (Figure 1A). */
export interface StepRequest {
  kind: "step";
  dtMs: number;
  durationMs: number;
  onsetMs: number;
  offsetMs: number;
  meanPa: number;
}

/** A frozen Ornstein-Uhlenbeck current (Figure 1B): mean meanPa, SD sdPa, autocorrelation exp(-|lag| / tauMs). */
export interface OuRequest {
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

export interface Neuron {
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
  neuron: Neuron;
}

export interface SimulateResponse {
  /** One ascending array of spike times (ms) per trial. */
  spikeTimesMs: number[][];
  /** V (mV) of the first recordVoltage trials, one value per sample of currentPa. */
  voltageMv?: number[][];
}

/**
 * The input current, in pA: round(durationMs / dtMs) samples; sample i covers
 * [i * dtMs, (i + 1) * dtMs) and is 0 pA outside [onsetMs, offsetMs). The same seed must give
 * the same OU current every time: Math.random cannot be seeded, so write or pick a seeded
 * generator.
 *
 * Example: {kind: "ou", dtMs: 0.5, durationMs: 1000, onsetMs: 50, offsetMs: 950, meanPa: 150,
 * sdPa: 100, tauMs: 3, seed: 2021} -> {currentPa: [0, 0, ..., 151.2, ...]}
 */
export function makeStimulus(request: StepRequest | OuRequest): { currentPa: number[] } {
  throw new Error(
    `TODO: write makeStimulus in simulator.ts: return {currentPa: [...]} with round(durationMs / dtMs) samples, meanPa (kind "step") or an Ornstein-Uhlenbeck current seeded by request.seed (kind "ou") inside [onsetMs, offsetMs), 0 pA outside (asked for kind ${JSON.stringify(request.kind)})`,
  );
}

/**
 * request.trials trials of one LIF neuron on request.currentPa. Each step, with xi a fresh
 * standard normal for every step of every trial:
 *
 *   dV = [-(V - restMv) + resistanceMOhm * 1e-3 * I] * dt / tauMs + noiseSdMv * sqrt(2 dt / tauMs) * xi
 *
 * When V reaches thresholdMv, record a spike, set V to resetMv and hold it there for
 * refractoryMs. The same seed must give the same trials.
 */
export function simulateNeuron(request: SimulateRequest): SimulateResponse {
  throw new Error(
    `TODO: write simulateNeuron in simulator.ts: simulate ${request.trials} leaky integrate-and-fire trials on request.currentPa with intrinsic noise seeded by request.seed, and return {spikeTimesMs: [[...] per trial], voltageMv: [[...] for the first recordVoltage trials]}`,
  );
}
