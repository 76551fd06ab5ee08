import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { RUBRIC } from "../checks/fakes/harness.js";
import {
  BASE_FOLDER,
  baseSource,
  LANGUAGES,
  materialize,
  mutantSource,
  occurrences,
  readCatalogue,
} from "../fixtures/mutants/materialize.js";
import { checkJson, mapLimit } from "./cli.js";
import { BUG_KINDS } from "./simulators.js";

const catalogue = readCatalogue();
const scratch = mkdtempSync(join(tmpdir(), "spikegrade-catalogue-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The contract's check table; neuron.trace may not be in the rubric yet. */
const SPEC_CHECKS = [
  "stimulus.step",
  "stimulus.ou",
  "stimulus.frozen",
  "neuron.rest",
  "neuron.fi",
  "neuron.match",
  "neuron.noise",
  "neuron.trace",
  "figure1.A",
  "figure1.B",
  "figure1.contrast",
  "figure1.rate",
];

describe("the mutant catalogue", () => {
  it("has at least 34 kinds, the same as the TypeScript family's bugs, in the same order", () => {
    expect(catalogue.length).toBeGreaterThanOrEqual(34);
    expect(catalogue.map((m) => m.id)).toEqual([...BUG_KINDS]);
  });

  it("names, for each kind, catchers from the contract's check table, a description and a why", () => {
    for (const mutant of catalogue) {
      expect(mutant.catchers.length, mutant.id).toBeGreaterThan(0);
      for (const id of mutant.catchers) expect(SPEC_CHECKS, `${mutant.id}: ${id}`).toContain(id);
      expect(mutant.description.length, mutant.id).toBeGreaterThan(10);
      expect(mutant.why.length, mutant.id).toBeGreaterThan(10);
    }
    // Every check of the contract that the rubric has today is a catcher of some kind, except the gatekeepers.
    const caught = new Set(catalogue.flatMap((m) => m.catchers));
    for (const check of RUBRIC.checks) {
      if (check.visibility !== "public" || check.id === "manifest" || check.id === "load") continue;
      expect(caught, check.id).toContain(check.id);
    }
  });

  for (const language of LANGUAGES) {
    it(`${language}: each mutant is exactly one edit of the base`, () => {
      const base = baseSource(language);
      for (const mutant of catalogue) {
        const { find, replace } = mutant.edits[language];
        expect([mutant.id, occurrences(base, find)]).toEqual([mutant.id, 1]);
        expect(find, mutant.id).not.toBe(replace);
        const mutated = mutantSource(mutant, language);
        expect(mutated, mutant.id).not.toBe(base);
        expect(mutated.length - base.length, mutant.id).toBe(replace.length - find.length);
      }
    });
  }

  it("materialize writes one submission folder per kind and language, with what should catch it", () => {
    const out = join(scratch, "all");
    const folders = materialize(out);
    expect(folders).toHaveLength(catalogue.length * LANGUAGES.length);
    const first = catalogue[0];
    const expected = JSON.parse(
      readFileSync(join(out, `${first.id}-python`, "expected.json"), "utf8"),
    );
    expect(expected).toMatchObject({ id: first.id, catchers: first.catchers });
    const manifest = JSON.parse(
      readFileSync(join(out, `${first.id}-javascript`, "submission.json"), "utf8"),
    );
    expect(manifest).toMatchObject({
      team: `${first.id}-javascript`,
      simulator: { entry: "simulator.mjs" },
    });
    expect(readFileSync(join(out, `${first.id}-python`, "simulator.py"), "utf8")).toBe(
      mutantSource(first, "python"),
    );
  });

  it("both faithful bases pass every public check of `spikegrade check`", async () => {
    const runs = await mapLimit(LANGUAGES, 2, async (language) => {
      const dir = join(scratch, `base-${language}`);
      cpSync(BASE_FOLDER[language], dir, { recursive: true });
      return { language, run: await checkJson(dir) };
    });
    for (const { language, run } of runs) {
      const notPassed = (run.report?.checks ?? [])
        .filter((c) => c.status !== "pass")
        .map((c) => `${c.id}: ${c.message}`);
      // Nothing on stderr but the line that says which isolation ran.
      const said = run.stderr.split("\n").filter((l) => l !== "" && !l.startsWith("Isolation: "));
      expect([language, said, notPassed]).toEqual([language, [], []]);
      expect([language, run.code, run.report?.passed]).toEqual([language, 0, true]);
    }
  });
});
