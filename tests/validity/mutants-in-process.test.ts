import { describe, expect, it } from "vitest";
import { type ChecksOutcome, runChecks } from "../../src/checks/run-checks.js";
import { RUBRIC, TOLERANCES } from "../checks/fakes/harness.js";
import { readCatalogue } from "../fixtures/mutants/materialize.js";
import { ESCAPES_TODAY } from "./pending.js";
import {
  BUG_KINDS,
  type BugKind,
  faithfulVariant,
  type SimulatorOptions,
  studentSimulator,
} from "./simulators.js";

// The TypeScript family of tests/validity/simulators.ts through runChecks, as `check` runs it:
// every bug kind on one faithful student, and faithful students of many draws.

/** The faithful student every bug is planted in (heun, interpolated, continuous refractory...). */
const BUG_DRAW = 1;
const FAITHFUL_DRAWS = Array.from({ length: 20 }, (_, i) => i + 1);

/** Kinds that escape every public check today (see pending.ts). */
const PENDING: Partial<Record<BugKind, string>> = ESCAPES_TODAY;

function check(options: SimulatorOptions): Promise<ChecksOutcome> {
  return runChecks(
    { kind: "simulator", simulator: studentSimulator(options) },
    { rubric: RUBRIC, tolerances: TOLERANCES },
  );
}

const notPassing = (outcome: ChecksOutcome) =>
  outcome.checks.filter((c) => c.status === "fail" || c.status === "error").map((c) => c.id);

describe("each bug kind of the TypeScript family fails one of its catchers", () => {
  const catchers = new Map(readCatalogue().map((m) => [m.id, m.catchers]));

  it("PENDING names only kinds of the catalogue", () => {
    expect(Object.keys(PENDING).filter((id) => !catchers.has(id))).toEqual([]);
  });

  for (const bug of BUG_KINDS) {
    const expected = catchers.get(bug) ?? [];
    const pending = PENDING[bug];
    it(`${bug}: ${pending ? "escapes today (pending)" : `fails ${expected.join(" or ")}`}`, async () => {
      const outcome = await check({ ...faithfulVariant(BUG_DRAW), bug });
      const failing = notPassing(outcome);
      const caughtBy = expected.filter((id) => failing.includes(id));
      if (pending)
        expect(caughtBy, `${bug} is caught now: remove it from ESCAPES_TODAY (pending.ts)`).toEqual(
          [],
        );
      else expect(caughtBy, `${bug} escaped; not passing: ${failing.join(", ")}`).not.toEqual([]);
    });
  }
});

describe("faithful students of the TypeScript family pass every public check", () => {
  for (const draw of FAITHFUL_DRAWS) {
    const variant = faithfulVariant(draw);
    const { draw: _, ...knobs } = variant;
    it(`draw ${draw}: ${Object.values(knobs).join(", ")}`, async () => {
      const outcome = await check(variant);
      const notPassed = outcome.checks
        .filter((c) => c.status !== "pass")
        .map((c) => `${c.id}: ${c.message}`);
      expect(notPassed).toEqual([]);
      expect(outcome.passed).toBe(true);
    });
  }
});
