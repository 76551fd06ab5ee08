import { describe, expect, it } from "vitest";
import { runChecks } from "../../src/checks/run-checks.js";
import type { CheckSimulator } from "../../src/checks/session.js";
import type { CheckResult, ParameterValues, Rubric } from "../../src/protocol/types.js";
import {
  CORRECT_LIF,
  CORRECT_STIMULUS,
  fakeModule,
  inProcess,
  RUBRIC,
  TOLERANCES,
} from "./fakes/harness.js";

// The figure-data channel: what neuron.fi, stimulus.ou and neuron.match leave for the report's
// figures is what they measured, and a hidden repeat leaves nothing.

function rubricOf(ids: string[]): Rubric {
  return { ...RUBRIC, checks: RUBRIC.checks.filter((c) => ids.includes(c.id)) };
}

const correct = () => inProcess(fakeModule(CORRECT_LIF, CORRECT_STIMULUS));
const PUBLIC = ["stimulus.ou", "neuron.fi", "neuron.match"];
const HIDDEN = PUBLIC.map((id) => `${id}:hidden`);
/** Inputs of the hidden repeats that no public check uses. */
const UNSEEN: Record<string, ParameterValues> = {
  "stimulus.ou:hidden": { seed: 90_001 },
  "neuron.fi:hidden": { dtMs: [0.25] },
  "neuron.match:hidden": { stimulusSeeds: [90_011, 90_012, 90_013, 90_014, 90_015] },
};

function find(checks: CheckResult[], id: string): CheckResult {
  const found = checks.find((c) => c.id === id);
  if (!found) throw new Error(`no ${id}`);
  return found;
}

describe("the figure data of the public checks", () => {
  it("is what each check measured", async () => {
    const outcome = await runChecks(
      { kind: "simulator", simulator: correct() },
      { rubric: rubricOf(PUBLIC), tolerances: TOLERANCES },
    );
    expect(outcome.checks.map((c) => c.status)).toEqual(["pass", "pass", "pass"]);
    const { fi, autocorrelation, match } = outcome.figures;

    const fiCheck = find(outcome.checks, "neuron.fi");
    // The figure draws the first time step's curve, and the check's own in-band flags.
    expect(fi?.dtMs).toBe(0.5);
    const atFirstDt = (fiCheck.comparisons ?? []).filter((c) => c.measure.endsWith("dt 0.5 ms"));
    expect(fi?.currentsPa).toEqual([100, 125, 140, 150, 200, 300, 500]);
    // The verdict rounds what it reports; the figure keeps every digit.
    fi?.currentsPa.forEach((_, i) => {
      expect(fi.rateHz[i]).toBeCloseTo(atFirstDt[i].observed[0].value as number, 3);
      expect(fi.inBand[i]).toBe(atFirstDt[i].observed[0].inBand);
    });
    const spread = TOLERANCES.measures["neuron.fi.rateHz.150pA.dt0.5"];
    expect(fi?.band[3]).toEqual({ low: spread.band?.low, high: spread.band?.high });
    expect(fi?.referenceHz[3]).toBe(spread.quantiles["0.5"]);
    // (thresholdMv - restMv) / (R * 1e-3) = 17 mV / 0.13 mV/pA.
    expect(fi?.rheobasePa).toBeCloseTo(17 / 0.13, 9);

    const ou = find(outcome.checks, "stimulus.ou").observed as { byDt: { tauMs: number }[] };
    expect(autocorrelation?.tauMs).toBe(3);
    expect(autocorrelation?.tauMsEstimated).toBeCloseTo(ou.byDt[0].tauMs, 3);
    expect(autocorrelation?.dtMs).toBe(0.5);
    // Lags 0 to 10 ms every 0.5 ms; r(0) = 1.
    expect(autocorrelation?.autocorrelation).toHaveLength(21);
    expect(autocorrelation?.autocorrelation[0]).toBeCloseTo(1, 12);
    const tau = TOLERANCES.measures["stimulus.ou.tauMs.dt0.5"].band;
    expect(autocorrelation?.tauBandMs).toEqual({ low: tau?.low, high: tau?.high });

    const gamma = (
      find(outcome.checks, "neuron.match").observed as {
        byDt: { bySeed: { stimulusSeed: number; spikes: number }[] }[];
      }
    ).byDt[0];
    expect(match?.stimulusSeeds).toEqual(gamma.bySeed.map((s) => s.stimulusSeed));
    expect(match?.referenceSpikesMs).toHaveLength(5);
    expect(match?.submissionSpikesMs).toHaveLength(5);
    expect(match?.firstCurrentPa).toHaveLength(2000);
    // The whole trial, not only the window the check counts spikes in.
    expect(match?.submissionSpikesMs[0].length).toBeGreaterThanOrEqual(gamma.bySeed[0].spikes);
    // The data survives JSON unchanged: no NaN, no typed arrays.
    expect(JSON.parse(JSON.stringify(outcome.figures))).toEqual(outcome.figures);
  });

  it("is left by a failing check too, so its figure shows the problem", async () => {
    const noRefractory = inProcess(
      fakeModule({ ...CORRECT_LIF, bug: "noRefractory" }, CORRECT_STIMULUS),
    );
    const outcome = await runChecks(
      { kind: "simulator", simulator: noRefractory },
      { rubric: rubricOf(["neuron.fi", "neuron.match"]), tolerances: TOLERANCES },
    );
    expect(outcome.checks.map((c) => c.status)).toEqual(["fail", "fail"]);
    const { fi, match } = outcome.figures;
    // Without a refractory period it fires too fast at 500 pA, above the band.
    expect(fi?.rateHz[6]).toBeGreaterThan(fi?.band[6].high ?? Number.POSITIVE_INFINITY);
    expect(match?.submissionSpikesMs).not.toEqual(match?.referenceSpikesMs);
  });

  it("is not there when a check broke before it measured", async () => {
    const throws = inProcess(fakeModule({ ...CORRECT_LIF, bug: "throws" }, CORRECT_STIMULUS));
    const outcome = await runChecks(
      { kind: "simulator", simulator: throws },
      { rubric: rubricOf(["neuron.fi", "neuron.match"]), tolerances: TOLERANCES },
    );
    expect(outcome.checks.map((c) => c.status)).toEqual(["error", "error"]);
    expect(outcome.figures).toEqual({});
  });
});

