/**
 * A leaky integrate-and-fire neuron with intrinsic noise, all trials at once.
 *
 *   tau dV/dt = -(V - rest) + R * I          (+ noise)
 *
 * Units: ms, pA, mV, MOhm. MOhm x pA = uV, so R * I is multiplied by 1e-3 to get mV.
 *
 * Between spikes the membrane is linear, so we integrate it exactly over a step of length h
 * instead of with Euler: with V_inf = rest + R * 1e-3 * I and a = exp(-h / tau),
 *
 *   V(t + h) = V_inf + (V(t) - V_inf) * a + noiseSd * sqrt(1 - a^2) * xi
 *
 * The noise term is the exact step of an Ornstein-Uhlenbeck process whose stationary SD is
 * noiseSdMv, so noiseSdMv means "SD of V from the noise alone, at rest", whatever dt. (For small
 * h, sqrt(1 - a^2) ~ sqrt(2 h / tau): the Euler form of the same noise.)
 *
 * Spikes: when V ends a step at or above threshold, we find where within the step it crossed by
 * linear interpolation, so spike times are not stuck on the dt grid. V is then held at reset
 * for refractoryMs, counted in continuous time from the spike.
 */
import { SeededRandom } from "./random.ts";

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

export interface Trials {
  /** One ascending list of spike times (ms) per trial. */
  spikeTimesMs: number[][];
  /** voltageMv[k][i]: V (mV) of trial k at time i * dt, for the first `record` trials. */
  voltageMv: number[][];
}

export function simulateTrials(
  currentPa: number[],
  dtMs: number,
  neuron: Neuron,
  trials: number,
  seed: number,
  record: number,
): Trials {
  const { tauMs, restMv, thresholdMv, resetMv, refractoryMs, noiseSdMv } = neuron;
  const gain = neuron.resistanceMOhm * 1e-3; // mV per pA
  const random = new SeededRandom(seed);

  // One full step's decay and noise, computed once; a partial step (after the refractory
  // period ends inside it) gets its own.
  const decay = (hMs: number) => Math.exp(-hMs / tauMs);
  const noiseSd = (hMs: number) => noiseSdMv * Math.sqrt(1 - Math.exp((-2 * hMs) / tauMs));
  const stepDecay = decay(dtMs);
  const stepNoise = noiseSd(dtMs);

  const v = new Array<number>(trials).fill(neuron.initialMv);
  const refractoryUntilMs = new Array<number>(trials).fill(Number.NEGATIVE_INFINITY);
  const spikeTimesMs: number[][] = Array.from({ length: trials }, () => []);
  const recorded = Math.max(0, Math.min(record, trials));
  const voltageMv: number[][] = Array.from({ length: recorded }, () => []);

  for (let i = 0; i < currentPa.length; i++) {
    const t0 = i * dtMs;
    const t1 = t0 + dtMs;
    const vInf = restMv + gain * currentPa[i];
    for (let k = 0; k < recorded; k++) voltageMv[k].push(v[k]);

    for (let k = 0; k < trials; k++) {
      // Draw for every trial on every step, refractory or not, so each trial's noise does not
      // depend on when its spikes happened.
      const xi = random.normal();
      if (refractoryUntilMs[k] >= t1) {
        v[k] = resetMv; // still refractory for the whole step
        continue;
      }
      // The refractory period may end inside this step: integrate only what is left of it.
      const partial = refractoryUntilMs[k] > t0;
      const startMs = partial ? refractoryUntilMs[k] : t0;
      const vStart = partial ? resetMv : v[k];
      const a = partial ? decay(t1 - startMs) : stepDecay;
      const s = partial ? noiseSd(t1 - startMs) : stepNoise;
      const vEnd = vInf + (vStart - vInf) * a + s * xi;

      if (vEnd < thresholdMv) {
        v[k] = vEnd;
        continue;
      }
      // Threshold crossed between vStart (below) and vEnd (at or above): interpolate.
      const fraction = (thresholdMv - vStart) / (vEnd - vStart);
      const spikeMs = startMs + Math.min(1, Math.max(0, fraction)) * (t1 - startMs);
      spikeTimesMs[k].push(spikeMs);
      refractoryUntilMs[k] = spikeMs + refractoryMs;
      v[k] = resetMv;
    }
  }
  return { spikeTimesMs, voltageMv };
}
