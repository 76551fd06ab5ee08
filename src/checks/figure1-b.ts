import type { PanelMetrics } from "../analysis/panel-metrics.js";
import { atLeastLow, atMostHigh, type Band, band, inBand } from "./band.js";
import { type CheckDefinition, checkFunction } from "./check.js";
import { requireFigure1, usable } from "./figure1-a.js";
import { bandJson, fmt, fmtBand, verdict } from "./verdict.js";

export interface Figure1BParameters {
  lowerQuantile: number;
  upperQuantile: number;
  /** One panel B per frozen current; a results file has its one panel instead. */
  stimulusSeeds: number[];
  noiseSeed: number;
}

const TOLERANCES = {
  reliability: "figure1.B.acrossCurrents.reliability",
  precisionMs: "figure1.B.acrossCurrents.precisionMs",
  rcorr: "figure1.B.acrossCurrents.rcorr",
} as const;

interface Bands {
  reliability: Band;
  precisionMs: Band;
  rcorr: Band;
}

/**
 * What keeps one panel B from passing: each of reliability, precision and rcorr inside the
 * reference's spread across frozen currents. Both ends count: a panel without intrinsic noise is
 * more precise (0 ms) and more correlated (rcorr 1) than any reference panel, which is as wrong as
 * too little precision.
 */
export function panelBProblems(m: PanelMetrics, b: Bands): string[] {
  const problems: string[] = [];
  const judge = (value: number, range: Band, name: string, unit: string) => {
    if (inBand(value, range)) return;
    const side = atLeastLow(value, range) ? "above" : "below";
    problems.push(`${name} ${fmt(value)}${unit} is ${side} ${fmtBand(range)}`);
  };
  judge(m.reliability, b.reliability, "reliability", "");
  if (Number.isNaN(m.precisionMs)) problems.push("no event, so no precision");
  else judge(m.precisionMs, b.precisionMs, "precision", " ms");
  judge(m.rcorr, b.rcorr, "rcorr", "");
  return problems;
}

export const figure1B: CheckDefinition<Figure1BParameters> = {
  id: "figure1.B",
  stage: "figure1",
  parameters: (p) => ({
    lowerQuantile: p.quantile("lowerQuantile"),
    upperQuantile: p.quantile("upperQuantile"),
    stimulusSeeds: p.seeds("stimulusSeeds"),
    noiseSeed: p.seed("noiseSeed"),
  }),
  tolerances: () => Object.values(TOLERANCES),
  async run(context, p) {
    const source = requireFigure1(context);
    const [lo, hi] = [p.lowerQuantile, p.upperQuantile];
    const bands: Bands = {
      reliability: band(context.tolerances, TOLERANCES.reliability, lo, hi),
      precisionMs: band(context.tolerances, TOLERANCES.precisionMs, lo, hi),
      rcorr: band(context.tolerances, TOLERANCES.rcorr, lo, hi),
    };
    const panels = await source.panelsB(p.stimulusSeeds, p.noiseSeed);
    const judged = panels.map(({ stimulusSeed, outcome }) => {
      const label =
        stimulusSeed === null ? "panel B" : `panel B on the frozen current of seed ${stimulusSeed}`;
      const { metrics } = usable(outcome, label);
      return { stimulusSeed, label, metrics, problems: panelBProblems(metrics, bands) };
    });
    const passing = judged.filter((j) => j.problems.length === 0).length;
    const details = {
      observed: {
        panels: judged.map((j) => ({
          stimulusSeed: j.stimulusSeed,
          ...j.metrics,
          passed: j.problems.length === 0,
        })),
        passing,
      },
      expected: {
        reliability: bandJson(bands.reliability),
        precisionMs: bandJson(bands.precisionMs),
        rcorr: bandJson(bands.rcorr),
        passing: `more than half of ${judged.length}`,
      },
    };
    const of = judged.length === 1 ? "" : ` on ${passing} of ${judged.length} frozen currents`;
    // A majority, so that no verdict hangs on one frozen current's luck.
    if (passing > judged.length / 2) {
      const m = judged[0].metrics;
      return verdict(
        context.check,
        "pass",
        `panel B's timing is reliable and precise${of} (${judged[0].label}: reliability ${fmt(m.reliability)}, precision ${fmt(m.precisionMs)} ms, rcorr ${fmt(m.rcorr)})`,
        details,
      );
    }
    const failing = judged
      .filter((j) => j.problems.length > 0)
      .map((j) => `${j.label}: ${j.problems.join(", ")}`)
      .join("; ");
    const failed = judged.filter((j) => j.problems.length > 0);
    const silent = failed.every((j) => !(j.metrics.rateHz > 0));
    const tooAlike = failed.every(
      (j) =>
        !atMostHigh(j.metrics.rcorr, bands.rcorr) ||
        j.metrics.precisionMs < (bands.precisionMs.low ?? 0),
    );
    const hint = silent
      ? "panel B has no spike in the window: does the frozen current drive the neuron above threshold, and are spike times in ms?"
      : tooAlike
        ? "its trials are more alike than the reference's ever are: is intrinsic noise drawn fresh every step in every trial?"
        : "with the same frozen current in every trial, only the intrinsic noise should set trials apart: is it noiseSdMv*sqrt(2*dtMs/tauMs)*xi per step?";
    const where =
      judged.length === 1
        ? ""
        : ` on a majority of the frozen currents (${passing} of ${judged.length} pass)`;
    return verdict(
      context.check,
      "fail",
      `panel B's timing is outside the reference's range${where}: ${failing}; ${hint}`,
      details,
    );
  },
};

/** figure1.B: the frozen fluctuating current gives reliable, precise timing (on most currents). */
export const figure1BCheck = checkFunction(figure1B);
