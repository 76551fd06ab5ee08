import type { PanelMetrics } from "../analysis/panel-metrics.js";
import type { Comparison } from "../protocol/types.js";
import { allInBand, compare } from "./band.js";
import { formatBand, formatMeasured } from "./band-text.js";
import type { CheckDefinition } from "./check.js";
import { figure1Band, meanOf, over, panelsB, requireFigure1 } from "./figure1-panels.js";
import { CHECK_PROTOCOLS } from "./protocols.js";
import { fmt, verdict } from "./verdict.js";

export interface Figure1BParameters {
  /** One panel B per frozen current; the check judges the mean over them. */
  stimulusSeeds: number[];
  noiseSeed: number;
}

const MEASURES: { key: keyof PanelMetrics; name: string; unit: string }[] = [
  { key: "reliability", name: "reliability", unit: "" },
  { key: "precisionMs", name: "precision", unit: " ms" },
  { key: "rcorr", name: "rcorr", unit: "" },
];

export const figure1B: CheckDefinition<Figure1BParameters> = {
  id: "figure1.B",
  stage: "figure1",
  title: "the frozen fluctuating current gives reliable, precise timing",
  points: 2,
  defaultParameters: {
    stimulusSeeds: [...CHECK_PROTOCOLS.figure1.bStimulusSeeds],
    noiseSeed: CHECK_PROTOCOLS.figure1.bNoiseSeed,
  },
  hiddenRepeat: true,
  parameters: (p) => ({
    stimulusSeeds: p.seeds("stimulusSeeds", {
      exactItems: CHECK_PROTOCOLS.figure1.bStimulusSeeds.length,
      why: "tolerances.json's bands of panel B are the spread of a mean over that many frozen currents",
    }),
    noiseSeed: p.seed("noiseSeed"),
  }),
  tolerances: () => MEASURES.map((m) => `figure1.B.${m.key}.pooled.dt0.5`),
  async run(context, p) {
    const source = requireFigure1(context);
    const set = await panelsB(source, p.stimulusSeeds, p.noiseSeed);
    const what = over(set, "frozen currents");
    const judged = MEASURES.map((m) => {
      const band = figure1Band(context, `figure1.B.${m.key}`, set);
      const value = meanOf(set, m.key);
      return { ...m, band, value, comparison: compare(band, `${m.name}${what}`, [{ value }]) };
    });
    const comparisons: Comparison[] = judged.map((j) => j.comparison);
    const details = {
      observed: {
        panels: set.panels.map((q) => ({ label: q.label, ...q.metrics })),
        ...Object.fromEntries(judged.map((j) => [j.key, j.value])),
      },
      expected: { family: set.family, dtMs: set.dtMs, stimulusSeeds: p.stimulusSeeds },
      comparisons,
    };
    const values = judged.map((j) => `${j.name} ${fmt(j.value)}${j.unit}`).join(", ");
    const outside = judged.filter((j) => !allInBand(j.comparison));
    if (outside.length === 0) {
      return verdict(
        context.check,
        "pass",
        `panel B's timing is reliable and precise${what}: ${values}`,
        details,
      );
    }
    const said = outside
      .map((j) => {
        const side = j.band.low !== undefined && j.value < j.band.low ? "below" : "above";
        return Number.isNaN(j.value)
          ? `${j.name} could not be measured (no event)`
          : `${j.name} ${formatMeasured(j.value)}${j.unit} is ${side} ${formatBand(j.band)}`;
      })
      .join(", ");
    const rate = meanOf(set, "rateHz");
    const tooAlike = outside.every(
      (j) =>
        (j.key === "precisionMs" && j.band.low !== undefined && j.value < j.band.low) ||
        (j.key !== "precisionMs" && j.band.high !== undefined && j.value > j.band.high),
    );
    const hint = !(rate > 0)
      ? "panel B has no spike in the window: does the frozen current drive the neuron above threshold, and are spike times in ms?"
      : tooAlike
        ? "its trials are more alike than the reference's ever are: is intrinsic noise drawn fresh every step in every trial?"
        : "with the same frozen current in every trial, only the intrinsic noise should set trials apart: is it noiseSdMv*sqrt(2*dtMs/tauMs)*xi per step (neuron.noise measures it), and is the frozen current the one makeStimulus returns?";
    return verdict(
      context.check,
      "fail",
      `panel B's timing is outside the reference's range${what}: ${said}; ${hint}`,
      details,
    );
  },
};
