import type { NeuronParameters } from "../protocol/types.js";

/**
 * The closed-form firing rate (Hz) of the noiseless LIF with refractory period under a constant
 * current (pA): 1 / (refractoryMs + tauMs * ln((vInf - resetMv) / (vInf - thresholdMv))) with
 * vInf = restMv + resistanceMOhm * 1e-3 * currentPa; 0 at or below rheobase (vInf <= thresholdMv).
 * This counts the cycle reset -> threshold, i.e. the steady state after the first spike.
 */
export function lifRateHz(currentPa: number, neuron: NeuronParameters): number {
  const vInf = neuron.restMv + neuron.resistanceMOhm * 1e-3 * currentPa;
  if (vInf <= neuron.thresholdMv) return 0;
  const isiMs =
    neuron.refractoryMs +
    neuron.tauMs * Math.log((vInf - neuron.resetMv) / (vInf - neuron.thresholdMv));
  return 1000 / isiMs;
}

/** The smallest constant current (pA) at which the noiseless LIF fires. */
export function rheobasePa(neuron: NeuronParameters): number {
  return (neuron.thresholdMv - neuron.restMv) / (neuron.resistanceMOhm * 1e-3);
}
