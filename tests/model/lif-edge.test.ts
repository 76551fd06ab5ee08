import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import type { LifRequest } from "../../src/model/lif.js";
import { CANONICAL_NEURON } from "../../src/protocol/canonical.js";
import { ROOT } from "../helpers/cli.js";

// Inputs no check sends, which once made the kernel loop for ever. Each runs in a worker thread
// stopped after a time limit, so that a kernel that loops again fails this test instead of
// hanging the suite: a WebAssembly loop cannot be interrupted from its own thread.

const LIMIT_MS = 60_000;

function simulateBounded(request: LifRequest): Promise<number[][]> {
  const worker = new Worker(pathToFileURL(join(ROOT, "tests/model/simulate-worker.ts")), {
    workerData: request,
    execArgv: ["--import", pathToFileURL(join(ROOT, "dev", "register.mjs")).href],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error(`simulateLif did not end within ${LIMIT_MS / 1000} s: the kernel loops`));
    }, LIMIT_MS);
    // Its answer sent, the worker ends by itself: terminating it then could race V8's
    // background compilation for it, which has crashed a process (calibration-pool.ts).
    worker.once("message", (spikes: number[][]) => {
      clearTimeout(timer);
      resolve(spikes);
    });
    worker.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

const quiet = { ...CANONICAL_NEURON, noiseSdMv: 0 };

function constant(currentPa: number, durationMs: number, dtMs: number): Float64Array {
  return new Float64Array(Math.round(durationMs / dtMs)).fill(currentPa);
}

describe("simulateLif on inputs no check sends, as the reference did before its kernel", () => {
  const quietStep: LifRequest = {
    dtMs: 0.5,
    currentPa: constant(150, 200, 0.5),
    trials: 3,
    seed: 1,
    recordVoltage: 0,
    neuron: quiet,
  };

  it("ends on a NaN in the current: that step spikes at NaN in every trial, and they go on", async () => {
    const currentPa = constant(150, 200, 0.5);
    currentPa[5] = Number.NaN;
    const spikeTimesMs = await simulateBounded({ ...quietStep, currentPa });
    for (const trial of spikeTimesMs) {
      expect(trial[0]).toBeNaN();
      expect(trial.slice(1).every((t) => t > 2.5)).toBe(true);
      expect(trial.length).toBeGreaterThan(1);
    }
  }, 90_000);

  it("holds a trial at reset for good after its first spike when refractoryMs is Infinity", async () => {
    const neuron = { ...quiet, refractoryMs: Number.POSITIVE_INFINITY };
    const spikeTimesMs = await simulateBounded({
      ...quietStep,
      currentPa: constant(500, 200, 0.5),
      neuron,
    });
    for (const trial of spikeTimesMs) expect(trial).toHaveLength(1);
  }, 90_000);
});
