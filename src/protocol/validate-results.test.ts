import { describe, expect, test } from "vitest";
import { results } from "../../tests/protocol/examples.js";
import type { Figure1Results } from "./types.js";
import { resultsProblems, validateResults } from "./validate-results.js";

/** A copy of the example results (trials of 2 ms at dtMs 0.5: 4 samples) changed by `edit`. */
function edited(edit: (copy: Figure1Results) => void): Figure1Results {
  const copy = structuredClone(results) as Figure1Results;
  edit(copy);
  return copy;
}

describe("results files", () => {
  test("the example is valid", () => {
    expect(validateResults(results)).toEqual({ ok: true, value: results });
    expect(resultsProblems(results)).toEqual([]);
  });

  test("each panel's current is round(durationMs / dtMs) samples long", () => {
    const bad = edited((copy) => {
      copy.panels.B.currentPa = [0, 1, 2];
    });
    expect(resultsProblems(bad)).toEqual([
      {
        path: "panels.B.currentPa",
        message: "panels.B.currentPa has 3 samples; expected 4, round(durationMs 2 / dtMs 0.5)",
      },
    ]);
  });

  test("spike times inside the trial, ascending", () => {
    const bad = edited((copy) => {
      copy.panels.A.spikeTimesMs[4] = [1.5, 0.5];
      copy.panels.B.spikeTimesMs[9] = [2.5];
    });
    expect(resultsProblems(bad)).toEqual([
      {
        path: "panels.A.spikeTimesMs[4][1]",
        message:
          "panels.A.spikeTimesMs[4][1] is 0.5, before panels.A.spikeTimesMs[4][0] at 1.5; each trial's spike times must ascend",
      },
      {
        path: "panels.B.spikeTimesMs[9][0]",
        message: "panels.B.spikeTimesMs[9][0] is 2.5, after the end of the trial at 2 ms",
      },
    ]);
  });

  test("voltage traces: one per trial at most, as long as the current", () => {
    const bad = edited((copy) => {
      copy.panels.A.voltageMv = Array.from({ length: 11 }, () => [-70, -70, -70, -70]);
      copy.panels.A.voltageMv[2] = [-70];
    });
    expect(resultsProblems(bad)).toEqual([
      {
        path: "panels.A.voltageMv",
        message: "panels.A.voltageMv has 11 traces; expected at most 10 (one per trial)",
      },
      {
        path: "panels.A.voltageMv[2]",
        message: "panels.A.voltageMv[2] has 1 sample; expected 4, as many as currentPa",
      },
    ]);
  });

  test("the stimulus window lies inside the trial", () => {
    const bad = edited((copy) => {
      copy.onsetMs = 1.5;
      copy.offsetMs = 3;
    });
    expect(resultsProblems(bad).map((problem) => problem.message)).toEqual([
      "offsetMs is 3, after the end of the trial at 2 ms",
    ]);
    const reversed = edited((copy) => {
      copy.onsetMs = 1.5;
      copy.offsetMs = 0.5;
    });
    expect(resultsProblems(reversed).map((problem) => problem.message)).toEqual([
      "offsetMs is 0.5, not after onsetMs 1.5; the stimulus must last a while",
    ]);
  });

  test("at least 10 trials per panel, dtMs at most 1 ms (the schema)", () => {
    const bad = edited((copy) => {
      copy.dtMs = 2;
      copy.panels.B.spikeTimesMs = [[], []];
    });
    const checked = validateResults(bad);
    expect(checked.ok ? [] : checked.errors).toEqual([
      { path: "dtMs", message: "dtMs is 2; expected at most 1 ms" },
      {
        path: "panels.B.spikeTimesMs",
        message:
          "panels.B.spikeTimesMs has 2 trials; expected at least 10 (25 in the canonical experiment)",
      },
    ]);
  });

  test("at most 500 trials: a file of 6,000 is refused before any check builds on it", () => {
    const big = edited((copy) => {
      copy.panels.A.spikeTimesMs = Array.from({ length: 6000 }, () => []);
    });
    const checked = validateResults(big);
    expect(checked.ok ? [] : checked.errors).toEqual([
      {
        path: "panels.A.spikeTimesMs",
        message:
          "panels.A.spikeTimesMs has 6000 trials; at most 500 are checked (25 in the canonical experiment)",
      },
    ]);
  });

  test("a missing panel says what belongs there", () => {
    const { B: _, ...panels } = results.panels;
    const checked = validateResults({ ...results, panels });
    expect(checked.ok ? [] : checked.errors).toEqual([
      { path: "panels.B", message: "panels.B is missing; expected an object" },
    ]);
  });

  test("prototype keys are refused even inside the free-form parameters", () => {
    const bad = JSON.parse(
      JSON.stringify(results).replace(
        '"parameters":{',
        '"parameters":{"__proto__":{"polluted":true},',
      ),
    );
    const checked = validateResults(bad, { root: "figure1.json" });
    expect(checked.ok ? [] : checked.errors).toEqual([
      {
        path: "parameters.__proto__",
        message:
          'parameters has a key "__proto__"; keys named __proto__, constructor or prototype are not allowed',
      },
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
