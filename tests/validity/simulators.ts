/**
 * A family of student simulators written from docs/contract.md alone (not from src/model), for the validity
 * Monte Carlo: every faithful choice the contract allows is a knob, every one-bug edit of the mutant
 * catalogue (tests/fixtures/mutants/catalogue.json) is a `bug`. Fast enough for thousands of
 * runs: typed arrays, all trials advanced together, one step at a time.
 */
import type { CheckSimulator } from "../../src/checks/session.js";
import { RandomState } from "../../src/model/rng.js";
import { type FakeModule, inProcess } from "../checks/fakes/harness.js";

/** The kinds of the mutant catalogue, in its order; a test keeps the two lists equal. */
export const BUG_KINDS = [
  "noise-without-sqrt-dt",
  "noise-scaled-by-dt",
  "noise-missing-factor-2",
  "noise-variance-as-sd",
  "noise-same-every-trial",
  "noise-once-per-trial",
  "no-noise",
  "unseeded-noise",
  "noise-seed-ignored",
  "threshold-on-previous-v",
  "no-reset",
  "reset-to-rest",
  "no-refractory",
  "refractory-doubled",
  "refractory-steps-not-divided",
  "dt-fixed",
  "tau-in-seconds",
  "dt-in-seconds",
  "resistance-off-by-1000",
  "resistance-left-out",
  "current-one-sample-late",
  "initial-at-zero",
  "initial-at-reset",
  "trace-after-update",
  "trace-not-reset-at-spike",
  "trace-refractory-not-reset",
  "spike-times-in-seconds",
  "spike-times-as-indices",
  "leak-towards-zero",
  "leak-sign-flipped",
  "ou-without-sqrt-dt",
  "ou-sd-as-variance",
  "ou-tau-ignored",
  "ou-mean-missing",
  "ou-window-ignored",
  "step-one-sample-late",
  "step-offset-inclusive",
  "stimulus-not-frozen",
  "step-in-nanoamps",
  "threshold-hard-coded",
  "stimulus-one-sample-long",
  "trials-one-short",
  "voltage-for-every-trial",
  "stimulus-dt-fixed",
] as const;
export type BugKind = (typeof BUG_KINDS)[number];

/** The faithful choices: every combination is a correct simulator by docs/contract.md. */
export interface FaithfulVariant {
  /** Salts the own generators: each draw is another student whose random numbers differ. */
  draw: number;
  /**
   * exact: V relaxes exactly to V_inf and the noise has the exact OU variance per step;
   * expEuler: exact relaxation with the contract's noise term noiseSdMv*sqrt(2*dt/tau); euler: the contract's
   * update as written; heun: predictor-corrector with the same noise increment in both stages.
   */
  integration: "exact" | "euler" | "expEuler" | "heun";
  /** A spike at the end of the crossing step, or linearly interpolated inside it. */
  spikeTiming: "stepEnd" | "interpolated";
  /** refractoryMs / dt rounded down, to nearest or up to whole steps, or held in continuous time. */
  refractory: "floor" | "nearest" | "ceil" | "continuous";
  /** The membrane state in float64 or float32 arrays. */
  precision: "float64" | "float32";
  /** Intrinsic noise from numpy's RandomState (bit for bit) or from a generator of our own. */
  noiseGenerator: "numpy" | "own";
  /** The noise drawn step by step across trials, or trial by trial across steps. */
  noiseOrder: "stepMajor" | "trialMajor";
  /** The OU current's update: exact, or Euler-Maruyama. */
  ouScheme: "exact" | "euler";
  stimulusGenerator: "numpy" | "own";
  /** Samples in the stimulus window found by rounded indices, or by comparing t = i*dt in floating point. */
  window: "indices" | "times";
}

export interface SimulatorOptions extends FaithfulVariant {
  bug?: BugKind;
}

/** A faithful student at each knob's first choice. */
export const PLAIN_VARIANT: FaithfulVariant = {
  draw: 0,
  integration: "exact",
  spikeTiming: "stepEnd",
  refractory: "nearest",
  precision: "float64",
  noiseGenerator: "numpy",
  noiseOrder: "stepMajor",
  ouScheme: "exact",
  stimulusGenerator: "numpy",
  window: "indices",
};

