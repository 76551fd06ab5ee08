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
