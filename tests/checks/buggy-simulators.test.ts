import { beforeAll, describe, expect, it } from "vitest";
import { type ChecksOutcome, runChecks } from "../../src/checks/run-checks.js";
import type { CheckStatus } from "../../src/protocol/types.js";
import {
  CORRECT_LIF,
  CORRECT_STIMULUS,
  fakeModule,
  inProcess,
  RUBRIC,
  TOLERANCES,
} from "./fakes/harness.js";
import type { LifBug } from "./fakes/lif.js";
import type { StimulusBug } from "./fakes/stimulus.js";

interface Case {
  bug: LifBug | StimulusBug;
  /** Checks that must end so, each with a piece of the message that names the bug. */
  must: Record<string, [CheckStatus, RegExp]>;
  /** Checks the bug does not touch, which must still pass. */
  stillPass: string[];
}

const STIMULUS = ["stimulus.step", "stimulus.ou", "stimulus.frozen"];

const CASES: Case[] = [
  {
    bug: "notFrozen",
    must: { "stimulus.frozen": ["fail", /seed 2021 gave two different currents/] },
    stillPass: ["stimulus.step", "stimulus.ou", "neuron.fi", "neuron.match", "figure1.B"],
  },
  {
    bug: "wrongOuScaling",
    must: { "stimulus.ou": ["fail", /SD is 1\d\d pA, above .*sqrt\(1 - a\^2\)/] },
    stillPass: ["stimulus.step", "stimulus.frozen", "neuron.fi", "neuron.match"],
  },
  {
    bug: "constantOu",
    must: { "stimulus.ou": ["fail", /does not fluctuate/] },
    stillPass: ["stimulus.step", "neuron.fi", "neuron.match"],
  },
  {
    bug: "stepLate",
    must: {
      "stimulus.step": ["fail", /sample 100 \(50\.0 ms\) is 0 pA where 150 pA was expected/],
    },
    stillPass: ["stimulus.ou", "stimulus.frozen", "neuron.fi"],
  },
  {
    bug: "noReset",
    must: {
      "neuron.fi": ["fail", /is V reset to resetMv after a spike\?/],
      "neuron.match": ["fail", /reset/],
      "figure1.rate": ["fail", /outside/],
    },
    stillPass: [...STIMULUS, "neuron.rest"],
  },
  {
    bug: "noRefractory",
    must: {
      "neuron.fi": ["fail", /500 pA .*refractoryMs/],
      "neuron.match": ["fail", /at dt 0\.5 ms the mean Gamma is 0\.\d+, below/],
    },
    stillPass: [...STIMULUS, "neuron.rest", "neuron.noise", "figure1.A", "figure1.B"],
  },
  {
    bug: "noNoise",
    must: {
      "neuron.noise": ["fail", /all 20 voltage traces are identical/],
      "figure1.A": [
        "fail",
        /stay aligned after the first spike \(reliability 1 where at most 0\.4\d+ is accepted/,
      ],
      "figure1.contrast": ["fail", /B is not clearly more reliable than panel A/],
    },
    stillPass: [...STIMULUS, "neuron.rest", "neuron.fi", "neuron.match"],
  },
  {
    bug: "unseededNoise",
    must: { "neuron.noise": ["fail", /seed 11 gave different trials in two runs/] },
    stillPass: [...STIMULUS, "neuron.fi", "neuron.match", "figure1.A", "figure1.B"],
  },
  {
    bug: "dtInSeconds",
    must: {
      "neuron.fi": ["fail", /never fires.*seconds/],
      "neuron.match": ["fail", /fires 0 spikes/],
      "neuron.noise": ["fail", /SD of V at rest is 0\.0\d+ mV/],
      "figure1.A": ["fail", /no spike/],
      "figure1.B": ["fail", /no spike/],
      "figure1.rate": ["fail", /0 Hz/],
    },
    stillPass: [...STIMULUS, "neuron.rest"],
  },
  {
    bug: "resistanceOffBy1000",
    must: {
      "neuron.fi": ["fail", /below the rheobase .* multiplied by 1e-3/],
      "neuron.match": ["fail", /resistanceMOhm \* 1e-3/],
      "figure1.rate": ["fail", /outside/],
    },
    stillPass: [...STIMULUS, "neuron.rest"],
  },
  {
    bug: "spikeTimesInSeconds",
    must: {
      "neuron.fi": ["fail", /in seconds/],
      "neuron.match": ["fail", /report spikeTimesMs in ms, not seconds/],
      "figure1.B": ["fail", /no spike/],
      "figure1.rate": ["fail", /in seconds/],
    },
    stillPass: [...STIMULUS, "neuron.rest"],
  },
  {
    bug: "nanOutput",
    must: {
      "neuron.rest": ["error", /spikeTimesMs\[0\]\[0\] is NaN/],
      "neuron.fi": ["error", /spikeTimesMs\[0\]\[\d+\] is NaN/],
      "figure1.A": ["error", /panel A \(noise seed 7\) could not be composed: .*is NaN/],
      "figure1.rate": ["error", /panel A \(noise seed 7\) could not be composed/],
    },
    stillPass: STIMULUS,
  },
  {
    bug: "throws",
    must: {
      "neuron.rest": [
        "error",
        /threw TypeError: .* in simulateNeuron \(asked to simulate 1000 ms of 0 pA/,
      ],
      "neuron.match": ["error", /threw TypeError/],
      "figure1.B": ["error", /could not be composed: JavaScript threw/],
    },
    stillPass: STIMULUS,
  },
  {
    bug: "wrongShape",
    must: {
      "neuron.fi": [
        "error",
        /simulateNeuron must return an object .*; it returned an array of 1 item \(asked to simulate/,
      ],
      "figure1.contrast": ["error", /could not be composed/],
    },
    stillPass: STIMULUS,
  },
];

describe("buggy simulators fail the check that names their bug", () => {
  for (const c of CASES) {
    describe(c.bug, () => {
      let outcome: ChecksOutcome;
      beforeAll(async () => {
        const module = fakeModule(
          { ...CORRECT_LIF, bug: c.bug as LifBug },
          { ...CORRECT_STIMULUS, bug: c.bug as StimulusBug },
        );
        outcome = await runChecks(
          { kind: "simulator", simulator: inProcess(module) },
          { rubric: RUBRIC, tolerances: TOLERANCES },
        );
      });
      const byId = (id: string) => {
        const found = outcome.checks.find((r) => r.id === id);
        if (!found) throw new Error(`no verdict for ${id}`);
        return found;
      };

      for (const [id, [status, message]] of Object.entries(c.must)) {
        it(`${id}: ${status}, saying why`, () => {
          const result = byId(id);
          expect(result.status).toBe(status);
          expect(result.message).toMatch(message);
          expect(result.points).toBe(0);
          expect(result.maxPoints).toBeGreaterThan(0);
        });
      }
      it(`passes what it does not break: ${c.stillPass.join(", ")}`, () => {
        for (const id of c.stillPass)
          expect([id, byId(id).status, byId(id).message]).toEqual([id, "pass", byId(id).message]);
        expect(outcome.passed).toBe(false);
        expect(outcome.score).toBeLessThan(outcome.maxScore);
      });
    });
  }
});