/** splitmix32's finaliser: a well-mixed 32-bit integer from any 32-bit integer. */
function mix32(x: number): number {
  let z = (x + 0x9e3779b9) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

/** What a generator gives the simulators: standard normals, filling an array. */
interface Normals {
  fill(out: Float64Array): void;
}

/**
 * A student's own generator: xoshiro128** (Blackman & Vigna 2018) for uniforms, Box-Muller for
 * normals. Seeded from the request's seed, the student (draw) and a stream, so that two draws
 * are two students whose noise differs for the same seed.
 */
class OwnRandom implements Normals {
  private readonly s = new Uint32Array(4);
  private spare: number | undefined;

  constructor(seed: number, draw: number, stream: number) {
    let x = mix32(mix32(seed >>> 0) ^ Math.imul(draw + 1, 0x27d4eb2d) ^ stream);
    for (let i = 0; i < 4; i++) {
      x = mix32(x + i);
      this.s[i] = x;
    }
    if ((this.s[0] | this.s[1] | this.s[2] | this.s[3]) === 0) this.s[0] = 1;
  }

  private uniform(): number {
    const s = this.s;
    const r = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
    const t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return (r + 0.5) / 4294967296;
  }

  normal(): number {
    if (this.spare !== undefined) {
      const z = this.spare;
      this.spare = undefined;
      return z;
    }
    const radius = Math.sqrt(-2 * Math.log(this.uniform()));
    const angle = 2 * Math.PI * this.uniform();
    this.spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }

  fill(out: Float64Array): void {
    for (let i = 0; i < out.length; i++) out[i] = this.normal();
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

const NOISE_STREAM = 0x6e6f6973;
const STIMULUS_STREAM = 0x7374696d;

function generator(kind: "numpy" | "own", seed: number, draw: number, stream: number): Normals {
  if (kind === "own") return new OwnRandom(seed, draw, stream);
  const state = new RandomState(seed);
  return { fill: (out) => state.fillStandardNormal(out) };
}

function normals(source: Normals, count: number): Float64Array {
  const out = new Float64Array(count);
  source.fill(out);
  return out;
}

interface StimulusRequest {
  kind: "step" | "ou";
  dtMs: number;
  durationMs: number;
  onsetMs: number;
  offsetMs: number;
  meanPa: number;
  sdPa?: number;
  tauMs?: number;
  seed?: number;
}

interface Neuron {
  tauMs: number;
  resistanceMOhm: number;
  restMv: number;
  thresholdMv: number;
  resetMv: number;
  refractoryMs: number;
  initialMv: number;
  noiseSdMv: number;
}

interface SimulateRequest {
  dtMs: number;
  currentPa: number[];
  trials: number;
  seed: number;
  recordVoltage?: number | null;
  neuron: Neuron;
}

/** What a student's module keeps between calls: the generators of those who never seed. */
interface ModuleState {
  unseededNoise?: Normals;
  unseededStimulus?: Normals;
}

function makeStimulus(r: StimulusRequest, o: SimulatorOptions, state: ModuleState): number[] {
  const { bug } = o;
  const dt = bug === "stimulus-dt-fixed" ? 0.5 : r.dtMs;
  const n = Math.round(r.durationMs / dt) + (bug === "stimulus-one-sample-long" ? 1 : 0);
  const late = bug === "step-one-sample-late";
  const inclusive = bug === "step-offset-inclusive";
  const first = Math.round(r.onsetMs / dt) + (late ? 1 : 0);
  const last = Math.round(r.offsetMs / dt);
  const on = (i: number): boolean => {
    if (o.window === "indices") return i >= first && (inclusive ? i <= last : i < last);
    const t = i * dt;
    const afterOnset = late ? t >= r.onsetMs + dt : t >= r.onsetMs;
    return afterOnset && (inclusive ? t <= r.offsetMs : t < r.offsetMs);
  };
  const current = new Array<number>(n).fill(0);
  if (r.kind === "step") {
    const amplitudePa = bug === "step-in-nanoamps" ? r.meanPa / 1000 : r.meanPa;
    for (let i = 0; i < n; i++) if (on(i)) current[i] = amplitudePa;
    return current;
  }
  const tau = r.tauMs as number;
  const sd = bug === "ou-sd-as-variance" ? Math.sqrt(r.sdPa as number) : (r.sdPa as number);
  let source: Normals;
  if (bug === "stimulus-not-frozen") {
    state.unseededStimulus ??= generator(o.stimulusGenerator, 0x5eed, o.draw, STIMULUS_STREAM);
    source = state.unseededStimulus;
  } else {
    source = generator(o.stimulusGenerator, r.seed as number, o.draw, STIMULUS_STREAM);
  }
  const z = normals(source, n);
  const a = Math.exp(-dt / tau);
  const exactKick = sd * Math.sqrt(1 - a * a);
  const sdeKick =
    bug === "ou-without-sqrt-dt" ? sd * Math.sqrt(2 / tau) : sd * Math.sqrt((2 * dt) / tau);
  const mean = bug === "ou-mean-missing" ? 0 : r.meanPa;
  let x = sd * z[0];
  for (let i = 0; i < n; i++) {
    if (i > 0) {
      if (bug === "ou-tau-ignored") x = sd * z[i];
      else if (o.ouScheme === "euler") x += (-x * dt) / tau + sdeKick * z[i];
      else x = a * x + (bug === "ou-without-sqrt-dt" ? sdeKick : exactKick) * z[i];
    }
    if (bug === "ou-window-ignored" || on(i)) current[i] = mean + x;
  }
  return current;
}

function holdSteps(refractoryMs: number, dt: number, rule: FaithfulVariant["refractory"]): number {
  const steps = refractoryMs / dt;
  if (rule === "floor") return Math.floor(steps);
  if (rule === "ceil") return Math.ceil(steps);
  return Math.round(steps);
}

function simulateNeuron(
  r: SimulateRequest,
  o: SimulatorOptions,
  state: ModuleState,
): { spikeTimesMs: number[][]; voltageMv: number[][] } {
  const { bug } = o;
  const p = r.neuron;
  const current = r.currentPa;
  const n = current.length;
  const trials = bug === "trials-one-short" ? r.trials - 1 : r.trials;
  const recorded =
    bug === "voltage-for-every-trial" ? trials : Math.min(r.recordVoltage ?? 0, trials);
  const round = o.precision === "float32" ? Math.fround : (x: number) => x;

  const dt = bug === "dt-fixed" ? 0.5 : r.dtMs;
  // Lengths of time in the membrane's dynamics, per ms of simulated time.
  const dynamicsScale = bug === "dt-in-seconds" ? 1e-3 : 1;
  const tau = bug === "tau-in-seconds" ? p.tauMs / 1000 : p.tauMs;
  const gain =
    bug === "resistance-off-by-1000"
      ? p.resistanceMOhm
      : bug === "resistance-left-out"
        ? 1e-3
        : p.resistanceMOhm * 1e-3;
  const rest = p.restMv;
  const threshold = bug === "threshold-hard-coded" ? -55 : p.thresholdMv;
  const reset = bug === "reset-to-rest" ? p.restMv : p.resetMv;
  const noiseSd =
    bug === "no-noise" ? 0 : bug === "noise-variance-as-sd" ? p.noiseSdMv ** 2 : p.noiseSdMv;
  const refractoryMs =
    bug === "no-refractory"
      ? 0
      : bug === "refractory-doubled"
        ? 2 * p.refractoryMs
        : p.refractoryMs;
  const countsSteps = bug === "refractory-steps-not-divided" || o.refractory !== "continuous";
  const hold =
    bug === "refractory-steps-not-divided"
      ? Math.round(p.refractoryMs)
      : holdSteps(refractoryMs, dt, o.refractory);
  const initial =
    bug === "initial-at-zero" ? 0 : bug === "initial-at-reset" ? p.resetMv : p.initialMv;
  const exactNoise = o.integration === "exact";

  /** The noise's SD over a step of `length` ms. */
  const kick = (length: number): number => {
    if (bug === "noise-without-sqrt-dt") return noiseSd * Math.sqrt(2 / tau);
    if (bug === "noise-scaled-by-dt") return noiseSd * Math.sqrt(2 / tau) * length;
    const factor = bug === "noise-missing-factor-2" ? 1 : 2;
    if (exactNoise) return noiseSd * Math.sqrt((1 - Math.exp((-2 * length) / tau)) * (factor / 2));
    return noiseSd * Math.sqrt((factor * length) / tau);
  };

  /** V after `length` ms from v under current i, with standard normal xi. */
  const advance = (v: number, currentPa: number, length: number, noise: number): number => {
    const span = length * dynamicsScale;
    if (bug === "leak-sign-flipped") {
      const away = rest - gain * currentPa;
      if (o.integration === "euler" || o.integration === "heun") {
        const slope = (x: number) => (x - rest + gain * currentPa) / tau;
        const predicted = v + slope(v) * span + noise;
        if (o.integration === "euler") return predicted;
        return v + ((slope(v) + slope(predicted)) * span) / 2 + noise;
      }
      return away + (v - away) * Math.exp(span / tau) + noise;
    }
    const vInf = round((bug === "leak-towards-zero" ? 0 : rest) + gain * currentPa);
    if (o.integration === "exact" || o.integration === "expEuler") {
      return vInf + (v - vInf) * round(Math.exp(-span / tau)) + noise;
    }
    const predicted = v + ((vInf - v) * span) / tau + noise;
    if (o.integration === "euler") return predicted;
    return v + ((vInf - v + (vInf - predicted)) * span) / (2 * tau) + noise;
  };

  // The intrinsic noise, one standard normal per step and trial (or fewer, for the bugs).
  let source: Normals;
  if (bug === "unseeded-noise") {
    state.unseededNoise ??= generator(o.noiseGenerator, 0xface, o.draw, NOISE_STREAM);
    source = state.unseededNoise;
  } else {
    const seed = bug === "noise-seed-ignored" ? 42 : r.seed;
    source = generator(o.noiseGenerator, seed, o.draw, NOISE_STREAM);
  }
  const count =
    bug === "noise-same-every-trial" ? n : bug === "noise-once-per-trial" ? trials : n * trials;
  const xi = normals(source, count);
  const noiseIndex = (i: number, k: number): number => {
    if (bug === "noise-same-every-trial") return i;
    if (bug === "noise-once-per-trial") return k;
    return o.noiseOrder === "stepMajor" ? i * trials + k : k * n + i;
  };

  const v = o.precision === "float32" ? new Float32Array(trials) : new Float64Array(trials);
  v.fill(initial);
  const stepsLeft = new Int32Array(trials);
  const heldUntilMs = new Float64Array(trials).fill(Number.NEGATIVE_INFINITY);
  const spikes: number[][] = Array.from({ length: trials }, () => []);
  const traces = Array.from({ length: recorded }, () => new Float64Array(n + 1));
  for (let k = 0; k < recorded; k++) traces[k][0] = v[k];
  const fullKick = round(kick(dt));
  const report = (t: number, i: number): number =>
    bug === "spike-times-in-seconds" ? t / 1000 : bug === "spike-times-as-indices" ? i + 1 : t;

  for (let i = 0; i < n; i++) {
    const t0 = i * dt;
    const t1 = (i + 1) * dt;
    const currentPa = bug === "current-one-sample-late" ? (i > 0 ? current[i - 1] : 0) : current[i];
    for (let k = 0; k < trials; k++) {
      const before = v[k];
      let start = t0;
      let held = false;
      if (countsSteps) {
        if (stepsLeft[k] > 0) {
          stepsLeft[k]--;
          held = true;
        }
      } else if (heldUntilMs[k] >= t1) {
        held = true;
      } else if (heldUntilMs[k] > t0) {
        start = heldUntilMs[k];
      }
      const length = start === t0 ? dt : t1 - start;
      const noise = xi[noiseIndex(i, k)] * (length === dt ? fullKick : kick(length));
      const integrated = advance(before, currentPa, length, noise);
      let recordedValue: number;
      if (held) {
        // no-reset: nothing holds V, it integrates through the refractory period.
        v[k] = bug === "no-reset" ? integrated : reset;
        recordedValue =
          bug === "trace-refractory-not-reset" ? advance(reset, currentPa, dt, noise) : v[k];
      } else {
        const crossed =
          bug === "threshold-on-previous-v" ? before >= threshold : integrated >= threshold;
        v[k] = integrated;
        recordedValue = v[k];
        if (crossed) {
          let spikeMs = t1;
          if (o.spikeTiming === "interpolated") {
            const fraction = before >= threshold ? 0 : (threshold - before) / (v[k] - before);
            spikeMs = start + fraction * (t1 - start);
          }
          spikes[k].push(report(spikeMs, i));
          if (bug !== "no-reset") v[k] = reset;
          if (bug !== "trace-not-reset-at-spike" && bug !== "trace-refractory-not-reset") {
            recordedValue = v[k];
          }
          stepsLeft[k] = hold;
          heldUntilMs[k] = spikeMs + refractoryMs;
        }
      }
      if (k < recorded) traces[k][i + 1] = recordedValue;
    }
  }
  const voltageMv = traces.map((trace) =>
    Array.from(bug === "trace-after-update" ? trace.subarray(1) : trace.subarray(0, n)),
  );
  return { spikeTimesMs: spikes, voltageMv };
}

/** The two functions of one student's module (with its own state between calls). */
export function studentModule(options: SimulatorOptions): FakeModule {
  const state: ModuleState = {};
  return {
    makeStimulus: (request) => ({
      currentPa: makeStimulus(request as StimulusRequest, options, state),
    }),
    simulateNeuron: (request) => simulateNeuron(request as SimulateRequest, options, state),
  };
}

/** One student's simulator behind the checks' call interface, requests and responses as JSON. */
export function studentSimulator(options: SimulatorOptions): CheckSimulator {
  return inProcess(studentModule(options));
}

/** A faithful student picked from the draw number: every knob at random, deterministically. */
export function faithfulVariant(draw: number): FaithfulVariant {
  let x = mix32(draw >>> 0);
  const pick = <T>(choices: readonly T[]): T => {
    x = mix32(x);
    return choices[x % choices.length];
  };
  return {
    draw,
    integration: pick(["exact", "euler", "expEuler", "heun"] as const),
    spikeTiming: pick(["stepEnd", "interpolated"] as const),
    refractory: pick(["floor", "nearest", "ceil", "continuous"] as const),
    precision: pick(["float64", "float32"] as const),
    noiseGenerator: pick(["numpy", "own", "own", "own"] as const),
    noiseOrder: pick(["stepMajor", "trialMajor"] as const),
    ouScheme: pick(["exact", "euler"] as const),
    stimulusGenerator: pick(["numpy", "own"] as const),
    window: pick(["indices", "times"] as const),
  };
}
