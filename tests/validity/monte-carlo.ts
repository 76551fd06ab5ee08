/**
 * The validity Monte Carlo: faithful students of tests/validity/simulators.ts through the real
 * checks, to measure how often a correct submission is failed by chance (per check and for the
 * whole rubric, public and hidden), and every bug kind of the catalogue over many draws, to
 * measure how often the public checks catch it. Seeds are disjoint from the calibration's
 * (src/reference/tolerances.ts): draws start at VALIDITY_DRAW_BASE and every hidden input comes
 * from a secret of its own.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runChecks } from "../../src/checks/run-checks.js";
import { deriveHiddenInputs } from "../../src/grading/hidden-inputs.js";
import {
  CANONICAL,
  CANONICAL_NEURON,
  canonicalOu,
  canonicalStep,
} from "../../src/protocol/canonical.js";
import { packageRoot } from "../../src/protocol/package-root.js";
import {
  type CheckResult,
  FIGURE1_PROTOCOL,
  type Figure1Panel,
  type Figure1Results,
  type Rubric,
  type StimulusRequest,
  type Tolerances,
} from "../../src/protocol/types.js";
import {
  type BugKind,
  type FaithfulVariant,
  faithfulVariant,
  studentModule,
  studentSimulator,
} from "./simulators.js";

/** Far from every calibration seed (100,000 to 3,000,400) and from the checks' own. */
export const VALIDITY_DRAW_BASE = 50_000_000;

/**
 * Checks whose verdict on a simulator depends only on its deterministic choices (scheme, spike
 * timing, refractory rounding, precision, window), not on the draw's random numbers: run once
 * for each combination of those, and the verdict reused for every draw that shares it.
 */
const DETERMINISTIC = new Set([
  "stimulus.step",
  "neuron.rest",
  "neuron.fi",
  "neuron.match",
  "neuron.trace",
]);

function deterministicKey(v: FaithfulVariant): string {
  return [v.integration, v.spikeTiming, v.refractory, v.precision, v.window].join("/");
}

function subset(rubric: Rubric, keep: (id: string) => boolean): Rubric {
  return { ...rubric, checks: rubric.checks.filter((c) => keep(c.id)) };
}

export interface FaithfulTally {
  submissions: number;
  /** Submissions failed by any check (public or hidden): the whole rubric's false rejects. */
  rejected: number;
  /** Failures by check id. */
  byCheck: Record<string, number>;
  /** The first few failures, to read. */
  examples: { draw: number; variant: string; check: string; message: string }[];
}

const notPassed = (c: CheckResult) => c.status === "fail" || c.status === "error";

/** What a check says when spikegrade itself, not the submission, failed (src/checks/check.ts). */
const OWN_FAULTS = ["internal error in spikegrade", "the rubric or tolerances.json cannot be used"];

/**
 * Stops the run where spikegrade itself failed on a draw: such a verdict measures neither the
 * bands nor a bug's catch (a run whose WebAssembly kernel was missing once counted 4,000 faithful
 * rejections and would have counted every planted bug caught).
 */
function refuseOwnFaults(checks: readonly CheckResult[], draw: number, variant: string): void {
  const own = checks.find((c) => OWN_FAULTS.some((f) => c.message.startsWith(f)));
  if (own !== undefined) {
    throw new Error(
      `the validity run stops: spikegrade itself failed on draw ${draw} (${variant}) in ${own.id}: ${own.message}`,
    );
  }
}

/** Adds one submission's verdicts to a tally, keeping the first failures to read. */
function record(
  tally: FaithfulTally,
  checks: readonly CheckResult[],
  draw: number,
  variant: string,
) {
  refuseOwnFaults(checks, draw, variant);
  tally.submissions++;
  const failed = checks.filter(notPassed);
  if (failed.length > 0) tally.rejected++;
  for (const c of failed) {
    tally.byCheck[c.id] = (tally.byCheck[c.id] ?? 0) + 1;
    if (tally.examples.length < 20) {
      tally.examples.push({ draw, variant, check: c.id, message: c.message });
    }
  }
}

/** Faithful draws [first, first + count) through every check, public and hidden. */
export async function faithfulRun(
  rubric: Rubric,
  tolerances: Tolerances,
  first: number,
  count: number,
): Promise<FaithfulTally> {
  const tally: FaithfulTally = { submissions: 0, rejected: 0, byCheck: {}, examples: [] };
  for (const c of rubric.checks) tally.byCheck[c.id] = 0;
  const memo = new Map<string, CheckResult[]>();
  const deterministic = subset(rubric, (id) => DETERMINISTIC.has(id));
  for (let draw = first; draw < first + count; draw++) {
    const variant = faithfulVariant(draw);
    const hidden = deriveHiddenInputs(`validity-secret-${draw}`, rubric).byCheck;
    const key = deterministicKey(variant);
    let fixed = memo.get(key);
    if (fixed === undefined) {
      fixed = (
        await runChecks(
          { kind: "simulator", simulator: studentSimulator(variant) },
          { rubric: deterministic, tolerances, includeHidden: true, hiddenInputs: () => undefined },
        )
      ).checks;
      memo.set(key, fixed);
    }
    // Hidden repeats of deterministic checks run on this draw's unseen inputs.
    const outcome = await runChecks(
      { kind: "simulator", simulator: studentSimulator(variant) },
      {
        rubric: subset(rubric, (id) => !DETERMINISTIC.has(id) || id.includes(":")),
        tolerances,
        includeHidden: true,
        hiddenInputs: (id) => hidden[id],
      },
    );
    const checks = [...fixed.filter((c) => !c.id.includes(":")), ...outcome.checks];
    record(tally, checks, draw, describe(variant));
  }
  return tally;
}

