import { panelMetrics } from "../analysis/panel-metrics.js";
import { atDt } from "../checks/protocols.js";
import { FAITHFUL_VARIANTS, variantLabel } from "../model/lif-variants.js";
import { makeStimulus } from "../model/stimulus.js";
import { CANONICAL, canonicalOu, canonicalStep } from "../protocol/canonical.js";
import type { MeasureSpread, NeuronParameters } from "../protocol/types.js";
import type { Sides } from "./bands.js";
import { Draws, FIGURE1_SIDES, UNITS } from "./calibrate-figure1.js";
import { simulateVariant } from "./variants.js";

/**
 * How many times a variant the measures of Figure 1 are drawn: a single panel's (a results file's:
 * panel A on the step current, panel B on a frozen current of the student's own choosing, each of
 * 25 trials) here, and the means over 4 panels (calibrate-figure1.ts). Across frozen currents
 * panel B has heavy tails (now and then a current passes long stretches near threshold, where the
 * trials part and their events loosen), which 100 draws a variant cannot show: calibrated on 100,
 * single panels at dt 0.1 ms fell below their reliability band 4 times in 12,000, and a mean over
 * 4 random currents above its precision band once in 18,000 faithful submissions, where the bands
 * promised about 1e-7. Drawn this many times, each draw its own currents and noise, the band's
 * heavier-tail rule (bands.ts) reads the tail from the 0.5 % and 99.5 % quantiles of enough draws
 * (tests/bench/single-tail.ts measures what is left).
 */
export const RANDOM_CURRENT_DRAWS = 500;

export interface SingleCalibration {
  neuron: NeuronParameters;
  dtsMs: readonly number[];
  /** Draws of each faithful variant at each dt. */
  drawsPerVariant: number;
  /** Offsets that keep these seeds apart from the rest of the calibration's. */
  noiseSeedBase: number;
  stimulusSeedBase: number;
}

/** Draws [first, first + count) of the single panels at one dt, one task. */
export interface SingleTask {
  kind: "figure1Single";
  options: SingleCalibration;
  dtMs: number;
  first: number;
  count: number;
}

/** Draws a task at most: about a second of work at dt 0.1 ms, so the threads share them evenly. */
const DRAWS_PER_TASK = 100;

/** The tasks singleSpread folds: dt by dt, draws in order. */
export function singleTasks(options: SingleCalibration): SingleTask[] {
  const total = options.drawsPerVariant * FAITHFUL_VARIANTS.length;
  return options.dtsMs.flatMap((dtMs) =>
    Array.from({ length: Math.ceil(total / DRAWS_PER_TASK) }, (_, t) => ({
      kind: "figure1Single" as const,
      options,
      dtMs,
      first: t * DRAWS_PER_TASK,
      count: Math.min(DRAWS_PER_TASK, total - t * DRAWS_PER_TASK),
    })),
  );
}

/** The numbers each draw gives, in this order. */
const RECORDED = [
  ["A", "reliability"],
  ["A", "rcorr"],
  ["A", "rateHz"],
  ["B", "reliability"],
  ["B", "precisionMs"],
  ["B", "rcorr"],
] as const;

const A_RCORR = RECORDED.findIndex(([p, m]) => p === "A" && m === "rcorr");
const B_RCORR = RECORDED.findIndex(([p, m]) => p === "B" && m === "rcorr");

/**
 * Draw g of a dt: variant g mod 8, panel A on the step current with noise seed base + 2g, panel
 * B on the frozen current of seed base + g with noise seed base + 2g + 1. Per draw, RECORDED's
 * numbers, one after the other.
 */
export function singleDraw(task: SingleTask): number[] {
  const { options, dtMs } = task;
  const step = makeStimulus(canonicalStep(dtMs));
  const out: number[] = [];
  for (let g = task.first; g < task.first + task.count; g++) {
    const variant = FAITHFUL_VARIANTS[g % FAITHFUL_VARIANTS.length];
    const panel = (current: Float64Array, seed: number) =>
      panelMetrics(
        simulateVariant(current, dtMs, dtMs, variant, options.neuron, CANONICAL.trials, seed),
      );
    const a = panel(step, options.noiseSeedBase + 2 * g);
    const current = makeStimulus(canonicalOu(dtMs, options.stimulusSeedBase + g));
    const b = panel(current, options.noiseSeedBase + 2 * g + 1);
    for (const [p, m] of RECORDED) out.push(p === "A" ? a[m] : b[m]);
  }
  return out;
}

/**
 * The single-panel spreads: figure1.A.*.single, figure1.B.*.single and
 * figure1.contrast.rcorrDifference.single at every dt. results[i] is what singleDraw gave for
 * the i-th of singleTasks(options).
 */
export function singleSpread(
  options: SingleCalibration,
  results: readonly (readonly number[])[],
): Record<string, MeasureSpread> {
  const spreads = new Draws();
  describeSingle(spreads, options);
  const tasks = singleTasks(options);
  tasks.forEach((task, t) => {
    const values = results[t];
    for (let i = 0; i < task.count; i++) {
      const g = task.first + i;
      const label = variantLabel(FAITHFUL_VARIANTS[g % FAITHFUL_VARIANTS.length]);
      const at = (k: number) => values[i * RECORDED.length + k];
      RECORDED.forEach(([p, m], k) => {
        spreads.add(atDt(`figure1.${p}.${m}.single`, task.dtMs), label, at(k));
      });
      const contrast = at(B_RCORR) - at(A_RCORR);
      spreads.add(atDt("figure1.contrast.rcorrDifference.single", task.dtMs), label, contrast);
    }
  });
  return spreads.spreads();
}

function describeSingle(spreads: Draws, options: SingleCalibration): void {
  const n = options.drawsPerVariant;
  for (const dtMs of options.dtsMs) {
    for (const [p, m] of RECORDED) {
      const on = p === "A" ? "the step current" : "a random frozen current";
      const sides = (FIGURE1_SIDES[p] as Record<string, Sides>)[m];
      spreads.describe(
        atDt(`figure1.${p}.${m}.single`, dtMs),
        UNITS[m],
        sides,
        `panel ${p}'s ${m}, one panel of 25 trials on ${on}, dt ${dtMs} ms (${n} draws a variant)`,
      );
    }
    spreads.describe(
      atDt("figure1.contrast.rcorrDifference.single", dtMs),
      "1",
      "low",
      `rcorr of one panel B minus that of one panel A, dt ${dtMs} ms (${n} draws a variant)`,
    );
  }
}
