/**
 * Fuzzing the results-only boundary: a results file is validated (validateResults), and one that
 * validates is graded (runChecks with the default rubric and tolerances). Every case ends as
 * validation messages or as check verdicts, never in an exception, and the checks finish within
 * seconds however the spikes are packed.
 */

import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadGradingReference } from "../../src/checks/load-reference.js";
import { runChecks } from "../../src/checks/run-checks.js";
import { stepCurrent } from "../../src/model/stimulus.js";
import { canonicalStep, sampleCount } from "../../src/protocol/canonical.js";
import { packageRoot } from "../../src/protocol/package-root.js";
import type { Figure1Results } from "../../src/protocol/types.js";
import { validateResults } from "../../src/protocol/validate-results.js";
import {
  expectMessage,
  expectPrototypeClean,
  expectVerdict,
  fuzzAsync,
  ODD_KEYS,
  randomSource,
} from "./fuzz.js";

const loaded = await loadGradingReference();
if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join("; "));
const { rubric, tolerances } = loaded.value;

/** reference/figure1.json without its metrics: a valid results file of the canonical experiment. */
const REFERENCE = (() => {
  const { metrics: _, ...results } = JSON.parse(
    readFileSync(join(packageRoot(), "reference", "figure1.json"), "utf8"),
  ) as Figure1Results & { metrics?: unknown };
  return results;
})();

const FIGURE1_CHECKS = ["figure1.A", "figure1.B", "figure1.contrast", "figure1.rate"];
/** "A few seconds" on a loaded two-core machine. */
const MAX_CHECKS_MS = 10_000;

/** Validates a results value and, if it validates, grades it: a verdict either way. */
async function judge(value: unknown): Promise<"refused" | "graded"> {
  const results = expectVerdict(validateResults(value));
  expectPrototypeClean();
  if (results === undefined) return "refused";
  const started = performance.now();
  const outcome = await runChecks({ kind: "results", results }, { rubric, tolerances });
  expect(performance.now() - started).toBeLessThan(MAX_CHECKS_MS);
  const figure = outcome.checks.filter((c) => FIGURE1_CHECKS.includes(c.id));
  expect(figure.map((c) => c.id)).toEqual(FIGURE1_CHECKS);
  for (const check of outcome.checks) {
    expect(["pass", "fail", "error", "skip"]).toContain(check.status);
    expectMessage({ path: check.id, message: check.message });
    expect(check.message).not.toMatch(/internal error/);
    expect(Number.isFinite(check.points)).toBe(true);
  }
  expect(Number.isFinite(outcome.score)).toBe(true);
  return "graded";
}

/** Values that do not belong in a list of numbers, spelled as JSON.parse would hand them over. */
const BAD_NUMBERS: readonly unknown[] = [
  -1,
  -1e-9,
  1e308,
  Number.POSITIVE_INFINITY, // "1e999" parses to Infinity
  Number.NEGATIVE_INFINITY,
  Number.NaN,
  { $nonFinite: "NaN" },
  { $nonFinite: "Infinity" },
  { $nonFinite: "-Infinity" },
  { $nonFinite: "nan" },
  "12.5",
  "NaN",
  null,
  true,
  [],
  [1],
  {},
];

type Path = (string | number)[];

/** One change to a valid results value; fractions pick a panel's trial or sample. */
type Corruption =
  | {
      kind: "number";
      panel: "A" | "B";
      list: "spikes" | "current" | "voltage";
      at: number;
      trial: number;
      value: unknown;
    }
  | { kind: "unsort"; panel: "A" | "B"; trial: number }
  | { kind: "trials"; panel: "A" | "B"; count: number }
  | { kind: "drop"; path: Path }
  | { kind: "replace"; path: Path; value: unknown }
  | { kind: "key"; path: Path; key: string; value: unknown }
  | { kind: "shift"; panel: "A" | "B"; list: "current" | "voltage"; by: number };

