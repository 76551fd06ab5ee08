import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { referenceDir } from "../../src/protocol/reference-files.js";
import { validate } from "../../src/protocol/schemas.js";
import { writeReference } from "../../src/reference/write.js";

const committed = referenceDir();
const readJson = (name: string) => JSON.parse(readFileSync(join(committed, name), "utf8"));

describe("the committed reference", () => {
  it("rubric.json and tolerances.json pass their schemas", () => {
    const rubric = validate("rubric", readJson("rubric.json"));
    expect(rubric.ok ? [] : rubric.errors).toEqual([]);
    const tolerances = validate("tolerances", readJson("tolerances.json"));
    expect(tolerances.ok ? [] : tolerances.errors).toEqual([]);
  });

  it("figure1.json is a results file of the contract's format with 25 trials and 10 voltage traces", () => {
    const { metrics, ...results } = readJson("figure1.json");
    const checked = validate("results", results);
    expect(checked.ok ? [] : checked.errors).toEqual([]);
    for (const panel of [results.panels.A, results.panels.B]) {
      expect(panel.spikeTimesMs).toHaveLength(25);
      expect(panel.voltageMv).toHaveLength(10);
      expect(panel.currentPa).toHaveLength(2000);
    }
    expect(Object.keys(metrics)).toEqual(["A", "B"]);
  });

  it("every tolerance the rubric names is in tolerances.json", () => {
    const measures = readJson("tolerances.json").measures;
    for (const check of readJson("rubric.json").checks) {
      for (const name of check.tolerances ?? []) expect(Object.keys(measures)).toContain(name);
    }
  });

  // The science the canonical noiseSdMv was chosen for (README, "Intrinsic noise").
  it("panel A loses reliability while panel B keeps it, precise to under a millisecond", () => {
    const { A, B } = readJson("figure1.json").metrics;
    expect(A.reliability).toBeLessThan(0.5);
    expect(B.reliability).toBeGreaterThan(0.9);
    expect(B.precisionMs).toBeLessThan(1);
    expect(B.rcorr - A.rcorr).toBeGreaterThan(0.3);
    const m = readJson("tolerances.json").measures;
    // Over every draw and faithful variant, the worst B is still more reliable than the best A,
    // and so are the bands: the checks can tell the two apart.
    expect(m["figure1.A.reliability.pooled.dt0.5"].quantiles["0.999"]).toBeLessThan(
      m["figure1.B.reliability.pooled.dt0.5"].quantiles["0.001"],
    );
    expect(m["figure1.A.reliability.pooled.dt0.5"].band.high).toBeLessThan(
      m["figure1.B.reliability.pooled.dt0.5"].band.low,
    );
    expect(m["figure1.B.precisionMs.pooled.dt0.5"].quantiles["0.999"]).toBeLessThan(1);
  });
});

describe("spikegrade reference", () => {
  const out = mkdtempSync(join(tmpdir(), "spikegrade-reference-"));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  // The whole calibration, over worker threads.
  it("regenerates reference/ byte for byte", { timeout: 1_200_000 }, async () => {
    await writeReference({ outDir: out });
    for (const name of [
      "figure1.json",
      "figure1.png",
      "rubric.json",
      "tolerances.json",
      "schema/rubric.schema.json",
    ]) {
      const fresh = readFileSync(join(out, name));
      const old = readFileSync(join(committed, name));
      expect(fresh.equals(old), `${name} differs from the committed file`).toBe(true);
    }
    expect(readdirSync(join(out, "schema")).sort()).toEqual(
      readdirSync(join(committed, "schema")).sort(),
    );
  });
});
