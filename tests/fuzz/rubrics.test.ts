/**
 * Fuzzing the rubric boundary: mutated copies of reference/rubric.json (keys dropped, values of
 * the wrong type, checks repeated, odd keys, broken text) go through validateRubric and through
 * loadGradingReference from a file, and end as the rubric or as messages, never in an exception.
 */

import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { loadGradingReference, loadTolerances } from "../../src/checks/load-reference.js";
import { packageRoot } from "../../src/protocol/package-root.js";
import { validateRubric } from "../../src/protocol/validate-rubric.js";
import {
  expectPrototypeClean,
  expectVerdict,
  fuzz,
  fuzzAsync,
  hasUnsafeKey,
  NON_FINITE_TEXTS,
  ODD_KEYS,
} from "./fuzz.js";

const scratch = await mkdtemp(join(tmpdir(), "spikegrade-fuzz-rubric-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Each case writes its own file under scratch. */
let files = 0;

const RUBRIC_TEXT = readFileSync(join(packageRoot(), "reference", "rubric.json"), "utf8");
const tolerancesRead = await loadTolerances();
if (!tolerancesRead.ok) throw new Error("reference/tolerances.json does not load");
const TOLERANCES = tolerancesRead.value;

type Json = Record<string | number, unknown>;
type Path = (string | number)[];

/** Every place in a JSON value, the root first. */
function placesOf(value: unknown): Path[] {
  const places: Path[] = [];
  const stack: { node: unknown; path: Path }[] = [{ node: value, path: [] }];
  while (stack.length > 0) {
    const { node, path } = stack.pop() as { node: unknown; path: Path };
    places.push(path);
    if (typeof node !== "object" || node === null) continue;
    const keys = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    for (const key of keys) stack.push({ node: (node as Json)[key], path: [...path, key] });
  }
  return places;
}

function at(root: unknown, path: Path): unknown {
  let node = root;
  for (const key of path) node = (node as Json)[key];
  return node;
}

/** An own property, even one named __proto__ (as JSON.parse makes it). */
function setOwn(target: Json, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

const CHECK_IDS = [
  "manifest",
  "load",
  "stimulus.step",
  "stimulus.ou",
  "neuron.fi",
  "neuron.match",
  "figure1.A",
  "figure1.B",
  "figure1.contrast",
  "figure1.rate",
  "figure1.A:hidden",
  "neuron.fi:Hidden",
  "neuron.fi:",
  "neuron.spikes",
  "",
];

/** A value of another kind than the rubric expects, or a near one. */
const strange: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    -1,
    0,
    1e308,
    -1e-300,
    0.5,
    2 ** 31,
    1.5,
    "",
    "0.5",
    "NaN",
    null,
    true,
    [],
    {},
    [0.5, "0.1"],
    [-1],
    [Number.MAX_VALUE],
    { $nonFinite: "NaN" },
    ...CHECK_IDS,
  ),
  fc.jsonValue({ maxDepth: 2 }),
  fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { maxLength: 40 }),
);

/** One edit of the rubric; `at` picks the place (a fraction of all places). */
type Mutation =
  | { kind: "drop" | "repeat"; at: number }
  | { kind: "replace"; at: number; value: unknown }
  | { kind: "key"; at: number; key: string; value: unknown };

const fraction = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom<"drop" | "repeat">("drop", "repeat"), at: fraction }),
  fc.record({ kind: fc.constant("replace" as const), at: fraction, value: strange }),
  fc.record({
    kind: fc.constant("key" as const),
    at: fraction,
    key: fc.oneof(
      fc.constantFrom(...ODD_KEYS, "tolerance", "parameter", "visibilty", "dtMs", "points"),
      fc.string({ maxLength: 8 }),
    ),
    value: strange,
  }),
);

/** A fresh copy of the reference rubric with the mutations applied. */
function mutated(mutations: readonly Mutation[]): unknown {
  let root: unknown = JSON.parse(RUBRIC_TEXT);
  for (const m of mutations) {
    const places = placesOf(root);
    const path = places[Math.floor(m.at * places.length)];
    if (path.length === 0) {
      if (m.kind === "replace") root = m.value;
      continue;
    }
    const parent = at(root, path.slice(0, -1));
    const key = path[path.length - 1];
    if (typeof parent !== "object" || parent === null) continue;
    const here = (parent as Json)[key];
    if (m.kind === "drop") {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete (parent as Json)[key];
    } else if (m.kind === "repeat") {
      if (Array.isArray(parent)) parent.splice(key as number, 0, structuredClone(here));
    } else if (m.kind === "replace") {
      setOwn(parent as Json, key, m.value);
    } else if (
      m.kind === "key" &&
      typeof here === "object" &&
      here !== null &&
      !Array.isArray(here)
    ) {
      setOwn(here as Json, m.key, m.value);
    }
  }
  return root;
}

const mutations = fc.array(mutation, { minLength: 1, maxLength: 4 });

