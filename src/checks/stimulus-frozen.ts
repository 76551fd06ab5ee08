import { CANONICAL, canonicalOu } from "../protocol/canonical.js";
import { askStimulus } from "./ask.js";
import { type CheckDefinition, requireSession } from "./check.js";
import { fmt, verdict } from "./verdict.js";

export interface StimulusFrozenParameters {
  /** The seed asked twice, then the seed asked once. */
  seeds: number[];
  /** Samples this close (pA) count as the same. */
  tolerancePa: number;
}

/** The first sample where two traces differ by more than tolerancePa (or where one has ended). */
export function firstDifference(
  a: readonly number[],
  b: readonly number[],
  tolerancePa: number,
): number | undefined {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) if (!(Math.abs(a[i] - b[i]) <= tolerancePa)) return i;
  return undefined;
}

export const stimulusFrozen: CheckDefinition<StimulusFrozenParameters> = {
  id: "stimulus.frozen",
  stage: "stimulus",
  title: "the same seed gives the same current; another seed another",
  points: 1,
  defaultParameters: { seeds: [CANONICAL.stimulusSeed, 2022], tolerancePa: 1e-9 },
  parameters: (p) => ({
    seeds: p.seeds("seeds", { exactItems: 2 }),
    tolerancePa: p.number("tolerancePa", { min: 0, what: "a tolerance in pA" }),
  }),
  tolerances: () => [],
  async run(context, p) {
    const session = requireSession(context);
    const [seed, other] = p.seeds;
    const first = await askStimulus(session, canonicalOu(CANONICAL.dtMs, seed));
    const again = await askStimulus(session, canonicalOu(CANONICAL.dtMs, seed));
    const third = await askStimulus(session, canonicalOu(CANONICAL.dtMs, other));
    const repeat = firstDifference(first, again, p.tolerancePa);
    const differs = firstDifference(first, third, p.tolerancePa);
    const details = {
      observed: {
        sameSeedFirstDifference: repeat ?? null,
        otherSeedFirstDifference: differs ?? null,
      },
      expected: { seeds: p.seeds, tolerancePa: p.tolerancePa },
    };
    if (repeat !== undefined) {
      const at = `sample ${repeat} (${(repeat * CANONICAL.dtMs).toFixed(1)} ms) is ${fmt(first[repeat], 6)} pA, then ${fmt(again[repeat], 6)} pA`;
      return verdict(
        context.check,
        "fail",
        `seed ${seed} gave two different currents (${at}): seed a generator of your own with request.seed on every call (e.g. np.random.RandomState(seed)) rather than drawing from a shared one`,
        details,
      );
    }
    if (differs === undefined) {
      return verdict(
        context.check,
        "fail",
        `seeds ${seed} and ${other} gave the same current: is request.seed used to seed the generator?`,
        details,
      );
    }
    return verdict(
      context.check,
      "pass",
      `seed ${seed} gave the same current twice; seed ${other} another`,
      details,
    );
  },
};
