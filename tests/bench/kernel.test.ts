import { describe, expect, it } from "vitest";
import { agreement, benchKernel, kernelLines } from "./kernel.js";

// npm run bench's kernel benchmark at a tiny size: the C and numpy baselines compile and run on
// the same input as the kernel, and their spike counts agree with its. No timing is asserted.
describe("the kernel benchmark, tiny", () => {
  it("runs the kernel, C, numpy and the old kernel on 6 trials, their mean spike counts agreeing", async () => {
    const [only] = await benchKernel({ trials: [6], dtsMs: [0.5], repeats: 1 });
    expect(only).toMatchObject({ dtMs: 0.5, trials: 6, neuronSteps: 12_000 });
    for (const [name, a] of Object.entries(only.agreement)) expect(a.agree, name).toBe(true);
    // Panel B's current makes the canonical neuron fire about 14 times a trial.
    expect(only.meanSpikes.kernel).toBeGreaterThan(10);
    // The C loop draws the kernel's own normals: the same spikes, not only as many on average.
    expect(only.meanSpikes.c).toBe(only.meanSpikes.kernel);
    for (const ns of Object.values(only.nsPerNeuronStep)) expect(ns).toBeGreaterThan(0);
    expect(kernelLines([only]).join("\n")).toMatch(/0\.5\s+6\s/);
  }, 300_000);

  it("tells counts that differ by more than chance from counts that do not", () => {
    expect(agreement([14, 14, 14, 14], [15, 15, 15, 15]).agree).toBe(false);
    expect(agreement([14, 15, 14, 15], [15, 14, 15, 14]).agree).toBe(true);
    expect(agreement([14, 14, 14, 14], [14, 14, 14, 15]).agree).toBe(true);
  });
});