describe("fuzz: rubrics", () => {
  it("the reference rubric itself validates and loads (the baseline the mutations start from)", async () => {
    expect(validateRubric(JSON.parse(RUBRIC_TEXT), TOLERANCES).ok).toBe(true);
    expect((await loadGradingReference()).ok).toBe(true);
  });

  it("600 mutated copies of reference/rubric.json end as a rubric or messages in validateRubric", () => {
    fuzz(mutations, 600, (edits) => {
      const value = mutated(edits);
      const rubric = expectVerdict(validateRubric(value, TOLERANCES));
      if (rubric !== undefined) expect(hasUnsafeKey(rubric)).toBe(false);
      expectPrototypeClean();
    });
  });

  const textEdit = fc.option(
    fc.record({
      at: fc.nat(),
      remove: fc.integer({ min: 0, max: 2 }),
      insert: fc.constantFrom("", ",", "}", "]", "'", "//", "None", ...NON_FINITE_TEXTS),
    }),
    { freq: 3 },
  );

  it("120 mutated rubric files (some with broken text) end as a grading reference or messages in loadGradingReference", async () => {
    await fuzzAsync(fc.tuple(mutations, textEdit), 120, async ([edits, edit]) => {
      let text = JSON.stringify(mutated(edits), null, 2);
      if (edit !== null) {
        const where = edit.at % (text.length + 1);
        text = text.slice(0, where) + edit.insert + text.slice(where + edit.remove);
      }
      const path = join(scratch, `rubric-${++files}.json`);
      writeFileSync(path, text);
      const loaded = await loadGradingReference({ rubric: path });
      const reference = expectVerdict(loaded);
      if (reference !== undefined) expect(hasUnsafeKey(reference.rubric)).toBe(false);
      expectPrototypeClean();
    });
  });

  it("12 rubrics grown to thousands of list entries, tolerances, checks or measures end as messages within seconds and bounded memory", async () => {
    const growths = ["lists", "tolerances", "checks", "number as list", "measures", "description"];
    await fuzzAsync(
      fc.record({
        growth: fc.constantFrom(...growths),
        size: fc.integer({ min: 1_000, max: 100_000 }),
      }),
      12,
      async ({ growth, size }) => {
        const rubric = JSON.parse(RUBRIC_TEXT) as {
          checks: Json[];
          measures: Json;
          description: string;
        };
        const fi = rubric.checks.find((c) => c.id === "neuron.fi") as {
          parameters: Json;
          tolerances: unknown;
        };
        const count = Math.min(size, 3_000);
        if (growth === "lists") {
          fi.parameters.dtMs = Array.from({ length: count }, (_, i) => 0.01 + i * 1e-4);
          fi.parameters.currentsPa = Array.from({ length: count }, (_, i) => i);
        }
        if (growth === "tolerances")
          fi.tolerances = Array.from({ length: size }, (_, i) => `bogus.${i}`);
        if (growth === "checks") {
          rubric.checks = Array.from({ length: size / 10 }, (_, i) => ({
            ...rubric.checks[2],
            id: `stimulus.step:v${i % 50}`,
          }));
        }
        if (growth === "number as list") fi.parameters.dtMs = 0.5;
        if (growth === "number as list")
          (rubric.checks[2].parameters as Json).meanPa = Array.from({ length: size }, (_, i) => i);
        if (growth === "measures") {
          for (let i = 0; i < size / 10; i++) rubric.measures[`m${i}`] = { binMs: i };
        }
        if (growth === "description") rubric.description = "x".repeat(size * 50);
        const path = join(scratch, `grown-${++files}.json`);
        writeFileSync(path, JSON.stringify(rubric));
        const heapBefore = process.memoryUsage().heapUsed;
        const started = performance.now();
        const loaded = await loadGradingReference({ rubric: path });
        expect(performance.now() - started).toBeLessThan(5_000);
        expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(300e6);
        expectVerdict(loaded);
      },
      { endOnFailure: true },
    );
  });
});

describe("regressions found by the fuzz properties", () => {
  const grown = (edit: (rubric: { checks: Json[]; measures: Json }) => void): string => {
    const rubric = JSON.parse(RUBRIC_TEXT);
    edit(rubric);
    const path = join(scratch, `regression-${++files}.json`);
    writeFileSync(path, JSON.stringify(rubric));
    return path;
  };
  const messages = async (path: string) => {
    const loaded = await loadGradingReference({ rubric: path });
    return loaded.ok ? [] : loaded.errors.map((e) => e.message);
  };

  it("neuron.fi with 3000 time steps and 3000 currents is refused by the lists' length, not by exhausting the heap", async () => {
    // Its tolerances are every step by every current: 9 million names, two messages each.
    const path = grown((rubric) => {
      const fi = rubric.checks.find((c) => c.id === "neuron.fi") as { parameters: Json };
      fi.parameters.dtMs = Array.from({ length: 3000 }, (_, i) => 0.01 + i * 1e-4);
      fi.parameters.currentsPa = Array.from({ length: 3000 }, (_, i) => i);
    });
    expect(await messages(path)).toEqual([
      `${path}: check neuron.fi: parameters.dtMs has 3000 entries; expected at most 100`,
      `${path}: check neuron.fi: parameters.currentsPa has 3000 entries; expected at most 100`,
    ]);
  });

  it("a number parameter holding a list of 10^5 numbers is shown abbreviated, not in full", async () => {
    const path = grown((rubric) => {
      (rubric.checks[2].parameters as Json).meanPa = Array.from({ length: 100_000 }, (_, i) => i);
    });
    expect(await messages(path)).toEqual([
      `${path}: check stimulus.step: parameters.meanPa is [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, ...]; expected a current in pA`,
    ]);
  });

  it("ten thousand unknown measures are named in one short line, and many problems end in a count", async () => {
    const path = grown((rubric) => {
      for (let i = 0; i < 10_000; i++) rubric.measures[`m${i}`] = { binMs: i };
      for (const check of rubric.checks) check.falseRejectProbability = 0.5;
    });
    const found = await messages(path);
    expect(found[0]).toBe(
      "rubric.json's measure parameters differ from those reference/tolerances.json was computed with (measures.m0, measures.m1, measures.m10, measures.m100, measures.m1000 and 9995 more); run `spikegrade reference` after editing them",
    );
    expect(found.length).toBeLessThanOrEqual(21);
  });
});
