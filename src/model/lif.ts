import type { NeuronParameters } from "../protocol/types.js";
import { RandomState } from "./rng.js";

/**
 * The reference leaky integrate-and-fire neuron of SPEC ("The canonical experiment"):
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
   */
  scheme: "exact" | "euler";
  /**
   * "interpolated": the threshold crossing is located within the step by linear interpolation and the
   * refractory period runs in continuous time from it. "stepEnd": the spike is reported at the end of
   * the step that crossed, and the refractory period lasts round(refractoryMs / dtMs) whole steps.
   */
  spikeTiming: "interpolated" | "stepEnd";
}

export const LIF_DEFAULTS: LifOptions = { scheme: "exact", spikeTiming: "interpolated" };

export interface LifResult {
  /** One ascending array of spike times (ms) per trial. */
  spikeTimesMs: number[][];
  /** voltageMv[k][i] is V (mV) of trial k at time i * dtMs, for the first recordVoltage trials. */
  voltageMv: Float64Array[];
}

/** Simulates all trials of one panel together, over typed arrays. */
export function simulateLif(request: LifRequest, options: Partial<LifOptions> = {}): LifResult {
  const { scheme, spikeTiming } = { ...LIF_DEFAULTS, ...options };
  const { dtMs, trials, neuron } = request;
  const steps = request.currentPa.length;
  const { tauMs, restMv, thresholdMv, resetMv, refractoryMs, noiseSdMv } = neuron;
  const gain = neuron.resistanceMOhm * 1e-3;

  // The per-step propagators for a sub-interval of length h (a whole step, or the part of a step
  // left after the refractory period ends).
  const decay = (h: number) => (scheme === "exact" ? Math.exp(-h / tauMs) : 1 - h / tauMs);
  const noiseScale = (h: number) =>
    scheme === "exact"
      ? noiseSdMv * Math.sqrt(1 - Math.exp((-2 * h) / tauMs))
      : noiseSdMv * Math.sqrt((2 * h) / tauMs);
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
        scheme === "exact"
          ? vInf + (vStart - vInf) * a + s * z[k]
          : vStart + (vInf - vStart) * (1 - a) + s * z[k];
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
