import type { PanelMetrics } from "../analysis/panel-metrics.js";
import { makeStimulus } from "../model/stimulus.js";
import { canonicalOu } from "../protocol/canonical.js";
import type { Figure1Panel } from "../protocol/types.js";
import { SubmissionBroke } from "./ask.js";
import { type Band, bandAtDt } from "./band.js";
import type { CheckContext } from "./check.js";
import type { Figure1Source, PanelOutcome } from "./figure1-source.js";
import { CHECK_PROTOCOLS } from "./protocols.js";

/**
 * Which calibrated spread a set of panels is judged against: "pooled", the means over the
 * public seeds of a simulator's panels; "acrossCurrents", the means over frozen currents the
 * calibration did not fix (a hidden repeat's); "single", a results file's one panel.
 */
export type PanelFamily = "pooled" | "acrossCurrents" | "single";

export interface JudgedPanel {
  label: string;
  panel: Figure1Panel;
  metrics: PanelMetrics;
}

export interface PanelSet {
  family: PanelFamily;
  /** The time step the panels were simulated at, ms (the bands are per time step). */
  dtMs: number;
  panels: JudgedPanel[];
}

/** The Figure 1 source, which a figure1 check cannot run without. */
export function requireFigure1(context: CheckContext): Figure1Source {
  if (context.figure1 === undefined) {
    throw new Error(`${context.check.id} needs the Figure 1 panels and was given none`);
  }
  return context.figure1;
}

/** A composed panel, or SubmissionBroke naming why it could not be composed. */
function usable(outcome: PanelOutcome, label: string) {
  if (!outcome.ok) throw new SubmissionBroke(`${label} could not be composed: ${outcome.message}`);
  return outcome;
}

/** Panel A on each noise seed (a results file has its one panel). */
export async function panelsA(
  source: Figure1Source,
  noiseSeeds: readonly number[],
): Promise<PanelSet> {
  if (source.kind === "results") {
    const { panel, metrics } = usable(await source.panelA(0), "panel A");
    return { family: "single", dtMs: source.dtMs, panels: [{ label: "panel A", panel, metrics }] };
  }
  const panels: JudgedPanel[] = [];
  for (const seed of noiseSeeds) {
    const label = `panel A (noise seed ${seed})`;
    const { panel, metrics } = usable(await source.panelA(seed), label);
    panels.push({ label, panel, metrics });
  }
  return { family: "pooled", dtMs: source.dtMs, panels };
}

/**
 * Panel B on each frozen current. The public currents are the calibration's own
 * (CHECK_PROTOCOLS.figure1), whose spread over noise alone is narrower than across currents;
 * any other currents are judged across currents.
 */
export async function panelsB(
  source: Figure1Source,
  stimulusSeeds: readonly number[],
  noiseSeed: number,
): Promise<PanelSet> {
  const outcomes = await source.panelsB(
    source.kind === "results" ? stimulusSeeds.slice(0, 1) : stimulusSeeds,
    noiseSeed,
  );
  const panels = outcomes.map(({ stimulusSeed, outcome }) => {
    const label =
      stimulusSeed === null ? "panel B" : `panel B (frozen current of seed ${stimulusSeed})`;
    const { panel, metrics } = usable(outcome, label);
    return { label, panel, metrics };
  });
  const calibrated = CHECK_PROTOCOLS.figure1.bStimulusSeeds;
  // The pooled spread is over the calibration's own currents, numpy's for those seeds; a student
  // whose generator is another drives panel B with other currents, judged across currents.
  const same =
    stimulusSeeds.length === calibrated.length &&
    stimulusSeeds.every((s, i) => s === calibrated[i]) &&
    noiseSeed === CHECK_PROTOCOLS.figure1.bNoiseSeed &&
    panels.every((q, i) => sameCurrent(q.panel.currentPa, calibrated[i], source.dtMs));
  const family: PanelFamily =
    source.kind === "results" ? "single" : same ? "pooled" : "acrossCurrents";
  return { family, dtMs: source.dtMs, panels };
}

/** The mean of a measure over a set's panels (NaN panels make it NaN). */
export function meanOf(set: PanelSet, key: keyof PanelMetrics): number {
  return set.panels.reduce((s, p) => s + p.metrics[key], 0) / set.panels.length;
}

/** The band of a Figure 1 measure for a set: "figure1.B.rcorr" -> figure1.B.rcorr.pooled.dt0.5. */
export function figure1Band(context: CheckContext, measure: string, set: PanelSet): Band {
  return bandAtDt(context.tolerances, `${measure}.${set.family}`, set.dtMs);
}

/** "over 4 panels" or "" for one. */
export function over(set: PanelSet, what: string): string {
  return set.panels.length === 1 ? "" : ` (mean over ${set.panels.length} ${what})`;
}

/** Whether a panel's current is the reference's frozen current of a seed (numpy's), to 1e-6 pA. */
function sameCurrent(currentPa: readonly number[], seed: number, dtMs: number): boolean {
  const reference = makeStimulus(canonicalOu(dtMs, seed));
  return (
    currentPa.length === reference.length &&
    currentPa.every((x, i) => Math.abs(x - reference[i]) <= 1e-6)
  );
}