const panel = fc.constantFrom<"A" | "B">("A", "B");
const fraction = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const PATHS: Path[] = [
  ["protocol"],
  ["dtMs"],
  ["durationMs"],
  ["onsetMs"],
  ["offsetMs"],
  ["panels"],
  ["panels", "A"],
  ["panels", "B", "currentPa"],
  ["panels", "A", "spikeTimesMs"],
  ["panels", "B", "spikeTimesMs", 0],
  ["panels", "A", "voltageMv"],
  ["parameters"],
];
const corruption: fc.Arbitrary<Corruption> = fc.oneof(
  fc.record({
    kind: fc.constant("number" as const),
    panel,
    list: fc.constantFrom<"spikes" | "current" | "voltage">("spikes", "current", "voltage"),
    at: fraction,
    trial: fraction,
    value: fc.oneof(fc.constantFrom(...BAD_NUMBERS), fc.double()),
  }),
  fc.record({ kind: fc.constant("unsort" as const), panel, trial: fraction }),
  fc.record({
    kind: fc.constant("trials" as const),
    panel,
    count: fc.oneof(fc.constantFrom(0, 1, 9, 10, 500, 501, 600), fc.integer({ min: 0, max: 600 })),
  }),
  fc.record({ kind: fc.constant("drop" as const), path: fc.constantFrom(...PATHS) }),
  fc.record({
    kind: fc.constant("replace" as const),
    path: fc.constantFrom(...PATHS),
    value: fc.oneof(
      fc.constantFrom(...BAD_NUMBERS, 0, 2, 0.5, 1000),
      fc.jsonValue({ maxDepth: 2 }),
    ),
  }),
  fc.record({
    kind: fc.constant("key" as const),
    path: fc.constantFrom<Path>([], ["panels"], ["panels", "A"], ["parameters"]),
    key: fc.oneof(
      fc.constantFrom(...ODD_KEYS, "metrics", "voltageMV"),
      fc.string({ maxLength: 8 }),
    ),
    value: fc.jsonValue({ maxDepth: 2 }),
  }),
  fc.record({
    kind: fc.constant("shift" as const),
    panel,
    list: fc.constantFrom<"current" | "voltage">("current", "voltage"),
    by: fc.constantFrom(-2, -1, 1, 7),
  }),
);

type Json = Record<string | number, unknown>;

function at(root: unknown, path: Path): Json | undefined {
  let node: unknown = root;
  for (const key of path) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Json)[key];
  }
  return typeof node === "object" && node !== null ? (node as Json) : undefined;
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

function pick<T>(list: readonly T[], f: number): { index: number; item: T } | undefined {
  if (list.length === 0) return undefined;
  const index = Math.floor(f * list.length);
  return { index, item: list[index] };
}

/** Applies a corruption in place; the value is a fresh, plain JSON-like tree. */
function corrupt(root: Json, c: Corruption): void {
  if (c.kind === "drop" || c.kind === "replace") {
    const parent = at(root, c.path.slice(0, -1));
    const key = c.path[c.path.length - 1];
    if (parent === undefined) return;
    if (c.kind === "drop") delete parent[key];
    else setOwn(parent, key, c.value);
    return;
  }
  if (c.kind === "key") {
    const target = at(root, c.path);
    if (target !== undefined) setOwn(target, c.key, c.value);
    return;
  }
  const p = at(root, ["panels", c.panel]);
  if (p === undefined) return;
  const lists = (value: unknown): unknown[][] =>
    Array.isArray(value) ? value.filter((item): item is unknown[] => Array.isArray(item)) : [];
  const spikes = lists(p.spikeTimesMs);
  if (c.kind === "unsort") {
    const trial = pick(spikes, c.trial);
    if (trial) trial.item.reverse();
    return;
  }
  if (c.kind === "trials") {
    p.spikeTimesMs = Array.from(
      { length: c.count },
      (_, i) => spikes[i % Math.max(1, spikes.length)] ?? [],
    );
    return;
  }
  const currents = Array.isArray(p.currentPa) ? [p.currentPa as unknown[]] : [];
  if (c.kind === "shift") {
    for (const list of c.list === "current" ? currents : lists(p.voltageMv)) {
      if (c.by < 0) list.splice(c.by);
      else list.push(...Array(c.by).fill(0));
    }
    return;
  }
  const list =
    c.list === "current"
      ? currents[0]
      : pick(c.list === "spikes" ? spikes : lists(p.voltageMv), c.trial)?.item;
  const sample = list ? pick(list, c.at) : undefined;
  if (list && sample) list[sample.index] = c.value;
  else if (list) list.push(c.value);
}

/** What a synthetic results file looks like before it is built. */
interface Shape {
  seed: number;
  dtMs: number;
  durationMs: number;
  window: [number, number];
  trials: [number, number];
  rateHz: [number, number];
  preciseB: boolean;
  voltageTraces: number;
  corruptions: Corruption[];
}

