import { describe, expect, it } from "vitest";
import { CANONICAL_NEURON } from "../../src/protocol/canonical.js";
import {
  type BugKind,
  type FaithfulVariant,
  faithfulVariant,
  PLAIN_VARIANT,
  type SimulatorOptions,
  studentModule,
} from "./simulators.js";

// The family by hand, without the checks: what the contract says of a faithful simulator holds for every
// knob, and each bug breaks what its catalogue entry says it breaks.

interface Response {
  spikeTimesMs: number[][];
  voltageMv: number[][];
}

const NEURON = { ...CANONICAL_NEURON, noiseSdMv: 0.2 };

function simulate(
  options: SimulatorOptions,
  currentPa: number[],
  dtMs: number,
  more: { trials?: number; seed?: number; recordVoltage?: number; noiseSdMv?: number } = {},
): Response {
  const { trials = 1, seed = 3, recordVoltage = trials, noiseSdMv = NEURON.noiseSdMv } = more;
  const neuron = { ...NEURON, noiseSdMv };
  return studentModule(options).simulateNeuron({
    dtMs,
    currentPa,
    trials,
    seed,
    recordVoltage,
    neuron,
  }) as Response;
}

function stimulus(options: SimulatorOptions, request: object): number[] {
  return (studentModule(options).makeStimulus(request) as { currentPa: number[] }).currentPa;
}

const constant = (pa: number, dtMs: number, durationMs = 1000) =>
  new Array<number>(Math.round(durationMs / dtMs)).fill(pa);

/** SD of V at rest under noise alone, pooled over trials, after 150 ms (five tau) of settling. */
function restingSd(options: SimulatorOptions, dtMs: number): number {
  const { voltageMv } = simulate(options, constant(0, dtMs, 600), dtMs, { trials: 100 });
  const from = Math.round(150 / dtMs);
  let sum = 0;
  let squares = 0;
  let count = 0;
  for (const trace of voltageMv) {
    for (let i = from; i < trace.length; i++) {
      sum += trace[i];
      squares += trace[i] * trace[i];
      count++;
    }
  }
  const mean = sum / count;
  return Math.sqrt(squares / count - mean * mean);
}

const INTEGRATIONS: FaithfulVariant["integration"][] = ["exact", "euler", "expEuler", "heun"];
const variant = (changes: Partial<SimulatorOptions>): SimulatorOptions => ({
  ...PLAIN_VARIANT,
  ...changes,
});

