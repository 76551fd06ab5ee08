import type { NeuronParameters } from "../protocol/types.js";
import { ensureMemory, KERNEL_DATA_OFFSET, lifKernel } from "./lif-kernel.js";

/**
 * The reference leaky integrate-and-fire neuron of docs/contract.md ("The canonical experiment"):
 *
 *   dV = [-(V - restMv) + resistanceMOhm * 1e-3 * I] * dt / tauMs + noiseSdMv * sqrt(2 dt / tauMs) * xi
 *
 * with xi a fresh standard normal per step and trial. noiseSdMv is the stationary SD of the free
 * membrane under noise alone, whatever dt. When V reaches thresholdMv a spike is emitted; V is held
 * at resetMv for refractoryMs and integrates again.
 *
 * The intrinsic noise comes from xoroshiro128++ generators seeded with the request's seed, turned
 * into standard normals by a ziggurat (lif-kernel.wat says which bits go where, and why it is
 * WebAssembly): every step draws one normal per trial. The same seed gives the same trials, bit
 * for bit, on every machine (the frozen stimulus keeps numpy's RandomState: stimulus.ts).
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

/** Neuron-steps per call of the kernel: bounds the memory of its normals, spikes and voltages. */
const CHUNK_NEURON_STEPS = 1 << 15;

/**
 * Byte offsets, in the kernel's memory, of one simulation's arrays (lif-kernel.wat, "run"). The
 * kernel takes trials in pairs: with an odd number, `paired` counts a stand-in whose spikes are
 * dropped.
 */
function layout(paired: number, recorded: number, chunk: number) {
  const v = KERNEL_DATA_OFFSET;
  const until = v + paired * 8;
  const part = until + paired * 8;
  const left = part + paired * 16;
  const vInf = left + paired * 4;
  const rec = vInf + chunk * 8;
  const spikeTime = rec + recorded * chunk * 8;
  const spikeTrial = spikeTime + paired * chunk * 8;
  const z = spikeTrial + paired * chunk * 4;
  const pending = z + paired * chunk * 8;
  const pairs = pending + paired * chunk * 4;
  const end = pairs + paired * 2;
  return { v, until, part, left, vInf, rec, spikeTime, spikeTrial, z, pending, pairs, end };
}

/** The kernel's seed: an integer in [0, 2^53), split into the two 32-bit halves it takes. */
function seedHalves(seed: number): [number, number] {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new RangeError(`the noise seed must be an integer from 0 to 2**53 - 1, got ${seed}`);
  }
  return [seed % 2 ** 32, Math.floor(seed / 2 ** 32)];
}

/**
 * Simulates all trials of one panel together: the WebAssembly kernel (lif-kernel.wat) advances
 * them a chunk of steps at a time, and this collects their spikes and recorded voltages.
 */
export function simulateLif(request: LifRequest, options: Partial<LifOptions> = {}): LifResult {
  const { scheme, spikeTiming } = { ...LIF_DEFAULTS, ...options };
  const { dtMs, trials, neuron } = request;
  const steps = request.currentPa.length;
  const [seedLo, seedHi] = seedHalves(request.seed);
  const kernel = lifKernel();
  // The propagators over a time h: a whole step, or the part of one after a refractory period.
  kernel.propagators = propagators(scheme, neuron.tauMs, neuron.noiseSdMv);
  const flags =
    (scheme === "euler" ? 1 : 0) |
    (spikeTiming === "stepEnd" ? 2 : 0) |
    (neuron.noiseSdMv !== 0 ? 4 : 0);

  const recorded = Math.min(Math.max(0, Math.floor(request.recordVoltage)), trials);
  const paired = trials + (trials % 2);
  const chunk = Math.max(1, Math.min(steps, Math.floor(CHUNK_NEURON_STEPS / Math.max(1, paired))));
  const at = layout(paired, recorded, chunk);
  ensureMemory(kernel.memory, at.end);
  const buffer = kernel.memory.buffer;
  new Float64Array(buffer, at.v, paired).fill(neuron.initialMv);
  // interpolated: the time (ms) until which each trial is held at reset; stepEnd: steps left to hold.
  new Float64Array(buffer, at.until, paired).fill(Number.NEGATIVE_INFINITY);
  new Int32Array(buffer, at.left, paired).fill(0);
  // The normals: drawn by the kernel with the noise on, zeros with it off.
  new Float64Array(buffer, at.z, paired * chunk).fill(0);
  const vInf = new Float64Array(buffer, at.vInf, chunk);
  const rec = new Float64Array(buffer, at.rec, recorded * chunk);
  const spikeTime = new Float64Array(buffer, at.spikeTime, paired * chunk);
  const spikeTrial = new Int32Array(buffer, at.spikeTrial, paired * chunk);
  kernel.seed(seedLo, seedHi);

  const spikeTimesMs: number[][] = Array.from({ length: trials }, () => []);
  const voltageMv = Array.from({ length: recorded }, () => new Float64Array(steps));
  const gain = neuron.resistanceMOhm * 1e-3;
  for (let i0 = 0; i0 < steps; i0 += chunk) {
    const n = Math.min(chunk, steps - i0);
    for (let j = 0; j < n; j++) vInf[j] = neuron.restMv + gain * request.currentPa[i0 + j];
    // biome-ignore format: the kernel's 23 arguments, in its order
    const spikes = kernel.run(
      i0, n, paired, recorded, at.v, at.until, at.left, at.part, at.vInf, at.rec, at.spikeTrial,
      at.spikeTime, at.z, at.pending, at.pairs, dtMs, kernel.propagators.decay(dtMs),
      kernel.propagators.noiseScale(dtMs), neuron.thresholdMv, neuron.resetMv,
      neuron.refractoryMs, Math.round(neuron.refractoryMs / dtMs), flags,
    );
    for (let c = 0; c < spikes; c++) {
      if (spikeTrial[c] < trials) spikeTimesMs[spikeTrial[c]].push(spikeTime[c]);
    }
    for (let k = 0; k < recorded; k++) voltageMv[k].set(rec.subarray(k * n, k * n + n), i0);
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
