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

/**
 * A value as it arrives over the wire: a fresh copy of plain arrays and objects, typed arrays as
 * lists, non-finite numbers as the runners carry them ({"$nonFinite": "NaN"}), undefined object
 * members dropped. Walked by hand: JSON text with a replacer costs more than the checks.
 */
function encode(value: unknown): unknown {
  if (typeof value === "number") {
    if (Number.isFinite(value)) return value;
    return { $nonFinite: Number.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity" };
  }
  if (value === null || typeof value !== "object") {
    return typeof value === "function" || value === undefined ? null : value;
  }
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const list = value as unknown as ArrayLike<number>;
    const out = new Array<unknown>(list.length);
    for (let i = 0; i < list.length; i++) out[i] = encode(list[i]);
    return out;
  }
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : encode(item)));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item !== undefined && typeof item !== "function") out[key] = encode(item);
  }
  return out;
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
        const value = encode(module[fn](structuredClone(request)));
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