describe("the hidden repeats", () => {
  it("leave no figure data, alone", async () => {
    const outcome = await runChecks(
      { kind: "simulator", simulator: correct() },
      {
        rubric: rubricOf(HIDDEN),
        tolerances: TOLERANCES,
        includeHidden: true,
        hiddenInputs: (id) => UNSEEN[id],
      },
    );
    expect(outcome.checks.map((c) => c.status)).toEqual(["pass", "pass", "pass"]);
    expect(outcome.figures).toEqual({});
  });

  it("do not change the public checks' figure data", async () => {
    const asked: number[] = [];
    const inner = correct();
    const simulator: CheckSimulator = {
      call(fn, request) {
        if (fn === "makeStimulus") asked.push((request as { seed?: number }).seed ?? -1);
        return inner.call(fn, request);
      },
    };
    const both = await runChecks(
      { kind: "simulator", simulator },
      {
        rubric: rubricOf([...PUBLIC, ...HIDDEN]),
        tolerances: TOLERANCES,
        includeHidden: true,
        hiddenInputs: (id) => UNSEEN[id],
      },
    );
    // The hidden repeats did run, on their unseen inputs.
    expect(both.checks.map((c) => `${c.id}: ${c.status}`).sort()).toEqual(
      [...PUBLIC, ...HIDDEN].map((id) => `${id}: pass`).sort(),
    );
    expect(asked).toContain(90_001);
    const publicOnly = await runChecks(
      { kind: "simulator", simulator: correct() },
      { rubric: rubricOf(PUBLIC), tolerances: TOLERANCES },
    );
    expect(both.figures).toEqual(publicOnly.figures);
    expect(both.figures.match?.stimulusSeeds).toEqual([2021, 11, 12, 13, 14]);
  });
});
