/**
 * The tail of Figure 1's panel B on random frozen currents against the bands of
 * reference/tolerances.json, for the two families whose currents the calibration does not fix: a
 * single panel (25 trials on a current of the student's own choosing, as a results file gives
 * it) and the mean over 4 currents (a hidden repeat's, or the public panels of a student whose
 * generator is not numpy's). For each time step, N draws of faithful variants, each on its own
 * random currents and noise (seeds apart from the calibration's and the checks'), and how many
 * fall outside the band of their reliability, rcorr and precision, with the 95 % upper bound of
 * that rate. The bands state about 1e-7; calibrated on 100 draws a variant, single panels fell
 * below their band 4 times in 12,000 at dt 0.1 ms, and a 4-current mean of precision once in
 * 18,000 faithful submissions. Beside the count, each edge's chance read off an exponential tail
 * fitted to the draws' most extreme 5 % (tail-fit.ts; it overstates a normal tail's, about 8e-6
 * a side at 5.3 SD), with a bootstrap bound: where it lies far above that, the band's tail is
 * heavier than its stated chance assumes.
 * `node --import ./dev/register.mjs tests/bench/single-tail.ts [--panels N] [--currents 1|4]
 * [--dt MS] [--json]`, or run.ts.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { panelMetrics } from "../../src/analysis/panel-metrics.js";
import { atDt, CALIBRATED_DTS_MS } from "../../src/checks/protocols.js";
import { FAITHFUL_VARIANTS } from "../../src/model/lif-variants.js";
import { makeStimulus } from "../../src/model/stimulus.js";
import { CANONICAL, CANONICAL_NEURON, canonicalOu } from "../../src/protocol/canonical.js";
import type { ToleranceBand, Tolerances } from "../../src/protocol/types.js";
import { simulateVariant } from "../../src/reference/variants.js";
import { ROOT } from "../helpers/cli.js";
import { upperBound } from "../validity/monte-carlo.js";
import { type Side, tailChanceWithBound } from "./tail-fit.js";

/** Seeds of these panels: apart from the calibration's (under 5,000,000) and the validity run's. */
const SEEDS = {
  1: { stimulus: 5_000_000, noise: 9_000_000 },
  4: { stimulus: 6_000_000, noise: 9_500_000 },
} as const;

/** Panels a draw: one (a results file's) or a mean over 4 currents (a simulator's). */
export type CurrentsPerDraw = keyof typeof SEEDS;

const FAMILY: Record<CurrentsPerDraw, string> = { 1: "single", 4: "acrossCurrents" };

const JUDGED = ["reliability", "rcorr", "precisionMs"] as const;

export interface TailRow {
  dtMs: number;
  /** Panels a draw, each on its own current (their means are judged). */
  currents: CurrentsPerDraw;
  draws: number;
  measure: string;
  /** The band's edges, and the most extreme draws on either side. */
  low: number;
  high: number;
  lowest: number;
  highest: number;
  outside: number;
  upper95: number;
  /**
   * The chance beyond each edge under an exponential tail fitted to the draws (tail-fit.ts), with
   * a bootstrap 95 % upper bound; absent under 200 draws.
   */
  fitted?: Partial<Record<Side, { chance: number; upper95: number }>>;
}

/** The fitted chances beyond a band's edges, from 200 draws on. */
function fittedTail(values: readonly number[], band: ToleranceBand): TailRow["fitted"] {
  if (values.filter(Number.isFinite).length < 200) return undefined;
  const fitted: TailRow["fitted"] = {};
  if (band.low !== undefined) fitted.low = tailChanceWithBound(values, band.low, "low");
  if (band.high !== undefined) fitted.high = tailChanceWithBound(values, band.high, "high");
  return fitted;
}

function outsideOf(band: ToleranceBand, value: number): boolean {
  if (!Number.isFinite(value)) return false;
  return value < (band.low ?? -Infinity) || value > (band.high ?? Infinity);
}