const shape: fc.Arbitrary<Shape> = fc.record({
  seed: fc.integer(),
  dtMs: fc.oneof(
    {
      arbitrary: fc.constantFrom(0.01, 0.025, 0.05, 0.1, 0.2, 0.25, 0.5, 0.5, 0.5, 1, 1.5, 2),
      weight: 4,
    },
    { arbitrary: fc.integer({ min: 1, max: 200 }).map((k) => k / 100), weight: 1 },
  ),
  durationMs: fc.constantFrom(1000, 1000, 1000, 1000, 1000, 500, 999.75, 1200),
  window: fc.oneof(
    { arbitrary: fc.constant<[number, number]>([50, 950]), weight: 8 },
    { arbitrary: fc.constantFrom<[number, number]>([100, 950], [950, 50], [0, 1000]), weight: 1 },
  ),
  trials: fc.tuple(
    ...([0, 1].map(() =>
      fc.oneof(
        { arbitrary: fc.integer({ min: 10, max: 30 }), weight: 6 },
        { arbitrary: fc.integer({ min: 1, max: 600 }), weight: 1 },
        { arbitrary: fc.constantFrom(9, 10, 500, 501), weight: 1 },
      ),
    ) as [fc.Arbitrary<number>, fc.Arbitrary<number>]),
  ),
  rateHz: fc.tuple(
    fc.oneof(
      { arbitrary: fc.double({ min: 0, max: 40, noNaN: true }), weight: 6 },
      { arbitrary: fc.double({ min: 0, max: 600, noNaN: true }), weight: 1 },
    ),
    fc.oneof(
      { arbitrary: fc.double({ min: 0, max: 40, noNaN: true }), weight: 6 },
      { arbitrary: fc.double({ min: 0, max: 600, noNaN: true }), weight: 1 },
    ),
  ),
  preciseB: fc.boolean(),
  voltageTraces: fc.constantFrom(0, 0, 0, 0, 1, 3, 10, 50, 51),
  corruptions: fc.oneof(
    { arbitrary: fc.constant<Corruption[]>([]), weight: 4 },
    { arbitrary: fc.array(corruption, { minLength: 1, maxLength: 3 }), weight: 2 },
  ),
});

/** Builds the results value a shape describes: spike trains from its seed, the canonical step in panel A. */
function build(s: Shape): Json {
  const random = randomSource(s.seed);
  const samples = sampleCount(s.durationMs, s.dtMs);
  const step = Array.from(stepCurrent({ ...canonicalStep(s.dtMs), durationMs: s.durationMs }));
  const fluctuating = Array.from({ length: samples }, () => 150 + 100 * (random() + random() - 1));
  const trains = (trials: number, rateHz: number, precise: boolean): number[][] => {
    // Keep a panel to about 20000 spikes: the scale test below goes further, once.
    const rate = Math.min(rateHz, 20_000 / trials);
    const count = () => Math.round((rate * s.durationMs * (0.5 + random())) / 1000);
    const template = Array.from({ length: count() }, () => random() * s.durationMs);
    return Array.from({ length: trials }, () => {
      const times = precise
        ? template.map((t) => t + (random() - 0.5) * 0.6)
        : Array.from({ length: count() }, () => random() * s.durationMs);
      return times.map((t) => Math.min(s.durationMs, Math.max(0, t))).sort((a, b) => a - b);
    });
  };
  const voltage = (trials: number) =>
    // Up to 51 traces where they are short; at most 3 of 10^5 samples, to keep a case quick.
    Array.from(
      { length: Math.min(s.dtMs < 0.1 ? 3 : s.voltageTraces, s.voltageTraces, trials) },
      () => Array.from({ length: samples }, () => -70 + 10 * random()),
    );
  return {
    protocol: "mainen-sejnowski-1995-figure1",
    dtMs: s.dtMs,
    durationMs: s.durationMs,
    onsetMs: s.window[0],
    offsetMs: s.window[1],
    panels: {
      A: {
        currentPa: step,
        spikeTimesMs: trains(s.trials[0], s.rateHz[0], false),
        voltageMv: voltage(s.trials[0]),
      },
      B: {
        currentPa: fluctuating,
        spikeTimesMs: trains(s.trials[1], s.rateHz[1], s.preciseB),
        voltageMv: voltage(s.trials[1]),
      },
    },
    parameters: { neuron: "LIF", seed: s.seed },
  };
}

/** Whether the shape keeps every rule of the results file, so that it must validate. */
function keepsRules(s: Shape): boolean {
  return (
    s.corruptions.length === 0 &&
    s.dtMs <= 1 &&
    s.window[0] < s.window[1] &&
    s.window[1] <= s.durationMs &&
    s.trials.every((t) => t >= 10 && t <= 500) &&
    s.voltageTraces <= 50
  );
}

