import { band, inBand } from "./band.js";
import { type CheckDefinition, checkFunction } from "./check.js";
import { requireFigure1, usable } from "./figure1-a.js";
import { FIGURE1_DEFAULTS } from "./figure1-source.js";
import { secondsHint } from "./spike-units.js";
import { bandJson, fmt, fmtBand, verdict } from "./verdict.js";

export interface Figure1RateParameters {
  lowerQuantile: number;
  upperQuantile: number;
}

const TOLERANCE = "figure1.A.rateHz";

export const figure1Rate: CheckDefinition<Figure1RateParameters> = {
  id: "figure1.rate",
  stage: "figure1",
  parameters: (p) => ({
    lowerQuantile: p.quantile("lowerQuantile"),
    upperQuantile: p.quantile("upperQuantile"),
  }),
  tolerances: () => [TOLERANCE],
  async run(context, p) {
    const source = requireFigure1(context);
    const defaults = context.figure1Defaults ?? FIGURE1_DEFAULTS;
    const accept = band(context.tolerances, TOLERANCE, p.lowerQuantile, p.upperQuantile);
    const { metrics, panel } = usable(await source.panelA(defaults.aNoiseSeed), "panel A");
    const { startMs, endMs } = context.measures.window;
    const details = {
      observed: { rateHz: metrics.rateHz, trials: panel.spikeTimesMs.length },
      expected: { rateHz: bandJson(accept), window: context.measures.window },
    };
    const said = `panel A fires at ${fmt(metrics.rateHz)} Hz during the stimulus ([${startMs}, ${endMs}) ms)`;
    if (inBand(metrics.rateHz, accept)) {
      return verdict(context.check, "pass", `${said}, within ${fmtBand(accept)}`, details);
    }
    const hint =
      metrics.rateHz > 0
        ? "is the 150 pA step scaled by resistanceMOhm*1e-3, and is V reset to resetMv and held there for refractoryMs after each spike?"
        : secondsHint(panel.spikeTimesMs, source.durationMs) ||
          "does the 150 pA step reach the neuron (resistanceMOhm*1e-3*I, with dtMs and tauMs in ms)?";
    return verdict(context.check, "fail", `${said}, outside ${fmtBand(accept)}: ${hint}`, details);
  },
};

/** figure1.rate: panel A's mean rate during the stimulus is in the range of the reference's. */
export const figure1RateCheck = checkFunction(figure1Rate);