/** Draw s of a family at one dt: its measures' means over its currents, as JUDGED lists them. */
function tailDraw(dtMs: number, currents: CurrentsPerDraw, s: number): number[] {
  const variant = FAITHFUL_VARIANTS[s % FAITHFUL_VARIANTS.length];
  const noiseSeed = SEEDS[currents].noise + s;
  const sums = JUDGED.map(() => 0);
  for (let c = 0; c < currents; c++) {
    const current = makeStimulus(canonicalOu(dtMs, SEEDS[currents].stimulus + currents * s + c));
    const m = panelMetrics(
      simulateVariant(current, dtMs, dtMs, variant, CANONICAL_NEURON, CANONICAL.trials, noiseSeed),
    );
    JUDGED.forEach((measure, k) => {
      sums[k] += m[measure];
    });
  }
  // Summed, then divided, as the checks' meanOf does.
  return sums.map((sum) => sum / currents);
}

/** N draws at one dt: each JUDGED measure's values, in draw order. */
export function tailValues(draws: number, dtMs: number, currents: CurrentsPerDraw): number[][] {
  const values = JUDGED.map(() => [] as number[]);
  for (let s = 0; s < draws; s++) {
    tailDraw(dtMs, currents, s).forEach((v, k) => {
      values[k].push(v);
    });
  }
  return values;
}

/** tailValues' draws at one dt judged against tolerances' bands of their family. */
export function judgeTail(
  values: readonly (readonly number[])[],
  tolerances: Tolerances,
  dtMs: number,
  currents: CurrentsPerDraw,
): TailRow[] {
  return JUDGED.map((measure, k) => {
    const name = atDt(`figure1.B.${measure}.${FAMILY[currents]}`, dtMs);
    const band = tolerances.measures[name].band;
    if (band === undefined) throw new Error(`tolerances.json has no band for ${name}`);
    const finite = values[k].filter(Number.isFinite);
    const outside = values[k].filter((v) => outsideOf(band, v)).length;
    const draws = values[k].length;
    return {
      ...{ dtMs, currents, draws, measure },
      ...{ low: band.low ?? Number.NaN, high: band.high ?? Number.NaN },
      ...{ lowest: Math.min(...finite), highest: Math.max(...finite) },
      ...{ outside, upper95: upperBound(outside, draws) },
      fitted: fittedTail(values[k], band),
    };
  });
}

/**
 * N draws at each dt (or those given) of one panel or of 4-current means, judged against
 * tolerances' panel B bands of that family (figure1.B.*.single or figure1.B.*.acrossCurrents).
 */
export function singleTail(
  draws: number,
  tolerances: Tolerances,
  dtsMs: readonly number[] = CALIBRATED_DTS_MS,
  currents: CurrentsPerDraw = 1,
): TailRow[] {
  return dtsMs.flatMap((dtMs) =>
    judgeTail(tailValues(draws, dtMs, currents), tolerances, dtMs, currents),
  );
}

export function singleTailLines(rows: readonly TailRow[]): string[] {
  const fitted = (r: TailRow) => {
    const side = (s: Side) => {
      const f = r.fitted?.[s];
      return f === undefined ? "-" : `${f.chance.toPrecision(2)} (<= ${f.upper95.toPrecision(2)})`;
    };
    return r.fitted === undefined
      ? ""
      : `; exponential tail beyond low ${side("low")}, high ${side("high")}`;
  };
  return [
    "panel B on random frozen currents (one panel, or the mean of 4), against reference/tolerances.json's bands:",
    ...rows.map(
      (r) =>
        `  ${r.currents === 1 ? "single " : "4-mean "} dt ${String(r.dtMs).padEnd(4)} ${r.measure.padEnd(12)} ${r.outside}/${r.draws} outside (95% upper ${r.upper95.toPrecision(2)}); band ${r.low} to ${r.high}, draws ${r.lowest.toFixed(4)} to ${r.highest.toFixed(4)}${fitted(r)}`,
    ),
  ];
}

export function referenceTolerances(): Tolerances {
  return JSON.parse(readFileSync(join(ROOT, "reference", "tolerances.json"), "utf8"));
}

if (process.argv[1] === import.meta.filename) {
  const option = (name: string) => {
    const at = process.argv.indexOf(name);
    return at >= 0 ? Number(process.argv[at + 1]) : undefined;
  };
  const currents = option("--currents") === 4 ? 4 : 1;
  const dt = option("--dt");
  const dts = dt === undefined ? CALIBRATED_DTS_MS : [dt];
  const rows = singleTail(option("--panels") ?? 2000, referenceTolerances(), dts, currents);
  if (process.argv.includes("--json")) console.log(JSON.stringify(rows, null, 2));
  else for (const line of singleTailLines(rows)) console.log(line);
}
