import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { band, ReferenceProblem } from "../../src/checks/band.js";
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
      `${path}: check neuron.fi: parameters.dtMs is "0.5"; expected a time step in ms`,
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

  it("a quantile or a tolerance that tolerances.json lacks is named", () => {
    const rubric = withParameters("stimulus.ou", { lowerQuantile: 0.002 });
    const ou = rubric.checks.findIndex((c) => c.id === "stimulus.ou");
    expect(referenceProblems(rubric, TOLERANCES).map((e) => e.message)).toContain(
      `checks[${ou}] (stimulus.ou) asks for quantile 0.002 of stimulus.ou.meanPa; tolerances.json has 0.001, 0.005, 0.025, 0.5, 0.975, 0.995, 0.999`,
    );
    const more = withParameters("neuron.fi", { currentsPa: [100, 175] });
    const fi = more.checks.findIndex((c) => c.id === "neuron.fi");
    const errors = referenceProblems(more, TOLERANCES).map((e) => e.message);
    expect(errors).toContain(
      `checks[${fi}] (neuron.fi) compares against neuron.fi.rateHz.175pA, which its tolerances do not list; add it, so the rubric states every tolerance`,
    );
    expect(errors).toContain(
      `checks[${fi}] (neuron.fi) needs neuron.fi.rateHz.175pA, which is not in tolerances.json`,
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

describe("band", () => {
  it("reads the quantiles the rubric names, with the unit", () => {
    expect(band(TOLERANCES, "neuron.fi.rateHz.150pA", 0.001, 0.999)).toMatchObject({
      low: 12.9883,
      high: 13.3671,
      unit: "Hz",
      lowerQuantile: 0.001,
      upperQuantile: 0.999,
    });
    const oneSided = band(TOLERANCES, "figure1.A.reliability", undefined, 0.999);
    expect([oneSided.low, oneSided.high]).toEqual([undefined, 0.492486]);
  });

  it("a tolerance or quantile that is not there is a ReferenceProblem an instructor can act on", () => {
    expect(() => band(TOLERANCES, "neuron.fi.rateHz.175pA", 0.001)).toThrow(ReferenceProblem);
    expect(() => band(TOLERANCES, "figure1.A.rcorr", 0.01)).toThrow(
      "tolerances.json has no quantile 0.01 of figure1.A.rcorr (it has 0.001, 0.005, 0.025, 0.5, 0.975, 0.995, 0.999); use one of those in the rubric",
    );
  });
});