describe("faithful students", () => {
  for (const integration of INTEGRATIONS) {
    for (const dtMs of [0.1, 0.5, 1]) {
      it(`${integration} at dt ${dtMs} ms: V at rest has SD noiseSdMv (0.2 mV)`, () => {
        const sd = restingSd(variant({ integration, noiseGenerator: "own" }), dtMs);
        expect(sd).toBeGreaterThan(0.18);
        expect(sd).toBeLessThan(0.22);
      });
    }
  }

  it("the trace starts at initialMv, reads resetMv while refractory and stays below threshold", () => {
    for (const refractory of ["floor", "nearest", "ceil", "continuous"] as const) {
      for (const spikeTiming of ["stepEnd", "interpolated"] as const) {
        const options = variant({ refractory, spikeTiming, integration: "euler" });
        const dtMs = 0.25;
        const { spikeTimesMs, voltageMv } = simulate(options, constant(300, dtMs), dtMs);
        const trace = voltageMv[0];
        expect(trace[0]).toBe(NEURON.initialMv);
        expect(Math.max(...trace)).toBeLessThan(NEURON.thresholdMv);
        expect(spikeTimesMs[0].length).toBeGreaterThan(20);
        for (const t of spikeTimesMs[0]) {
          // Samples whose start lies inside (spike, spike + refractoryMs) are held.
          for (let i = Math.ceil(t / dtMs + 1e-9); (i + 1) * dtMs <= t + 2 - 1e-9; i++) {
            expect([refractory, spikeTiming, t, i, trace[i]]).toEqual([
              refractory,
              spikeTiming,
              t,
              i,
              NEURON.resetMv,
            ]);
          }
        }
      }
    }
  });

  it("the same seed gives the same trials, another seed other trials", () => {
    const options = faithfulVariant(5);
    const current = constant(150, 0.5);
    const a = simulate(options, current, 0.5, { trials: 3, seed: 11 });
    expect(simulate(options, current, 0.5, { trials: 3, seed: 11 })).toEqual(a);
    expect(simulate(options, current, 0.5, { trials: 3, seed: 12 })).not.toEqual(a);
    expect(a.spikeTimesMs[0]).not.toEqual(a.spikeTimesMs[1]);
  });

  it("own generators differ between draws for the same seed; numpy's does not", () => {
    const current = constant(150, 0.5);
    const own = (draw: number) =>
      simulate(variant({ draw, noiseGenerator: "own" }), current, 0.5, { seed: 7 });
    expect(own(1).spikeTimesMs).not.toEqual(own(2).spikeTimesMs);
    const numpy = (draw: number) =>
      simulate(variant({ draw, noiseGenerator: "numpy" }), current, 0.5, { seed: 7 });
    expect(numpy(1)).toEqual(numpy(2));
  });

  it("steps are exact at their edges, by indices or by times, at every public dt", () => {
    for (const window of ["indices", "times"] as const) {
      for (const dtMs of [0.1, 0.25, 0.5, 1]) {
        const request = {
          kind: "step",
          dtMs,
          durationMs: 1000,
          onsetMs: 50,
          offsetMs: 950,
          meanPa: 150,
        };
        const current = stimulus(variant({ window }), request);
        expect(current).toHaveLength(Math.round(1000 / dtMs));
        const on = Math.round(50 / dtMs);
        const off = Math.round(950 / dtMs);
        expect([current[on - 1], current[on], current[off - 1], current[off]]).toEqual([
          0, 150, 150, 0,
        ]);
      }
    }
  });

  it("the OU current has the requested mean and SD and is frozen by its seed", () => {
    for (const ouScheme of ["exact", "euler"] as const) {
      for (const stimulusGenerator of ["numpy", "own"] as const) {
        const options = variant({ ouScheme, stimulusGenerator });
        const request = {
          kind: "ou",
          dtMs: 0.1,
          durationMs: 20_000,
          onsetMs: 0,
          offsetMs: 20_000,
          meanPa: 150,
          sdPa: 100,
          tauMs: 3,
          seed: 4,
        };
        const current = stimulus(options, request);
        const mean = current.reduce((s, x) => s + x, 0) / current.length;
        const sd = Math.sqrt(current.reduce((s, x) => s + (x - mean) ** 2, 0) / current.length);
        expect(Math.abs(mean - 150)).toBeLessThan(10);
        expect(sd).toBeGreaterThan(90);
        expect(sd).toBeLessThan(110);
        expect(stimulus(options, request)).toEqual(current);
        expect(stimulus(options, { ...request, seed: 5 })).not.toEqual(current);
      }
    }
  });

  it("faithfulVariant is a function of the draw", () => {
    expect(faithfulVariant(17)).toEqual(faithfulVariant(17));
    const picks = new Set(Array.from({ length: 40 }, (_, d) => faithfulVariant(d).integration));
    expect(picks.size).toBe(4);
  });
});

