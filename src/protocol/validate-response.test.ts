import { describe, expect, test } from "vitest";
import { CANONICAL_NEURON, canonicalOu, canonicalStep } from "./canonical.js";
import type { SimulateRequest } from "./types.js";
import {
  simulateResponseProblems,
  spikeTrainProblems,
  stimulusResponseProblems,
  validateSimulateResponse,
  validateStimulusResponse,
} from "./validate-response.js";
import type { Validation } from "./validation.js";

function errorsOf<T>(result: Validation<T>) {
  return result.ok ? [] : result.errors;
}

/** 4 samples of 0.5 ms: a trial of 2 ms. */
const request: SimulateRequest = {
  dtMs: 0.5,
  currentPa: [0, 100, 100, 0],
  trials: 3,
  seed: 7,
  recordVoltage: 2,
  neuron: { ...CANONICAL_NEURON },
};

describe("makeStimulus responses", () => {
  const step = { ...canonicalStep(), durationMs: 10 }; // 20 samples

  test("exactly round(durationMs / dtMs) samples", () => {
    expect(stimulusResponseProblems({ currentPa: Array(20).fill(0) }, step)).toEqual([]);
    expect(stimulusResponseProblems({ currentPa: Array(19).fill(0) }, step)).toEqual([
      {
        path: "currentPa",
        message: "currentPa has 19 samples; expected 20, round(durationMs 10 / dtMs 0.5)",
      },
    ]);
  });

  test("non-finite samples are named, with how many more there are", () => {
    const currentPa = Array(20).fill(1);
    currentPa[3] = Number.NaN;
    currentPa[9] = Number.POSITIVE_INFINITY;
    expect(stimulusResponseProblems({ currentPa }, step)).toEqual([
      {
        path: "currentPa[3]",
        message: "currentPa[3] is NaN; 1 more sample is not finite either",
      },
    ]);
  });

  test("validateStimulusResponse: schema first, then semantics; extra keys are dropped", () => {
    const ou = { ...canonicalOu(), durationMs: 1 }; // 2 samples
    expect(validateStimulusResponse({ currentPa: [1, 2], debug: "x" }, ou)).toEqual({
      ok: true,
      value: { currentPa: [1, 2] },
    });
    expect(
      errorsOf(validateStimulusResponse({ currentPa: [1, { $nonFinite: "Infinity" }] }, ou)),
    ).toEqual([
      { path: "currentPa[1]", message: "currentPa[1] is Infinity; expected a finite number in pA" },
    ]);
    expect(errorsOf(validateStimulusResponse({ current: [1, 2] }, ou))).toEqual([
      { path: "currentPa", message: "currentPa is missing; expected an array of numbers in pA" },
    ]);
    expect(errorsOf(validateStimulusResponse({ currentPa: [1] }, ou))).toEqual([
      {
        path: "currentPa",
        message: "currentPa has 1 sample; expected 2, round(durationMs 1 / dtMs 0.5)",
      },
    ]);
  });
});

describe("spike trains", () => {
  test.each([
    [[0, 0.5, 2], []],
    [[], []],
    [[1, 1], []],
    [[2 + 1e-12], []],
    [[0.5, 2.5], ["t[1] is 2.5, after the end of the trial at 2 ms"]],
    [[-0.5], ["t[0] is -0.5, before the start of the trial at 0 ms"]],
    [[1, 0.5, 3], ["t[1] is 0.5, before t[0] at 1; each trial's spike times must ascend"]],
    [[Number.NaN], ["t[0] is NaN; expected a spike time in ms"]],
    [[-Infinity, 3], ["t[0] is -Infinity; expected a spike time in ms"]],
  ])("%j", (times, expected) => {
    expect(spikeTrainProblems(times, 2, "t").map((problem) => problem.message)).toEqual(expected);
  });

  test("says step indices are step indices, and to multiply them by dtMs", () => {
    const [problem] = spikeTrainProblems([110, 260, 2100], 1000, "spikeTimesMs[0]", 0.1);
    expect(problem.message).toBe(
      "spikeTimesMs[0][2] is 2100, after the end of the trial at 1000 ms; whole numbers up to the 10000 steps look like step indices, or like times stepped with another dt than the request's: report index * dtMs (0.1 ms), and step by the request's dtMs",
    );
    const [times] = spikeTrainProblems([110.5, 2100], 1000, "t", 0.1);
    expect(times.message).toBe("t[1] is 2100, after the end of the trial at 1000 ms");
  });
});

