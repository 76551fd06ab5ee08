import { describe, expect, it } from "vitest";
import { runSweepBench } from "../bench/sweep.js";

// The sweep benchmark (npm run bench: 32 x 32 points of 25 trials) on a tiny grid, so that the
// harness itself is held to what it reports: both sides run the same points, and the C loop's
// neuron is spikegrade's (the same rate under a constant current).
describe("the sweep benchmark, tiny", () => {
  it("runs the C loop and spikegrade sweep on the same 3 x 3 (+3) points", async () => {
    const bench = await runSweepBench({
      sdCount: 3,
      tauCount: 3,
      trials: 5,
      durationMs: 600,
      dtMs: 0.5,
      jobs: 2,
      repeats: 1,
      sampleEvery: 1,
    });
    expect(bench.points).toBe(12);
    expect(bench.neuronSteps).toBe(12 * 5 * 1200);
    expect(bench.wholeProcessMs.c).toHaveLength(1);
    expect(bench.wholeProcessMs.sweep).toHaveLength(1);
    // 500 ms of a constant 150 pA: about 13 Hz on both sides; one spike more in one trial of
    // five moves the rate by 0.4 Hz.
    expect(bench.stepRateHz.sweep).toBeGreaterThan(11);
    expect(Math.abs(bench.stepRateHz.c - bench.stepRateHz.sweep)).toBeLessThan(1.2);
    expect(bench.perPointMs.simulate).toBeGreaterThan(0);
    expect(bench.figuresMs).toBeGreaterThan(0);
  }, 600_000);
});