describe("bugs break what the catalogue says", () => {
  const bugged = (bug: BugKind, changes: Partial<SimulatorOptions> = {}) =>
    variant({ ...changes, bug });

  it("the noise's size: wrong at some dt for each noise-size kind", () => {
    const sizes = (bug: BugKind) => [0.1, 0.5].map((dt) => restingSd(bugged(bug), dt) / 0.2);
    const [without01, without05] = sizes("noise-without-sqrt-dt");
    expect(without01).toBeGreaterThan(2.8);
    expect(without05).toBeGreaterThan(1.3);
    expect(sizes("noise-scaled-by-dt")[0]).toBeLessThan(0.4);
    for (const ratio of sizes("noise-missing-factor-2")) expect(ratio).toBeCloseTo(Math.SQRT1_2, 1);
    for (const ratio of sizes("noise-variance-as-sd")) expect(ratio).toBeCloseTo(0.2, 1);
    for (const ratio of sizes("no-noise")) expect(ratio).toBe(0);
  });

  it("noise not fresh per trial or per step", () => {
    const current = constant(150, 0.5);
    const same = simulate(bugged("noise-same-every-trial"), current, 0.5, { trials: 3 });
    expect(same.spikeTimesMs[1]).toEqual(same.spikeTimesMs[0]);
    // Once per trial: V at rest settles at an offset of its own, without fluctuating.
    const once = simulate(bugged("noise-once-per-trial"), constant(0, 0.5), 0.5, { trials: 2 });
    const late = once.voltageMv.map((trace) => trace.slice(1000));
    for (const trace of late) expect(Math.max(...trace) - Math.min(...trace)).toBeLessThan(0.01);
    expect(Math.abs(late[0][0] - late[1][0])).toBeGreaterThan(0.05);
  });

  it("seeds: unseeded differs between identical calls; a constant seed ignores the request", () => {
    const current = constant(150, 0.5);
    const module = studentModule(bugged("unseeded-noise"));
    const call = (seed: number) =>
      module.simulateNeuron({
        dtMs: 0.5,
        currentPa: current,
        trials: 2,
        seed,
        recordVoltage: 0,
        neuron: NEURON,
      });
    expect(call(1)).not.toEqual(call(1));
    const ignored = bugged("noise-seed-ignored");
    expect(simulate(ignored, current, 0.5, { seed: 1 })).toEqual(
      simulate(ignored, current, 0.5, { seed: 2 }),
    );
  });

  it("the trace kinds: shifted, not reset at spikes, not reset while refractory", () => {
    const dtMs = 0.5;
    const current = constant(300, dtMs);
    const plain = simulate(variant({ noiseGenerator: "own" }), current, dtMs, { noiseSdMv: 0 });
    const shifted = simulate(bugged("trace-after-update"), current, dtMs, { noiseSdMv: 0 });
    expect(shifted.spikeTimesMs).toEqual(plain.spikeTimesMs);
    expect(shifted.voltageMv[0].slice(0, -1)).toEqual(plain.voltageMv[0].slice(1));
    expect(shifted.voltageMv[0][0]).not.toBe(NEURON.initialMv);
    for (const bug of ["trace-not-reset-at-spike", "trace-refractory-not-reset"] as const) {
      const broken = simulate(bugged(bug), current, dtMs, { noiseSdMv: 0 });
      expect(broken.spikeTimesMs).toEqual(plain.spikeTimesMs);
      expect(Math.max(...broken.voltageMv[0])).toBeGreaterThanOrEqual(NEURON.thresholdMv);
    }
    const free = simulate(bugged("trace-refractory-not-reset"), current, dtMs, { noiseSdMv: 0 });
    const first = free.spikeTimesMs[0][0];
    expect(free.voltageMv[0][Math.round(first / dtMs) + 2]).toBeGreaterThan(NEURON.resetMv);
  });

  it("the step kinds: one sample late, offset inclusive, one sample long, in nA", () => {
    const request = {
      kind: "step",
      dtMs: 0.5,
      durationMs: 1000,
      onsetMs: 50,
      offsetMs: 950,
      meanPa: 150,
    };
    for (const window of ["indices", "times"] as const) {
      const late = stimulus(bugged("step-one-sample-late", { window }), request);
      expect([late[100], late[101]]).toEqual([0, 150]);
      const inclusive = stimulus(bugged("step-offset-inclusive", { window }), request);
      expect([inclusive[1899], inclusive[1900], inclusive[1901]]).toEqual([150, 150, 0]);
    }
    expect(stimulus(bugged("stimulus-one-sample-long"), request)).toHaveLength(2001);
    expect(stimulus(bugged("step-in-nanoamps"), request)[500]).toBe(0.15);
  });

  it("the protocol kinds: a trial short, every trial's voltage, the stimulus at dt 0.5 ms", () => {
    const current = constant(150, 0.5);
    const short = simulate(bugged("trials-one-short"), current, 0.5, {
      trials: 5,
      recordVoltage: 2,
    });
    expect(short.spikeTimesMs).toHaveLength(4);
    const every = simulate(bugged("voltage-for-every-trial"), current, 0.5, {
      trials: 5,
      recordVoltage: 2,
    });
    expect(every.voltageMv).toHaveLength(5);
    const request = {
      kind: "step",
      dtMs: 0.1,
      durationMs: 1000,
      onsetMs: 50,
      offsetMs: 950,
      meanPa: 150,
    };
    expect(stimulus(bugged("stimulus-dt-fixed"), request)).toHaveLength(2000);
  });

  it("the OU window kind leaves current outside the window", () => {
    const request = {
      kind: "ou",
      dtMs: 0.5,
      durationMs: 1000,
      onsetMs: 50,
      offsetMs: 950,
      meanPa: 150,
      sdPa: 100,
      tauMs: 3,
      seed: 1,
    };
    expect(stimulus(variant({}), request)[10]).toBe(0);
    expect(stimulus(bugged("ou-window-ignored"), request)[10]).not.toBe(0);
  });

  it("dt-fixed is right at dt 0.5 ms only", () => {
    const plain = variant({ noiseGenerator: "own" });
    const fixed = bugged("dt-fixed", { noiseGenerator: "own" });
    const at = (options: SimulatorOptions, dtMs: number) =>
      simulate(options, constant(200, dtMs), dtMs, { noiseSdMv: 0 }).spikeTimesMs[0].length;
    expect(at(fixed, 0.5)).toBe(at(plain, 0.5));
    // Each of the 10,000 samples advances 0.5 ms: 5 s of firing where 1 s belongs.
    expect(at(fixed, 0.1)).toBeGreaterThan(at(plain, 0.1) * 3);
  });
});
