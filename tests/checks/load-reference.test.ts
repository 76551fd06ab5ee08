import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { bandAtDt, calibratedBand, ReferenceProblem } from "../../src/checks/band.js";
import {
  loadGradingReference,
  loadRubric,
  loadTolerances,
  referenceProblems,
} from "../../src/checks/load-reference.js";
import type { Rubric, Tolerances } from "../../src/protocol/types.js";
import { RUBRIC, TOLERANCES } from "./fakes/harness.js";

const dir = mkdtempSync(join(tmpdir(), "spikegrade-checks-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
function write(value: unknown): string {
  const path = join(dir, `file-${files++}.json`);
  writeFileSync(path, typeof value === "string" ? value : JSON.stringify(value));
  return path;
}

/** A copy of the rubric with one check's parameters changed. */
function withParameters(id: string, parameters: Record<string, unknown>): Rubric {
  const rubric: Rubric = structuredClone(RUBRIC);
  const check = rubric.checks.find((c) => c.id === id);
  if (!check) throw new Error(id);
  check.parameters = { ...check.parameters, ...parameters } as typeof check.parameters;
  return rubric;
}

const messages = (r: { ok: boolean; errors?: { message: string }[] }) =>
  r.ok ? [] : (r.errors ?? []).map((e) => e.message);

describe("loading the rubric and the tolerances", () => {
  it("the package's own reference/ loads and agrees with itself", async () => {
    const loaded = await loadGradingReference();
    expect(messages(loaded)).toEqual([]);
    if (!loaded.ok) return;
    expect(loaded.value.measures.coincidence.deltaMs).toBe(2);
    expect(loaded.value.measures.window).toEqual({ startMs: 50, endMs: 950 });
  });

  it("a missing file, and a file that is not JSON, say which and where", async () => {
    expect(messages(await loadRubric(join(dir, "nope.json")))).toEqual([
      `${join(dir, "nope.json")} is missing`,
    ]);
    const broken = write('{"checks": [}');
    expect(messages(await loadTolerances(broken))[0]).toMatch(
      /is not valid JSON at line 1 column 13/,
    );
  });

  it("a rubric that breaks its schema is refused with the schema's message", async () => {
    const path = write({ ...RUBRIC, checks: [{ ...RUBRIC.checks[0], points: -1 }] });
    expect(messages(await loadRubric(path)).join("\n")).toMatch(/points/);
  });

  it("parameters a check cannot use name the check and the parameter", async () => {
    const path = write(withParameters("neuron.fi", { dtMs: "0.5", currentsPa: [] }));
    const errors = messages(await loadRubric(path));
    expect(errors).toContain(
      `${path}: check neuron.fi: parameters.dtMs is "0.5"; expected a list of time steps in ms`,
    );
    expect(errors).toContain(
      `${path}: check neuron.fi: parameters.currentsPa has 0 entries; expected at least 1`,
    );
  });

  it("neuron.match needs as many frozen currents as its tolerance was averaged over", async () => {
    const path = write(withParameters("neuron.match", { stimulusSeeds: [1, 2, 3] }));
    expect(messages(await loadRubric(path))).toContain(
      `${path}: check neuron.match: parameters.stimulusSeeds has 3 entries; expected exactly 5 (neuron.match.gamma in tolerances.json is the spread of a mean over 5 frozen currents)`,
    );
  });

  it("edited measure parameters are refused until the tolerances are recomputed", () => {
    const rubric: Rubric = structuredClone(RUBRIC);
    rubric.measures.events.binMs = 0.25;
    expect(referenceProblems(rubric, TOLERANCES).map((e) => e.message)).toEqual([
      "rubric.json's measure parameters differ from those reference/tolerances.json was computed with (measures.events.binMs); run `spikegrade reference` after editing them",
    ]);
  });

  it("without conditions.measures, the parameters of the code that wrote the tolerances count", () => {
    const tolerances: Tolerances = structuredClone(TOLERANCES);
    delete (tolerances.conditions as Record<string, unknown>).measures;
    expect(referenceProblems(RUBRIC, tolerances)).toEqual([]);
    const rubric: Rubric = structuredClone(RUBRIC);
    rubric.measures.rcorr.sigmaMs = 3;
    expect(
      referenceProblems(rubric, tolerances)
        .map((e) => e.message)
        .join(),
    ).toMatch(/measures\.rcorr\.sigmaMs/);
  });

  it("a false-reject chance the bands do not give, and a tolerance that is missing, are named", () => {
    const rubric: Rubric = structuredClone(RUBRIC);
    const ou = rubric.checks.findIndex((c) => c.id === "stimulus.ou");
    const stated = rubric.checks[ou].falseRejectProbability;
    rubric.checks[ou].falseRejectProbability = 1e-9;
    expect(referenceProblems(rubric, TOLERANCES).map((e) => e.message)).toEqual([
      `checks[${ou}] (stimulus.ou) states a false-reject chance of 1e-9, but its bands in tolerances.json give ${stated}; run \`spikegrade reference\`, or state ${stated}`,
    ]);
    const more = withParameters("neuron.fi", { currentsPa: [100, 175] });
    const fi = more.checks.findIndex((c) => c.id === "neuron.fi");
    const errors = referenceProblems(more, TOLERANCES).map((e) => e.message);
    expect(errors).toContain(
      `checks[${fi}] (neuron.fi) compares against neuron.fi.rateHz.175pA.dt0.5, which its tolerances do not list; add it, so the rubric states every tolerance`,
    );
    expect(errors).toContain(
      `checks[${fi}] (neuron.fi) needs neuron.fi.rateHz.175pA.dt0.5, which is not in tolerances.json`,
    );
  });

  it("tolerances computed for another neuron are refused", () => {
    const tolerances: Tolerances = structuredClone(TOLERANCES);
    (tolerances.conditions as { neuron: { noiseSdMv: number } }).neuron.noiseSdMv = 0.3;
    expect(referenceProblems(RUBRIC, tolerances).map((e) => e.message)).toEqual([
      "tolerances.json was computed with another neuron protocol (conditions.neuron) than this spikegrade runs; run `spikegrade reference`",
    ]);
  });
});

describe("calibrated bands", () => {
  it("reads the band of a measure at a time step, with its unit and false-reject chance", () => {
    const b = bandAtDt(TOLERANCES, "neuron.noise.restSdMv", 0.5);
    const stored = TOLERANCES.measures["neuron.noise.restSdMv.dt0.5"].band;
    expect(b).toMatchObject({
      name: "neuron.noise.restSdMv.dt0.5",
      low: stored?.low,
      high: stored?.high,
      unit: "mV",
      falseRejectProbability: stored?.falseRejectProbability,
    });
    expect(b.low).toBeLessThan(0.2);
    expect(b.high).toBeGreaterThan(0.2);
  });

  it("a time step the calibration did not cover gets the widest band of those it did", () => {
    const b = bandAtDt(TOLERANCES, "figure1.A.reliability.single", 0.2);
    const highs = [0.1, 0.25, 0.5, 1].map(
      (dt) => TOLERANCES.measures[`figure1.A.reliability.single.dt${dt}`].band?.high as number,
    );
    expect(b.high).toBe(Math.max(...highs));
    expect(b.low).toBeUndefined();
  });

  it("a tolerance that is not there is a ReferenceProblem an instructor can act on", () => {
    expect(() => bandAtDt(TOLERANCES, "neuron.fi.rateHz.175pA", 0.5)).toThrow(ReferenceProblem);
    expect(() => calibratedBand(TOLERANCES, "neuron.fi.rateHz.175pA.dt0.5")).toThrow(
      "tolerances.json has no measure neuron.fi.rateHz.175pA.dt0.5; run `spikegrade reference` or fix the rubric",
    );
  });
});
