/**
 * Our reproduction of Mainen & Sejnowski (1995), Figure 1, with a leaky integrate-and-fire neuron.
 *
 * spikegrade calls the two exported functions, each with one request object, and expects one
 * response object (or a Promise of it). Replace each `throw` with your code, then run
 * `spikegrade check` in this folder to see which checks pass. You may split your code into
 * other files of this folder and import them ("./lif.mjs").
 *
 * Units everywhere: time in ms, current in pA, potential in mV, resistance in MOhm.
 * Careful: 1 MOhm x 1 pA = 1 uV, so R * I must be multiplied by 1e-3 to be in mV.
 */

/**
 * The input current, in pA.
 *
 * request is a constant step (Figure 1A):
 *   {kind: "step", dtMs: 0.5, durationMs: 1000, onsetMs: 50, offsetMs: 950, meanPa: 150}
 * or a frozen Ornstein-Uhlenbeck current (Figure 1B):
 *   {kind: "ou", dtMs: 0.5, durationMs: 1000, onsetMs: 50, offsetMs: 950, meanPa: 150,
 *    sdPa: 100, tauMs: 3, seed: 2021}
 *
 * Return {currentPa: [...]}: round(durationMs / dtMs) values; sample i covers
 * [i * dtMs, (i + 1) * dtMs) and is 0 pA outside [onsetMs, offsetMs). The OU current has mean
 * meanPa, SD sdPa and autocorrelation exp(-|lag| / tauMs), and the same seed must give the same
 * current every time: Math.random cannot be seeded, so write or pick a seeded generator.
 *
 * @param {{kind: "step" | "ou", dtMs: number, durationMs: number, onsetMs: number,
 *          offsetMs: number, meanPa: number, sdPa?: number, tauMs?: number, seed?: number}} request
 * @returns {{currentPa: number[]}}
 */
export function makeStimulus(request) {
  throw new Error(
    `TODO: write makeStimulus in simulator.mjs: return {currentPa: [...]} with round(durationMs / dtMs) samples, meanPa (kind "step") or an Ornstein-Uhlenbeck current seeded by request.seed (kind "ou") inside [onsetMs, offsetMs), 0 pA outside (asked for kind ${JSON.stringify(request.kind)})`,
  );
}

/**
 * Several trials of one LIF neuron driven by the same current.
 *
 * request:
 *   {dtMs: 0.5, currentPa: [...], trials: 25, seed: 7, recordVoltage: 10,
 *    neuron: {tauMs: 30, resistanceMOhm: 130, restMv: -70, thresholdMv: -53, resetMv: -80,
 *             refractoryMs: 2, initialMv: -70, noiseSdMv: 0.2}}
 *
 * Each step, with xi a fresh standard normal for every step of every trial:
 *   dV = [-(V - restMv) + resistanceMOhm * 1e-3 * I] * dt / tauMs + noiseSdMv * sqrt(2 dt / tauMs) * xi
 * When V reaches thresholdMv, record a spike, set V to resetMv and hold it there for
 * refractoryMs. The same seed must give the same trials.
 *
 * Return {spikeTimesMs: [[...], ...], voltageMv: [[...], ...]}: one ascending array of spike
 * times (ms) per trial, and V (mV) of the first recordVoltage trials, one value per sample of
 * currentPa (optional, but the report draws it).
 *
 * @param {{dtMs: number, currentPa: number[], trials: number, seed: number,
 *          recordVoltage: number, neuron: Record<string, number>}} request
 * @returns {{spikeTimesMs: number[][], voltageMv?: number[][]}}
 */
export function simulateNeuron(request) {
  throw new Error(
    `TODO: write simulateNeuron in simulator.mjs: simulate ${request.trials} leaky integrate-and-fire trials on request.currentPa with intrinsic noise seeded by request.seed, and return {spikeTimesMs: [[...] per trial], voltageMv: [[...] for the first recordVoltage trials]}`,
  );
}
