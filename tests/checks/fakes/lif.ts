import { FakeRandom } from "./random.js";

/**
 * A student's leaky integrate-and-fire simulateNeuron, written from docs/contract.md alone (not from
 * src/model): one trial at a time, plain arrays, a choice of the faithful options the contract allows and
 * of the bugs students make.
 */
export interface FakeLifOptions {
  /** exact exponential update, or forward Euler. */
  scheme: "exact" | "euler";
  /** Spike at the end of the crossing step, or interpolated within it. */
  timing: "stepEnd" | "interpolated";
  /** Refractory period as a count of round(refractoryMs / dtMs) steps, or in continuous time. */
  refractory: "steps" | "continuous";
  /** Record V before each step's update (t = i dt) or after it. */
  voltage?: "before" | "after";
  bug?: LifBug;
}

export type LifBug =
  | "noReset"
  | "noRefractory"
  | "noNoise"
  | "dtInSeconds"
  | "resistanceOffBy1000"
  | "spikeTimesInSeconds"
  | "noiseWithoutSqrtDt"
  | "unseededNoise"
  | "nanOutput"
  | "throws"
  | "wrongShape";

interface Request {
  dtMs: number;
  currentPa: number[];
  trials: number;
  seed: number;
  recordVoltage: number;
  neuron: {
    tauMs: number;
    resistanceMOhm: number;
    restMv: number;
    thresholdMv: number;
    resetMv: number;
    refractoryMs: number;
    initialMv: number;
    noiseSdMv: number;
  };
}

/** A generator shared by every call: what a student who never seeds gets. */
const unseeded = new FakeRandom(987654321);

export function fakeSimulateNeuron(raw: unknown, options: FakeLifOptions): unknown {
  const request = raw as Request;
  const { bug } = options;
  if (bug === "throws")
    throw new TypeError("Cannot read properties of undefined (reading 'length')");
  const n = request.neuron;
  const dt = request.dtMs;
  // The time constant of the dynamics: with dt in seconds against tau in ms, 1000 times too slow.
  const h = bug === "dtInSeconds" ? dt / 1000 : dt;
  const gainMvPerPa = bug === "resistanceOffBy1000" ? n.resistanceMOhm : n.resistanceMOhm * 1e-3;
  const noiseSd = bug === "noNoise" ? 0 : n.noiseSdMv;
  const random = bug === "unseededNoise" ? unseeded : new FakeRandom(request.seed);
  const refractorySteps = Math.round(n.refractoryMs / dt);
  const spikeTimesMs: number[][] = [];
  const voltageMv: number[][] = [];
  for (let k = 0; k < request.trials; k++) {
    let v = n.initialMv;
    let stepsLeft = 0;
    let heldUntilMs = Number.NEGATIVE_INFINITY;
    const spikes: number[] = [];
    const trace: number[] = [];
    const record = k < request.recordVoltage;
    for (let i = 0; i < request.currentPa.length; i++) {
      const t0 = i * dt;
      const t1 = (i + 1) * dt;
      const xi = random.normal();
      if (record && options.voltage !== "after") trace.push(v);
      let start = t0;
      let length = h;
      let held = false;
      if (bug !== "noRefractory") {
        if (options.refractory === "steps" && stepsLeft > 0) {
          stepsLeft--;
          held = true;
        } else if (options.refractory === "continuous" && heldUntilMs >= t1) {
          held = true;
        } else if (options.refractory === "continuous" && heldUntilMs > t0) {
          start = heldUntilMs;
          length = ((t1 - start) * h) / dt;
          if (bug !== "noReset") v = n.resetMv;
        }
      }
      if (held) {
        if (bug !== "noReset") v = n.resetMv;
        if (record && options.voltage === "after") trace.push(v);
        continue;
      }
      const vInf = n.restMv + gainMvPerPa * request.currentPa[i];
      let next: number;
      if (options.scheme === "exact") {
        const decay = Math.exp(-length / n.tauMs);
        const kick =
          bug === "noiseWithoutSqrtDt" ? noiseSd : noiseSd * Math.sqrt(1 - decay * decay);
        next = vInf + (v - vInf) * decay + kick * xi;
      } else {
        const kick =
          bug === "noiseWithoutSqrtDt" ? noiseSd : noiseSd * Math.sqrt((2 * length) / n.tauMs);
        next = v + ((vInf - v) * length) / n.tauMs + kick * xi;
      }
      if (next >= n.thresholdMv) {
        const fraction = v >= n.thresholdMv ? 0 : (n.thresholdMv - v) / (next - v);
        const spikeMs = options.timing === "stepEnd" ? t1 : start + fraction * (t1 - start);
        spikes.push(spikeMs);
        stepsLeft = refractorySteps;
        heldUntilMs = spikeMs + n.refractoryMs;
        v = bug === "noReset" ? next : n.resetMv;
      } else {
        v = next;
      }
      if (record && options.voltage === "after") trace.push(v);
    }
    spikeTimesMs.push(bug === "spikeTimesInSeconds" ? spikes.map((t) => t / 1000) : spikes);
    if (record) voltageMv.push(trace);
  }
  if (bug === "nanOutput" && spikeTimesMs.length > 0) spikeTimesMs[0].push(Number.NaN);
  if (bug === "wrongShape") return spikeTimesMs;
  return request.recordVoltage > 0 ? { spikeTimesMs, voltageMv } : { spikeTimesMs };
}