describe("fuzz: results files", () => {
  it("150 synthetic results files (1 to 600 trials, dt 0.01 to 2 ms, bad numbers, unsorted, missing and odd keys) end as messages or verdicts", async () => {
    const ends = { refused: 0, graded: 0 };
    await fuzzAsync(shape, 150, async (s) => {
      const value = build(s);
      for (const c of s.corruptions) corrupt(value, c);
      const end = await judge(value);
      ends[end]++;
      if (keepsRules(s)) expect(end).toBe("graded");
    });
    // Both ends are reached: the generator is not refused wholesale, nor never refused.
    expect(ends.refused).toBeGreaterThan(15);
    expect(ends.graded).toBeGreaterThan(15);
  });

  it("100 mutated copies of reference/figure1.json end as messages or verdicts", async () => {
    await fuzzAsync(
      fc.array(corruption, { minLength: 0, maxLength: 3 }),
      100,
      async (corruptions) => {
        const value = structuredClone(REFERENCE) as unknown as Json;
        for (const c of corruptions) corrupt(value, c);
        const end = await judge(value);
        if (corruptions.length === 0) expect(end).toBe("graded");
      },
    );
  });

  it.each([
    [2, "one trial of 10^5 spikes (one per step at dt 0.01 ms)"],
    [2, "two trials of 6*10^4 spikes"],
    [2, "500 trials of 60 to 120 spikes"],
    [1, "25 trials with a spike at every step (the most a panel may hold)"],
  ] as const)(
    "%i results files with panel A packed as %s are graded or refused within seconds",
    async (runs, packing) => {
      await fuzzAsync(
        fc.record({ seed: fc.integer(), spikes: fc.integer({ min: 60, max: 120 }) }),
        runs,
        async ({ seed, spikes }) => {
          const random = randomSource(seed);
          const dtMs = packing.startsWith("25 trials") ? 0.5 : 0.01;
          const s: Shape = {
            seed,
            dtMs,
            durationMs: 1000,
            window: [50, 950],
            trials: [packing.startsWith("500") ? 500 : 25, 25],
            rateHz: [13, 13],
            preciseB: true,
            voltageTraces: 0,
            corruptions: [],
          };
          const value = build(s);
          const a = at(value, ["panels", "A"]) as Json;
          const steps = sampleCount(1000, dtMs);
          const dense = (n: number) =>
            Array.from({ length: n }, () => Math.floor(random() * steps) * dtMs).sort(
              (x, y) => x - y,
            );
          const trains = a.spikeTimesMs as number[][];
          if (packing.startsWith("one trial"))
            trains[0] = Array.from({ length: steps }, (_, j) => j * dtMs);
          if (packing.startsWith("two trials")) trains.splice(0, 2, dense(60_000), dense(60_000));
          if (packing.startsWith("500")) a.spikeTimesMs = trains.map(() => dense(spikes));
          if (packing.startsWith("25 trials")) {
            a.spikeTimesMs = trains.map(() => Array.from({ length: steps }, (_, j) => j * dtMs));
          }
          const started = performance.now();
          await judge(value);
          expect(performance.now() - started).toBeLessThan(MAX_CHECKS_MS);
        },
        { endOnFailure: true },
      );
    },
  );
});

describe("regressions found by the fuzz properties", () => {
  it("a panel A trial of 10^5 spikes (one per step at dt 0.01 ms) is refused before rcorr, in seconds, not minutes", async () => {
    // rcorr sums over every pair of spikes within a few sigma: this trial alone took 25 s, and
    // 25 such trials (a 20 MB file) would take hours.
    const results = structuredClone(REFERENCE);
    const samples = sampleCount(1000, 0.01);
    results.dtMs = 0.01;
    results.panels.A.currentPa = Array.from(stepCurrent(canonicalStep(0.01)));
    results.panels.B.currentPa = Array(samples).fill(150);
    delete results.panels.A.voltageMv;
    delete results.panels.B.voltageMv;
    results.panels.A.spikeTimesMs[0] = Array.from({ length: samples }, (_, j) => j * 0.01);
    const checked = validateResults(results);
    expect(checked.ok ? [] : checked.errors).toEqual([]);
    const started = performance.now();
    const outcome = await runChecks({ kind: "results", results }, { rubric, tolerances });
    expect(performance.now() - started).toBeLessThan(5_000);
    const a = outcome.checks.find((c) => c.id === "figure1.A");
    expect(a?.status).toBe("error");
    expect(a?.message).toMatch(
      /^panel A could not be composed: panels\.A\.spikeTimesMs holds 100\d{3} spikes over 25 trials; at most 50000 are measured, as many as a simulator's panel can hold \(25 trials of 2000 steps\)/,
    );
    expect(outcome.checks.find((c) => c.id === "figure1.B")?.status).not.toBe("error");
  });
});