describe("simulateNeuron responses", () => {
  const good = {
    spikeTimesMs: [[0.5], [], [1, 1.5]],
    voltageMv: [
      [-70, -69, -68, -80],
      [-70, -70, -70, -70],
    ],
  };

  test("a good response has no problems", () => {
    expect(simulateResponseProblems(good, request)).toEqual([]);
  });

  /** The request without voltage, for the tests of spike times alone. */
  const spikesOnly = { ...request, recordVoltage: 0 };

  test("too few trials names the first missing one", () => {
    expect(simulateResponseProblems({ spikeTimesMs: [[], []] }, spikesOnly)).toEqual([
      {
        path: "spikeTimesMs[2]",
        message:
          "spikeTimesMs[2] is missing: 2 trials came back of the 3 asked for (one array per trial, empty when a trial has no spike)",
      },
    ]);
  });

  test("too many trials", () => {
    expect(simulateResponseProblems({ spikeTimesMs: [[], [], [], []] }, spikesOnly)).toEqual([
      { path: "spikeTimesMs", message: "spikeTimesMs has 4 trials; 3 were asked for" },
    ]);
  });

  test("a time after the trial, in the contract's own words", () => {
    const trials = { ...spikesOnly, currentPa: Array(2000).fill(0), trials: 4 };
    const spikeTimesMs = [[], [], [], [1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 1200]];
    expect(simulateResponseProblems({ spikeTimesMs }, trials)).toEqual([
      {
        path: "spikeTimesMs[3][7]",
        message: "spikeTimesMs[3][7] is 1200, after the end of the trial at 1000 ms",
      },
    ]);
  });

  test("voltage traces: exactly recordVoltage, each as long as currentPa, finite", () => {
    const voltageMv = [
      [-70, -69, -68],
      [-70, Number.NaN, -70, -70],
    ];
    expect(
      simulateResponseProblems({ spikeTimesMs: good.spikeTimesMs, voltageMv }, request),
    ).toEqual([
      {
        path: "voltageMv[0]",
        message: "voltageMv[0] has 3 samples; it must be as long as currentPa (4)",
      },
      { path: "voltageMv[1][1]", message: "voltageMv[1][1] is NaN" },
    ]);
  });

  test.each([
    [
      [[-70, -70, -70, -70]],
      "simulateNeuron returned 1 voltage trace; recordVoltage asked for 2 (the first 2 trials)",
    ],
    [
      Array(3).fill([-70, -70, -70, -70]),
      "simulateNeuron returned 3 voltage traces; recordVoltage asked for 2 (the first 2 trials)",
    ],
    [
      undefined,
      "simulateNeuron returned no voltage traces (voltageMv is missing); recordVoltage asked for 2 (the first 2 trials)",
    ],
    [
      null,
      "simulateNeuron returned no voltage traces (voltageMv is null); recordVoltage asked for 2 (the first 2 trials)",
    ],
  ])("voltage traces: %j where 2 were asked for", (voltageMv, message) => {
    const response = { spikeTimesMs: good.spikeTimesMs, voltageMv };
    expect(simulateResponseProblems(response, request)).toEqual([{ path: "voltageMv", message }]);
  });

  test("recordVoltage beyond the trials asks for every trial's trace", () => {
    const all = { ...request, recordVoltage: 10 };
    const voltageMv = Array(3).fill([-70, -70, -70, -70]);
    expect(simulateResponseProblems({ spikeTimesMs: good.spikeTimesMs, voltageMv }, all)).toEqual(
      [],
    );
    expect(
      simulateResponseProblems({ spikeTimesMs: good.spikeTimesMs, voltageMv: good.voltageMv }, all),
    ).toEqual([
      {
        path: "voltageMv",
        message:
          "simulateNeuron returned 2 voltage traces; recordVoltage asked for 3 (the first 3 trials)",
      },
    ]);
    const one = { ...request, recordVoltage: 1 };
    expect(simulateResponseProblems({ spikeTimesMs: good.spikeTimesMs }, one)).toEqual([
      {
        path: "voltageMv",
        message:
          "simulateNeuron returned no voltage traces (voltageMv is missing); recordVoltage asked for 1 (the first trial)",
      },
    ]);
  });

  test("recordVoltage 0: voltageMv absent, null or [], and validated as absent", () => {
    const none = { ...request, recordVoltage: 0 };
    for (const voltageMv of [undefined, null, []]) {
      expect(
        validateSimulateResponse({ spikeTimesMs: good.spikeTimesMs, voltageMv }, none),
      ).toEqual({ ok: true, value: { spikeTimesMs: good.spikeTimesMs } });
    }
    expect(errorsOf(validateSimulateResponse(good, none))).toEqual([
      {
        path: "voltageMv",
        message:
          "simulateNeuron returned 2 voltage traces; recordVoltage asked for none (leave voltageMv out, or make it null or [])",
      },
    ]);
  });

  test("validateSimulateResponse names a {$nonFinite} where it is and keeps only protocol keys", () => {
    const response = { spikeTimesMs: [[0.5], [], [{ $nonFinite: "NaN" }]] };
    expect(errorsOf(validateSimulateResponse(response, spikesOnly))).toEqual([
      {
        path: "spikeTimesMs[2][0]",
        message: "spikeTimesMs[2][0] is NaN; expected a finite number in ms",
      },
    ]);
    expect(validateSimulateResponse({ ...good, extra: { big: [1, 2, 3] } }, request)).toEqual({
      ok: true,
      value: good,
    });
    expect(validateSimulateResponse({ spikeTimesMs: good.spikeTimesMs }, spikesOnly)).toEqual({
      ok: true,
      value: { spikeTimesMs: good.spikeTimesMs },
    });
  });

  test("validateSimulateResponse: voltageMv of another type says what it should be", () => {
    expect(errorsOf(validateSimulateResponse({ ...good, voltageMv: "x" }, request))).toEqual([
      {
        path: "voltageMv",
        message:
          'voltageMv is "x"; expected an array of voltage traces (arrays of numbers in mV), or null when recordVoltage is 0',
      },
    ]);
  });

  test("validateSimulateResponse refuses prototype keys even where extra keys are allowed", () => {
    const response = JSON.parse('{"spikeTimesMs": [[], [], []], "__proto__": {"polluted": true}}');
    expect(errorsOf(validateSimulateResponse(response, request))).toEqual([
      {
        path: "__proto__",
        message:
          'the simulateNeuron response has a key "__proto__"; keys named __proto__, constructor or prototype are not allowed',
      },
    ]);
  });
});
