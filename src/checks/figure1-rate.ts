import { allInBand, compare } from "./band.js";
import { formatBand, formatMeasured } from "./band-text.js";
import type { CheckDefinition } from "./check.js";
import { figure1Band, meanOf, over, panelsA, requireFigure1 } from "./figure1-panels.js";
import { FIGURE1_DEFAULTS } from "./figure1-source.js";
import { secondsHint } from "./spike-units.js";
import { verdict } from "./verdict.js";

export type Figure1RateParameters = Record<string, never>;

export const figure1Rate: CheckDefinition<Figure1RateParameters> = {
  id: "figure1.rate",
  stage: "figure1",
  title: "panel A fires at the reference neuron's rate during the stimulus",
  points: 1,
  parameters: () => ({}),
  tolerances: () => ["figure1.A.rateHz.pooled.dt0.5"],
  async run(context) {
    const source = requireFigure1(context);
    const defaults = context.figure1Defaults ?? FIGURE1_DEFAULTS;
    const set = await panelsA(source, defaults.aNoiseSeeds);
    const accept = figure1Band(context, "figure1.A.rateHz", set);
    const rate = meanOf(set, "rateHz");
    const comparison = compare(accept, `panel A's rate${over(set, "noise seeds")}`, [
      { value: rate },
    ]);
    const { startMs, endMs } = context.measures.window;
    const details = {
      observed: {
        rateHz: rate,
        panels: set.panels.map((q) => ({ label: q.label, rateHz: q.metrics.rateHz })),
      },
      expected: { window: context.measures.window, family: set.family, dtMs: set.dtMs },
      comparisons: [comparison],
    };
    const said = `panel A fires at ${formatMeasured(rate)} Hz during the stimulus ([${startMs}, ${endMs}) ms)${over(set, "noise seeds")}`;
    if (allInBand(comparison)) {
      return verdict(context.check, "pass", `${said}, within ${formatBand(accept)}`, details);
    }
    const trains = set.panels.flatMap((q) => q.panel.spikeTimesMs);
    const hint =
      rate > 0
        ? "is the 150 pA step scaled by resistanceMOhm*1e-3, and is V reset to resetMv and held there for refractoryMs after each spike?"
        : secondsHint(trains, source.durationMs) ||
          "does the 150 pA step reach the neuron (resistanceMOhm*1e-3*I, with dtMs and tauMs in ms)?";
    return verdict(
      context.check,
      "fail",
      `${said}, outside ${formatBand(accept)}: ${hint}`,
      details,
    );
  },
};
