import type { NeuronParameters } from "../protocol/types.js";
import { RandomState } from "./rng.js";

/**
 * The reference leaky integrate-and-fire neuron of docs/contract.md ("The canonical experiment"):
 *
 *   dV = [-(V - restMv) + resistanceMOhm * 1e-3 * I] * dt / tauMs + noiseSdMv * sqrt(2 dt / tauMs) * xi
 *
 * with xi a fresh standard normal per step and trial. noiseSdMv is the stationary SD of the free
 * membrane under noise alone, whatever dt. When V reaches thresholdMv a spike is emitted; V is held
 * at resetMv for refractoryMs and integrates again.
 *
 * The intrinsic noise of step i and trial k is the (i * trials + k)-th draw of
 * numpy's RandomState(seed).standard_normal, i.e. standard_normal((steps, trials)) in numpy's order.
 */
export interface LifRequest {
  dtMs: number;
  currentPa: ArrayLike<number>;
  trials: number;
  seed: number;
  /** How many trials (the first ones) record their voltage. */
  recordVoltage: number;
  neuron: NeuronParameters;
}

export interface LifOptions {
  /**
   * "exact": exact exponential integration of the linear membrane and of its noise (an
   * Ornstein-Uhlenbeck process, exact for any dt). "euler": forward Euler, as most students write it.
   * "expEuler": the exact decay with the contract's noise term noiseSdMv * sqrt(2 dt / tauMs) as written.
   * "heun": the predictor-corrector (explicit trapezoid) with the noise added in the predictor and
   * the update, as a student writes it from the formula.
   */
  scheme: LifScheme;
  /**
   * "interpolated": the threshold crossing is located within the step by linear interpolation and the
   * refractory period runs in continuous time from it. "stepEnd": the spike is reported at the end of
   * the step that crossed, and the refractory period lasts round(refractoryMs / dtMs) whole steps.
   */
  spikeTiming: "interpolated" | "stepEnd";
}

export type LifScheme = "exact" | "euler" | "expEuler" | "heun";

export const LIF_DEFAULTS: LifOptions = { scheme: "exact", spikeTiming: "interpolated" };

export interface LifResult {
  /** One ascending array of spike times (ms) per trial. */
  spikeTimesMs: number[][];
  /** voltageMv[k][i] is V (mV) of trial k at time i * dtMs, for the first recordVoltage trials. */
  voltageMv: Float64Array[];
}

/**
 * Simulates all trials of one panel together, over typed arrays. Long because it is the kernel:
 * one loop over time steps with the state in locals, which helpers called per step would slow.
 */
export function simulateLif(request: LifRequest, options: Partial<LifOptions> = {}): LifResult {
  const { scheme, spikeTiming } = { ...LIF_DEFAULTS, ...options };
  const { dtMs, trials, neuron } = request;
  const steps = request.currentPa.length;
  const { tauMs, restMv, thresholdMv, resetMv, refractoryMs, noiseSdMv } = neuron;
  const gain = neuron.resistanceMOhm * 1e-3;

  // The per-step propagators for a sub-interval of length h (a whole step, or the part of a step
  // left after the refractory period ends).
  const { decay, noiseScale } = propagators(scheme, tauMs, noiseSdMv);
  const stepDecay = decay(dtMs);
  const stepNoise = noiseScale(dtMs);
  const refractorySteps = Math.round(refractoryMs / dtMs);

  const v = new Float64Array(trials).fill(neuron.initialMv);
  // interpolated: the time (ms) until which each trial is held at reset; stepEnd: steps left to hold.
  const refractoryUntil = new Float64Array(trials).fill(Number.NEGATIVE_INFINITY);
  const stepsLeft = new Int32Array(trials);
  const spikeTimesMs: number[][] = Array.from({ length: trials }, () => []);
  const recorded = Math.min(Math.max(0, Math.floor(request.recordVoltage)), trials);
  const voltageMv = Array.from({ length: recorded }, () => new Float64Array(steps));
  const z = new Float64Array(trials);
  const rng = new RandomState(request.seed);

  for (let i = 0; i < steps; i++) {
    const t0 = i * dtMs;
    const t1 = (i + 1) * dtMs;
    const vInf = restMv + gain * request.currentPa[i];
    rng.fillStandardNormal(z);
    for (let k = 0; k < recorded; k++) voltageMv[k][i] = v[k];

    for (let k = 0; k < trials; k++) {
      let start = t0;
      let vStart = v[k];
      let a = stepDecay;
      let s = stepNoise;
      if (spikeTiming === "stepEnd") {
        if (stepsLeft[k] > 0) {
          stepsLeft[k]--;
          v[k] = resetMv;
          continue;
        }
      } else if (refractoryUntil[k] >= t1) {
        v[k] = resetMv;
        continue;
      } else if (refractoryUntil[k] > t0) {
        start = refractoryUntil[k];
        vStart = resetMv;
        a = decay(t1 - start);
        s = noiseScale(t1 - start);
      }
      const vEnd =
        scheme === "euler"
          ? vStart + (vInf - vStart) * (1 - a) + s * z[k]
          : vInf + (vStart - vInf) * a + s * z[k];
      if (vEnd < thresholdMv) {
        v[k] = vEnd;
        continue;
      }
      v[k] = resetMv;
      if (spikeTiming === "stepEnd") {
        spikeTimesMs[k].push(t1);
        stepsLeft[k] = refractorySteps;
      } else {
        // vStart < threshold <= vEnd, so the fraction lies in (0, 1].
        const fraction = vStart >= thresholdMv ? 0 : (thresholdMv - vStart) / (vEnd - vStart);
        const spikeMs = start + fraction * (t1 - start);
        spikeTimesMs[k].push(spikeMs);
        refractoryUntil[k] = spikeMs + refractoryMs;
      }
    }
  }
  return { spikeTimesMs, voltageMv };
}

/**
 * Each scheme as one step of length h: V' = vInf + (V - vInf) * decay(h) + noiseScale(h) * xi.
 * Heun on dV = (vInf - V) dt / tau with the noise s * xi added to the predictor and to the update
 * gives decay 1 - h/tau + (h/tau)^2 / 2 and noise s * (1 - h / (2 tau)).
 */
function propagators(
  scheme: LifScheme,
  tauMs: number,
  noiseSdMv: number,
): { decay: (h: number) => number; noiseScale: (h: number) => number } {
  const specNoise = (h: number) => noiseSdMv * Math.sqrt((2 * h) / tauMs);
  switch (scheme) {
    case "exact":
      return {
        decay: (h) => Math.exp(-h / tauMs),
        noiseScale: (h) => noiseSdMv * Math.sqrt(1 - Math.exp((-2 * h) / tauMs)),
      };
    case "expEuler":
      return { decay: (h) => Math.exp(-h / tauMs), noiseScale: specNoise };
    case "euler":
      return { decay: (h) => 1 - h / tauMs, noiseScale: specNoise };
    case "heun":
      return {
        decay: (h) => 1 - h / tauMs + (h / tauMs) ** 2 / 2,
        noiseScale: (h) => specNoise(h) * (1 - h / (2 * tauMs)),
      };
  }
}
