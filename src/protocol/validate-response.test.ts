import { describe, expect, test } from "vitest";
import { CANONICAL_NEURON, canonicalOu, canonicalStep } from "./canonical.js";
import type { SimulateRequest } from "./types.js";
import type { Validation } from "./validate-messages.js";
import {
  simulateResponseProblems,
  spikeTrainProblems,
  stimulusResponseProblems,
  validateSimulateResponse,
  validateStimulusResponse,
} from "./validate-response.js";

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

  test("too few trials names the first missing one", () => {
    expect(simulateResponseProblems({ spikeTimesMs: [[], []] }, request)).toEqual([
      {
        path: "spikeTimesMs[2]",
        message:
          "spikeTimesMs[2] is missing: 2 trials came back of the 3 asked for (one array per trial, empty when a trial has no spike)",
      },
    ]);
  });

  test("too many trials", () => {
    expect(simulateResponseProblems({ spikeTimesMs: [[], [], [], []] }, request)).toEqual([
      { path: "spikeTimesMs", message: "spikeTimesMs has 4 trials; 3 were asked for" },
    ]);
  });

  test("a time after the trial, in the SPEC's own words", () => {
    const trials = { ...request, currentPa: Array(2000).fill(0), trials: 4 };
    const spikeTimesMs = [[], [], [], [1, 2, 3, 4, 5, 6, 7, 1200]];
    expect(simulateResponseProblems({ spikeTimesMs }, trials)).toEqual([
      {
        path: "spikeTimesMs[3][7]",
        message: "spikeTimesMs[3][7] is 1200, after the end of the trial at 1000 ms",
      },
    ]);
  });

  test("voltage traces: at most recordVoltage, each as long as currentPa, finite", () => {
    const voltageMv = [
      [-70, -69, -68],
      [-70, Number.NaN, -70, -70],
      [-70, -70, -70, -70],
    ];
    expect(
      simulateResponseProblems({ spikeTimesMs: good.spikeTimesMs, voltageMv }, request),
    ).toEqual([
      {
        path: "voltageMv",
        message: "voltageMv has 3 traces; expected at most 2 (recordVoltage is 2)",
      },
      {
        path: "voltageMv[0]",
        message: "voltageMv[0] has 3 samples; expected 4, as many as currentPa",
      },
      { path: "voltageMv[1][1]", message: "voltageMv[1][1] is NaN" },
    ]);
  });

  test("validateSimulateResponse names a {$nonFinite} where it is and keeps only protocol keys", () => {
    const response = { spikeTimesMs: [[0.5], [], [{ $nonFinite: "NaN" }]] };
    expect(errorsOf(validateSimulateResponse(response, request))).toEqual([
      {
        path: "spikeTimesMs[2][0]",
        message: "spikeTimesMs[2][0] is NaN; expected a finite number in ms",
      },
    ]);
    expect(validateSimulateResponse({ ...good, extra: { big: [1, 2, 3] } }, request)).toEqual({
      ok: true,
      value: good,
    });
    expect(validateSimulateResponse({ spikeTimesMs: good.spikeTimesMs }, request)).toEqual({
      ok: true,
      value: { spikeTimesMs: good.spikeTimesMs },
    });
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