/** The time steps a results file may be made at (docs/contract.md: any dt up to 1 ms). */
export const RESULTS_DTS_MS = [0.1, 0.25, 0.5, 1] as const;

/**
 * The Figure 1 data a faithful student who hands in results would make with their own module:
 * the canonical step and frozen current (seed 2021) at a time step of their choice, 25 trials
 * each with the intrinsic noise of their own seed, the first 10 with their voltage.
 */
function resultsOf(variant: FaithfulVariant, dtMs: number, noiseSeed: number): Figure1Results {
  const module = studentModule(variant);
  const panel = (stimulus: StimulusRequest): Figure1Panel => {
    const { currentPa } = module.makeStimulus(stimulus) as { currentPa: ArrayLike<number> };
    const current = Array.from(currentPa);
    const response = module.simulateNeuron({
      dtMs,
      currentPa: current,
      trials: CANONICAL.trials,
      seed: noiseSeed,
      recordVoltage: CANONICAL.recordVoltage,
      neuron: { ...CANONICAL_NEURON },
    }) as { spikeTimesMs: ArrayLike<number>[]; voltageMv: ArrayLike<number>[] };
    return {
      currentPa: current,
      spikeTimesMs: response.spikeTimesMs.map((t) => Array.from(t)),
      voltageMv: response.voltageMv.map((v) => Array.from(v)),
    };
  };
  return {
    protocol: FIGURE1_PROTOCOL,
    dtMs,
    durationMs: CANONICAL.durationMs,
    onsetMs: CANONICAL.onsetMs,
    offsetMs: CANONICAL.offsetMs,
    panels: { A: panel(canonicalStep(dtMs)), B: panel(canonicalOu(dtMs, CANONICAL.stimulusSeed)) },
  };
}

/** Faithful results files of draws [first, first + count), each at the next of RESULTS_DTS_MS. */
export async function resultsRun(
  rubric: Rubric,
  tolerances: Tolerances,
  first: number,
  count: number,
): Promise<FaithfulTally> {
  const tally: FaithfulTally = { submissions: 0, rejected: 0, byCheck: {}, examples: [] };
  for (let draw = first; draw < first + count; draw++) {
    const variant = faithfulVariant(draw);
    const dtMs = RESULTS_DTS_MS[draw % RESULTS_DTS_MS.length];
    const results = resultsOf(variant, dtMs, draw % 2 ** 31);
    const outcome = await runChecks({ kind: "results", results }, { rubric, tolerances });
    record(tally, outcome.checks, draw, `${describe(variant)} at dt ${dtMs}`);
  }
  return tally;
}

export interface MutantTally {
  bug: BugKind;
  draws: number;
  /** Draws in which some public check failed or erred. */
  caught: number;
  /** How often each public check caught it. */
  byCheck: Record<string, number>;
  /** One message of the check that caught it most often, to read. */
  example?: string;
}

/** One bug kind planted in faithful students of draws [first, first + count), public checks only. */
export async function mutantRun(
  rubric: Rubric,
  tolerances: Tolerances,
  bug: BugKind,
  first: number,
  count: number,
): Promise<MutantTally> {
  const tally: MutantTally = { bug, draws: 0, caught: 0, byCheck: {} };
  const publicOnly = subset(rubric, (id) => !id.includes(":"));
  for (let draw = first; draw < first + count; draw++) {
    const variant = faithfulVariant(draw);
    const outcome = await runChecks(
      { kind: "simulator", simulator: studentSimulator({ ...variant, bug }) },
      { rubric: publicOnly, tolerances },
    );
    refuseOwnFaults(outcome.checks, draw, `${describe(variant)} with ${bug}`);
    tally.draws++;
    const failed = outcome.checks.filter(notPassed);
    if (failed.length > 0) tally.caught++;
    for (const c of failed) {
      tally.byCheck[c.id] = (tally.byCheck[c.id] ?? 0) + 1;
      tally.example ??= `${c.id}: ${c.message}`;
    }
  }
  return tally;
}

function describe(v: FaithfulVariant): string {
  const { draw: _, ...knobs } = v;
  return Object.values(knobs).join("/");
}

/**
 * The exact (Clopper-Pearson) upper bound of a binomial proportion at the given confidence:
 * the p at which k or fewer successes in n has probability 1 - level. 3/n for k = 0 at 95 %.
 */
export function upperBound(k: number, n: number, level = 0.95): number {
  if (n === 0) return 1;
  if (k >= n) return 1;
  const cdf = (p: number) => {
    // P(X <= k), summed in log space for large n.
    let total = 0;
    for (let i = 0; i <= k; i++) {
      total += Math.exp(logChoose(n, i) + i * Math.log(p) + (n - i) * Math.log1p(-p));
    }
    return total;
  };
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (cdf(mid) > 1 - level) lo = mid;
    else hi = mid;
  }
  return hi;
}

function logChoose(n: number, k: number): number {
  let s = 0;
  for (let i = 1; i <= k; i++) s += Math.log(n - k + i) - Math.log(i);
  return s;
}

/**
 * The bands a run is measured against: the first 16 hex digits of the SHA-256 of
 * reference/tolerances.json and reference/rubric.json as they are now. A run's rates hold for
 * these bands only; regenerating the reference makes the runs kept so far stale.
 */
export function bandsFingerprint(): string {
  const hash = createHash("sha256");
  for (const file of ["tolerances.json", "rubric.json"]) {
    hash.update(readFileSync(join(packageRoot(), "reference", file)));
  }
  return hash.digest("hex").slice(0, 16);
}
