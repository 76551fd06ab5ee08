/**
 * The tail of a single Figure 1 panel B (25 trials on a frozen current of the student's own
 * choosing, as a results file gives it) against the bands of reference/tolerances.json: for each
 * time step, N panels of faithful variants, each on its own random current and noise (seeds
 * apart from the calibration's and the checks'), and how many fall outside the band of their
 * reliability, rcorr (low side) and precision (high side), with the 95 % upper bound of that
 * rate. The bands state about 1e-7; the calibration's earlier 100 draws a variant gave bands that
 * 4 panels in 12,000 fell below at dt 0.1 ms.
 * `node --import ./dev/register.mjs tests/bench/single-tail.ts [--panels N] [--json]`, or run.ts.
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

/** Seeds of these panels: apart from the calibration's (under 5,000,000) and the validity run's. */
const STIMULUS_SEED_BASE = 5_000_000;
const NOISE_SEED_BASE = 9_000_000;

const JUDGED = [
  ["reliability", "low"],
  ["rcorr", "low"],
  ["precisionMs", "high"],
] as const;

export interface TailRow {
  dtMs: number;
  panels: number;
  measure: string;
  /** The band's edge judged, and the most extreme panel on that side. */
  edge: number;
  extreme: number;
  outside: number;
  upper95: number;
}

function outsideOf(band: ToleranceBand, side: "low" | "high", value: number): boolean {
  if (!Number.isFinite(value)) return false;
  return side === "low" ? value < (band.low ?? -Infinity) : value > (band.high ?? Infinity);
}

/** N panels at each dt (or those given), judged against tolerances' single-panel B bands. */
export function singleTail(
  panels: number,
  tolerances: Tolerances,
  dtsMs: readonly number[] = CALIBRATED_DTS_MS,
): TailRow[] {
  const rows: TailRow[] = [];
  for (const dtMs of dtsMs) {
    const values = JUDGED.map(() => [] as number[]);
    for (let s = 0; s < panels; s++) {
      const current = makeStimulus(canonicalOu(dtMs, STIMULUS_SEED_BASE + s));
      const variant = FAITHFUL_VARIANTS[s % FAITHFUL_VARIANTS.length];
      const seed = NOISE_SEED_BASE + s;
      const m = panelMetrics(
        simulateVariant(current, dtMs, dtMs, variant, CANONICAL_NEURON, CANONICAL.trials, seed),
      );
      JUDGED.forEach(([measure], k) => {
        values[k].push(m[measure]);
      });
    }
    JUDGED.forEach(([measure, side], k) => {
      const name = atDt(`figure1.B.${measure}.single`, dtMs);
      const band = tolerances.measures[name].band;
      if (band === undefined) throw new Error(`tolerances.json has no band for ${name}`);
      const finite = values[k].filter(Number.isFinite);
      const outside = values[k].filter((v) => outsideOf(band, side, v)).length;
      rows.push({
        dtMs,
        panels,
        measure: `${measure} (${side})`,
        edge: (side === "low" ? band.low : band.high) ?? Number.NaN,
        extreme: side === "low" ? Math.min(...finite) : Math.max(...finite),
        outside,
        upper95: upperBound(outside, panels),
      });
    });
  }
  return rows;
}

export function singleTailLines(rows: readonly TailRow[]): string[] {
  return [
    "single panel B on random frozen currents, against reference/tolerances.json's bands:",
    ...rows.map(
      (r) =>
        `  dt ${String(r.dtMs).padEnd(4)} ${r.measure.padEnd(20)} ${r.outside}/${r.panels} outside (95% upper ${r.upper95.toPrecision(2)}); edge ${r.edge}, most extreme ${r.extreme.toFixed(3)}`,
    ),
  ];
}

export function referenceTolerances(): Tolerances {
  return JSON.parse(readFileSync(join(ROOT, "reference", "tolerances.json"), "utf8"));
}

if (process.argv[1] === import.meta.filename) {
  const at = process.argv.indexOf("--panels");
  const panels = at >= 0 ? Number(process.argv[at + 1]) : 2000;
  const rows = singleTail(panels, referenceTolerances());
  if (process.argv.includes("--json")) console.log(JSON.stringify(rows, null, 2));
  else for (const line of singleTailLines(rows)) console.log(line);
}
