import { allInBand, bandAtDt, compare } from "./band.js";
import { formatBand, formatMeasured } from "./band-text.js";
import type { CheckDefinition } from "./check.js";
import { meanOf, panelsA, panelsB, requireFigure1 } from "./figure1-panels.js";
import { FIGURE1_DEFAULTS } from "./figure1-source.js";
import { fmt, verdict } from "./verdict.js";

export type Figure1ContrastParameters = Record<string, never>;

const TOLERANCE = "figure1.contrast.rcorrDifference";

export const figure1Contrast: CheckDefinition<Figure1ContrastParameters> = {
  id: "figure1.contrast",
  stage: "figure1",
  title: "B is more reliable than A beyond what chance across trials explains",
  points: 1,
  parameters: () => ({}),
  tolerances: () => [`${TOLERANCE}.pooled.dt0.5`],
  async run(context) {
    const source = requireFigure1(context);
    const defaults = context.figure1Defaults ?? FIGURE1_DEFAULTS;
    const a = await panelsA(source, defaults.aNoiseSeeds);
    const b = await panelsB(source, defaults.bStimulusSeeds, defaults.bNoiseSeed);
    // A results file's one panel of each is judged as a single panel; a simulator's panels by the
    // family of its panels B (the calibration's own currents, or others).
    const family = a.family === "single" || b.family === "single" ? "single" : b.family;
    const accept = bandAtDt(context.tolerances, `${TOLERANCE}.${family}`, b.dtMs);
    const rcorrA = meanOf(a, "rcorr");
    const rcorrB = meanOf(b, "rcorr");
    const difference = rcorrB - rcorrA;
    const pooled =
      family === "pooled"
        ? ` (means over ${a.panels.length} panels A and ${b.panels.length} panels B)`
        : "";
    const comparison = compare(accept, `rcorr of B minus rcorr of A${pooled}`, [
      { value: difference },
    ]);
    const details = {
      observed: { rcorrA, rcorrB, rcorrDifference: difference },
      expected: {
        family,
        referenceMedian: context.tolerances.measures[accept.name]?.quantiles["0.5"],
      },
      comparisons: [comparison],
    };
    const said = `rcorr of B minus A is ${formatMeasured(difference)} (B ${fmt(rcorrB)}, A ${fmt(rcorrA)}${pooled})`;
    if (allInBand(comparison)) {
      return verdict(
        context.check,
        "pass",
        `${said}, ${formatBand(accept)}: B is more reliable than A beyond what chance across trials and noise explains`,
        details,
      );
    }
    return verdict(
      context.check,
      "fail",
      `${said}, below ${formatBand(accept)}: panel B is not clearly more reliable than panel A; a faithful simulator's difference is about ${fmt(details.expected.referenceMedian)}: does panel B use the frozen current in every trial and panel A the constant step?`,
      details,
    );
  },
};
