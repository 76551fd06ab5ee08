import { describe, expect, it } from "vitest";
import { CANONICAL_NEURON } from "../protocol/canonical.js";
import type { NeuronParameters } from "../protocol/types.js";
import { type LifOptions, simulateLif } from "./lif.js";
import { lifRateHz, rheobasePa } from "./lif-theory.js";

const quiet: NeuronParameters = { ...CANONICAL_NEURON, noiseSdMv: 0 };

function constant(currentPa: number, durationMs: number, dtMs: number): Float64Array {
  return new Float64Array(Math.round(durationMs / dtMs)).fill(currentPa);
}

/** The steady-state rate: the mean inter-spike interval after the first spike, as a rate. */
function steadyRateHz(spikes: number[]): number {
  if (spikes.length < 3) return 0;
  return (1000 * (spikes.length - 1)) / (spikes[spikes.length - 1] - spikes[0]);
}

const schemes: LifOptions[] = [
  { scheme: "exact", spikeTiming: "interpolated" },
  { scheme: "euler", spikeTiming: "interpolated" },
];

describe("simulateLif against the closed-form f-I curve", () => {
  it("rheobase of the canonical neuron is 17 mV / 130 MOhm", () => {
    expect(rheobasePa(CANONICAL_NEURON)).toBeCloseTo(130.769, 3);
    expect(lifRateHz(150, CANONICAL_NEURON)).toBeCloseTo(1000 / (2 + 30 * Math.log(29.5 / 2.5)), 9);
  });

  for (const options of schemes) {
    it(`${options.scheme}: rates within 0.5 % of theory at dt 0.1 ms`, () => {
      for (const currentPa of [135, 150, 200, 300, 500]) {
        const { spikeTimesMs } = simulateLif(
          {
            dtMs: 0.1,
            currentPa: constant(currentPa, 3000, 0.1),
            trials: 1,
            seed: 1,
            recordVoltage: 0,
            neuron: quiet,
          },
          options,
        );
        const theory = lifRateHz(currentPa, quiet);
        expect(Math.abs(steadyRateHz(spikeTimesMs[0]) / theory - 1)).toBeLessThan(0.005);
      }
    });
  }

  it("is silent below rheobase and holds rest with no current and no noise", () => {
    for (const currentPa of [0, 100, 130]) {
      const result = simulateLif({
        dtMs: 0.5,
        currentPa: constant(currentPa, 1000, 0.5),
        trials: 2,
        seed: 3,
        recordVoltage: 1,
        neuron: quiet,
      });
      expect(result.spikeTimesMs).toEqual([[], []]);
      if (currentPa === 0)
        expect(Math.max(...result.voltageMv[0].map((v) => Math.abs(v + 70)))).toBe(0);
    }
  });
});

/**
 * The kernel's standard normals, as drawn for trials 0 and 1 (the two lanes of its generator): a
 * membrane with no memory (tau so small that the decay is 0, the noise scale 1) records them, V
 * after step i being exactly the normal of step i.
 */
function kernelNormals(seed: number, steps: number): Float64Array[] {
  const forgetful: NeuronParameters = {
    ...{ tauMs: 1e-300, resistanceMOhm: 0, restMv: 0, thresholdMv: 1e300, resetMv: 0 },
    ...{ refractoryMs: 0, initialMv: 0, noiseSdMv: 1 },
  };
  const { voltageMv } = simulateLif({
    dtMs: 1,
    currentPa: new Float64Array(steps + 1),
    trials: 2,
    seed,
    recordVoltage: 2,
    neuron: forgetful,
  });
  return voltageMv.map((trace) => trace.subarray(1));
}

describe("the intrinsic noise's generator (xoroshiro128++ and a ziggurat, lif-kernel.wat)", () => {
  it("draws standard normals: mean, SD, both tails and the ziggurat's tail past R", () => {
    const [a, b] = kernelNormals(11, 1_000_000);
    const z = Float64Array.from([...a, ...b]);
    const n = z.length;
    let sum = 0;
    let squares = 0;
    for (const x of z) {
      sum += x;
      squares += x * x;
    }
    const mean = sum / n;
    const sd = Math.sqrt(squares / n - mean * mean);
    // Four standard errors: 1/sqrt(n) for the mean, 1/sqrt(2n) for the SD.
    expect(Math.abs(mean)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(sd - 1)).toBeLessThan(4 / Math.sqrt(2 * n));
    // P(z > t) for the normal law (scipy.stats.norm.sf), each side counted apart; R = 3.654 is
    // where the ziggurat's tail algorithm takes over.
    const upperTail: [number, number][] = [
      [1, 0.15865525393145707],
      [2, 0.022750131948179195],
      [3, 0.0013498980316300933],
      [3.6541528853610088, 0.00012901624382695038],
      [4, 3.167124183311986e-5],
    ];
    for (const [t, p] of upperTail) {
      let above = 0;
      let below = 0;
      for (const x of z) {
        if (x > t) above++;
        else if (x < -t) below++;
      }
      const expected = n * p;
      const slack = 4 * Math.sqrt(expected * (1 - p));
      for (const [side, count] of [
        [`z > ${t}`, above],
        [`z < -${t}`, below],
      ] as const) {
        expect(Math.abs(count - expected), side).toBeLessThan(slack);
      }
    }
  });

  it("gives the same normals for a seed, on every run and machine, and others for another seed", () => {
    // The first normals of seed 7, lanes 0 and 1: a change of generator, seeding or tables shows.
    const [a, b] = kernelNormals(7, 2);
    expect(Array.from(a)).toEqual([0.29206704558325963, 0.06345997513947498]);
    expect(Array.from(b)).toEqual([-0.4447876001002843, -2.0518755797406727]);
    const [c] = kernelNormals(8, 2);
    expect(Array.from(c)).not.toEqual(Array.from(a));
  });

  it("reproduces a noisy run bit for bit from its seed, spikes and voltage", () => {
    const request = {
      dtMs: 0.1,
      currentPa: constant(150, 1000, 0.1),
      trials: 25,
      seed: 2024,
      recordVoltage: 25,
      neuron: CANONICAL_NEURON,
    };
    for (const options of [{}, { scheme: "heun", spikeTiming: "stepEnd" }] as const) {
      const first = simulateLif(request, options);
      const second = simulateLif(request, options);
      expect(second.spikeTimesMs).toEqual(first.spikeTimesMs);
      for (let k = 0; k < 25; k++) {
        const same = Buffer.from(second.voltageMv[k].buffer).equals(
          Buffer.from(first.voltageMv[k].buffer),
        );
        expect(same, `trial ${k}'s voltage`).toBe(true);
      }
    }
  });

  it("refuses a seed that is not a whole number from 0 to 2**53 - 1", () => {
    for (const seed of [-1, 0.5, 2 ** 53]) {
      expect(() => simulateLif({ ...kernelRequest, seed })).toThrow(RangeError);
    }
  });
});

