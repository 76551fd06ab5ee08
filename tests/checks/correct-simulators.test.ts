import { describe, expect, it } from "vitest";
import { runChecks } from "../../src/checks/run-checks.js";
import type { ParameterValues } from "../../src/protocol/types.js";
import { fakeModule, inProcess, RUBRIC, rubricAtDt, TOLERANCES } from "./fakes/harness.js";
import type { FakeLifOptions } from "./fakes/lif.js";
import type { FakeStimulusOptions } from "./fakes/stimulus.js";

/** Every faithful way the contract allows: exact or Euler, step-end or interpolated, steps or continuous refractory. */
const LIF_VARIANTS: FakeLifOptions[] = [];
for (const scheme of ["exact", "euler"] as const) {
  for (const timing of ["stepEnd", "interpolated"] as const) {
    for (const refractory of ["steps", "continuous"] as const) {
      LIF_VARIANTS.push({ scheme, timing, refractory });
    }
  }
}

const STIMULUS_VARIANTS: FakeStimulusOptions[] = [
  { ou: "exact", window: "compareTimes" },
  { ou: "euler", window: "roundIndices" },
];

/** Inputs no student has seen, as the grading issue will derive them from a course secret. */
const HIDDEN: Record<string, ParameterValues> = {
  "stimulus.ou:hidden": { seed: 31_337, dtMs: [0.25] },
  "neuron.fi:hidden": { dtMs: [0.1] },
  "neuron.match:hidden": { stimulusSeeds: [101, 102, 103, 104, 105], dtMs: [0.25] },
  "figure1.B:hidden": { stimulusSeeds: [4242, 4343, 4444, 4545], noiseSeed: 99 },
};

describe("faithful simulators pass every check (no false rejection)", () => {
  for (const dtMs of [0.1, 0.25, 0.5]) {
    LIF_VARIANTS.forEach((lif, i) => {
      const stimulus = STIMULUS_VARIANTS[i % STIMULUS_VARIANTS.length];
      const name = `${lif.scheme}/${lif.timing}/${lif.refractory} refractory, ${stimulus.ou} OU, harness at dt ${dtMs} ms`;
      it(name, async () => {
        const outcome = await runChecks(
          { kind: "simulator", simulator: inProcess(fakeModule(lif, stimulus)) },
          {
            rubric: rubricAtDt(RUBRIC, dtMs),
            tolerances: TOLERANCES,
            includeHidden: true,
            hiddenInputs: (id) => HIDDEN[id],
          },
        );
        const notPassed = outcome.checks.filter((c) => c.status !== "pass");
        expect(notPassed.map((c) => `${c.id}: ${c.message}`)).toEqual([]);
        expect(outcome.passed).toBe(true);
        expect(outcome.score).toBe(outcome.maxScore);
        expect(outcome.checks).toHaveLength(RUBRIC.checks.length - 2); // all but manifest and load
      });
    });
  }

  it("but not when V is recorded after each step's update: the contract's voltageMv[k][i] is V at the start of sample i", async () => {
    const lif: FakeLifOptions = { ...LIF_VARIANTS[0], voltage: "after" };
    const outcome = await runChecks(
      { kind: "simulator", simulator: inProcess(fakeModule(lif, STIMULUS_VARIANTS[0])) },
      { rubric: RUBRIC, tolerances: TOLERANCES },
    );
    const failed = outcome.checks.filter((c) => c.status !== "pass");
    expect(failed.map((c) => c.id)).toEqual(["neuron.trace"]);
    expect(failed[0].message).toMatch(/one sample ahead/);
    expect(outcome.panels?.A?.voltageMv).toHaveLength(10);
  });
});
