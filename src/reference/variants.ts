import { type LifOptions, simulateLif } from "../model/lif.js";
import { RandomState } from "../model/rng.js";
import { sampleCount } from "../protocol/canonical.js";
import type { NeuronParameters, OuStimulusRequest } from "../protocol/types.js";

/**
 * A current sampled every fromDtMs, resampled every toDtMs over the same duration: each new
 * sample takes the value of the old sample its start falls in. Finer steps hold the value (what a
 * student who upsamples the given current does); a step twice as long keeps every other sample,
 * which for an Ornstein-Uhlenbeck current is exactly that process sampled at the longer step.
 */
function resampleCurrent(
  currentPa: ArrayLike<number>,
  fromDtMs: number,
  toDtMs: number,
): Float64Array {
  const n = sampleCount(currentPa.length * fromDtMs, toDtMs);
  const out = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const i = Math.min(currentPa.length - 1, Math.floor((j * toDtMs) / fromDtMs + 1e-9));
    out[j] = currentPa[i];
  }
  return out;
}

/** Spike trains of one panel simulated with a variant at dtMs, from a current given at its own dt. */
export function simulateVariant(
  currentPa: ArrayLike<number>,
  currentDtMs: number,
  dtMs: number,
  variant: LifOptions,
  neuron: NeuronParameters,
  trials: number,
  seed: number,
): number[][] {
  const resampled =
    currentDtMs === dtMs ? currentPa : resampleCurrent(currentPa, currentDtMs, dtMs);
  return simulateLif(
    { dtMs, currentPa: resampled, trials, seed, recordVoltage: 0, neuron },
    variant,
  ).spikeTimesMs;
}

/**
 * The Euler-Maruyama discretisation of the Ornstein-Uhlenbeck current that a student may write
 * instead of the exact update: x += (meanPa - x) dt / tau + sdPa sqrt(2 dt / tau) z. Its stationary
 * SD is sdPa / sqrt(1 - dt / (2 tau)), a few per cent high at dt near tau / 6; the stimulus.ou
 * tolerance must accept it.
 */
export function eulerOuCurrent(request: OuStimulusRequest): Float64Array {
  const { dtMs, meanPa, sdPa, tauMs } = request;
  const n = sampleCount(request.durationMs, dtMs);
  const z = new RandomState(request.seed).fillStandardNormal(new Float64Array(n));
  const out = new Float64Array(n);
  const kick = sdPa * Math.sqrt((2 * dtMs) / tauMs);
  let x = meanPa + sdPa * z[0];
  const onset = Math.round(request.onsetMs / dtMs);
  const offset = Math.round(request.offsetMs / dtMs);
  for (let i = 0; i < n; i++) {
    if (i > 0) x += ((meanPa - x) * dtMs) / tauMs + kick * z[i];
    out[i] = i >= onset && i < offset ? x : 0;
  }
  return out;
}