const kernelRequest = {
  dtMs: 0.5,
  currentPa: new Float64Array(10),
  trials: 1,
  seed: 0,
  recordVoltage: 0,
  neuron: CANONICAL_NEURON,
};

describe("simulateLif under intrinsic noise", () => {
  // The free membrane (no current, threshold out of reach) is an Ornstein-Uhlenbeck process whose
  // stationary SD is noiseSdMv whatever dt (exact scheme); Euler's discrete AR(1) has variance
  // noiseSdMv^2 / (1 - dt / (2 tau)).
  for (const dtMs of [0.1, 0.5, 1]) {
    it(`stationary SD is noiseSdMv at dt ${dtMs} ms`, () => {
      const neuron = { ...CANONICAL_NEURON, thresholdMv: 1e9, noiseSdMv: 0.2 };
      const steps = Math.round(200_000 / dtMs);
      const result = simulateLif({
        dtMs,
        currentPa: new Float64Array(steps),
        trials: 1,
        seed: 11,
        recordVoltage: 1,
        neuron,
      });
      const v = result.voltageMv[0].subarray(Math.round(300 / dtMs)); // past 10 tau of transient
      let sum = 0;
      let sq = 0;
      for (const x of v) {
        sum += x;
        sq += x * x;
      }
      const mean = sum / v.length;
      const sd = Math.sqrt(sq / v.length - mean * mean);
      // The SD estimate of a trace with correlation time 30 ms over ~200 s has ~2 % standard error
      // (roughly sqrt(tau / T)); 8 % is four of them.
      expect(Math.abs(mean + 70)).toBeLessThan(0.02);
      expect(Math.abs(sd / 0.2 - 1)).toBeLessThan(0.08);
    });
  }

  const noisy = {
    dtMs: 0.5,
    currentPa: constant(150, 1000, 0.5),
    trials: 5,
    recordVoltage: 2,
    neuron: CANONICAL_NEURON,
  };

  it("the same seed gives the same trials; another seed other trials", () => {
    const a = simulateLif({ ...noisy, seed: 7 });
    const b = simulateLif({ ...noisy, seed: 7 });
    const c = simulateLif({ ...noisy, seed: 8 });
    expect(b).toEqual(a);
    expect(c.spikeTimesMs).not.toEqual(a.spikeTimesMs);
    // trials differ from each other under noise
    expect(a.spikeTimesMs[1]).not.toEqual(a.spikeTimesMs[0]);
  });

  it("noise off gives identical trials", () => {
    const r = simulateLif({ ...noisy, seed: 7, neuron: quiet });
    for (const trial of r.spikeTimesMs) expect(trial).toEqual(r.spikeTimesMs[0]);
  });

  it("stepEnd timing reports spikes at step ends and holds reset for round(ref / dt) steps", () => {
    const r = simulateLif(
      { ...noisy, seed: 7, neuron: quiet, recordVoltage: 1 },
      { spikeTiming: "stepEnd" },
    );
    const spikes = r.spikeTimesMs[0];
    expect(spikes.length).toBeGreaterThan(5);
    for (const t of spikes) expect(t / 0.5).toBe(Math.round(t / 0.5));
    const i = spikes[1] / 0.5; // the sample that starts at the spike
    expect(Array.from(r.voltageMv[0].subarray(i, i + 5))).toEqual([-80, -80, -80, -80, -80]);
    expect(r.voltageMv[0][i + 5]).toBeGreaterThan(-80);
  });

  it("records voltage of the first recordVoltage trials only, starting at initialMv", () => {
    const r = simulateLif({ ...noisy, seed: 7, recordVoltage: 3 });
    expect(r.voltageMv).toHaveLength(3);
    expect(r.voltageMv[0]).toHaveLength(2000);
    expect(r.voltageMv[0][0]).toBe(-70);
    for (const trace of r.voltageMv) for (const x of trace) expect(x).toBeLessThan(-53);
  });
});
