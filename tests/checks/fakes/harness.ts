import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { CheckSimulator } from "../../../src/checks/session.js";
import { packageRoot } from "../../../src/protocol/package-root.js";
import type { Rubric, Tolerances } from "../../../src/protocol/types.js";
import type { CallResult, SimulatorFunction } from "../../../src/submission/call-result.js";
import { type FakeLifOptions, fakeSimulateNeuron } from "./lif.js";
import { type FakeStimulusOptions, fakeMakeStimulus } from "./stimulus.js";

/** The two functions of a student's module, as plain TypeScript. */
export interface FakeModule {
  makeStimulus(request: unknown): unknown;
  simulateNeuron(request: unknown): unknown;
}

/** Non-finite numbers as the runners carry them over JSON. */
function encode(value: unknown): unknown {
  const text = JSON.stringify(value, (_key, v) =>
    typeof v === "number" && !Number.isFinite(v)
      ? { $nonFinite: Number.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity" }
      : v,
  );
  return text === undefined ? null : JSON.parse(text);
}

/**
 * A simulator in this process behind the checks' call interface: requests and responses go
 * through JSON as they would over the wire, a throw is an "exception" failure.
 */
export function inProcess(module: FakeModule): CheckSimulator & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async call(fn: SimulatorFunction, request: object): Promise<CallResult> {
      calls.push(fn);
      const started = performance.now();
      try {
        const value = encode(module[fn](JSON.parse(JSON.stringify(request))));
        return { ok: true, value, ms: performance.now() - started };
      } catch (error) {
        const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        return { ok: false, kind: "exception", message: `JavaScript threw ${what} in ${fn}` };
      }
    },
  };
}

export function fakeModule(lif: FakeLifOptions, stimulus: FakeStimulusOptions): FakeModule {
  return {
    makeStimulus: (request) => fakeMakeStimulus(request, stimulus),
    simulateNeuron: (request) => fakeSimulateNeuron(request, lif),
  };
}

export const CORRECT_STIMULUS: FakeStimulusOptions = { ou: "exact", window: "compareTimes" };
export const CORRECT_LIF: FakeLifOptions = {
  scheme: "exact",
  timing: "interpolated",
  refractory: "continuous",
};

const referenceFile = (name: string) =>
  JSON.parse(readFileSync(join(packageRoot(), "reference", name), "utf8"));

/** The committed reference/rubric.json and tolerances.json, as the checks run with them. */
export const RUBRIC: Rubric = referenceFile("rubric.json");
export const TOLERANCES: Tolerances = referenceFile("tolerances.json");

/** A copy of the rubric with every dtMs parameter of the stimulus and neuron checks set to dtMs. */
export function rubricAtDt(rubric: Rubric, dtMs: number): Rubric {
  const copy: Rubric = structuredClone(rubric);
  for (const check of copy.checks) {
    const p = check.parameters;
    if (p === undefined || p.dtMs === undefined) continue;
    p.dtMs = Array.isArray(p.dtMs) ? [dtMs] : dtMs;
  }
  return copy;
}
