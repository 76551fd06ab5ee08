import { allInBand, compare } from "./band.js";
import { formatBand, formatMeasured } from "./band-text.js";
import type { CheckDefinition } from "./check.js";
import { figure1Band, meanOf, over, panelsA, requireFigure1 } from "./figure1-panels.js";
import { CHECK_PROTOCOLS } from "./protocols.js";
import { secondsHint } from "./spike-units.js";
import { verdict } from "./verdict.js";

export interface Figure1AParameters {
  /** One panel A of 25 trials per noise seed; the check judges the mean over them. */
  noiseSeeds: number[];
}

export const figure1A: CheckDefinition<Figure1AParameters> = {
  id: "figure1.A",
  stage: "figure1",
  title: "the constant step gives unreliable timing after the first spikes",
  points: 2,
  defaultParameters: { noiseSeeds: [...CHECK_PROTOCOLS.figure1.aNoiseSeeds] },
  parameters: (p) => ({
    noiseSeeds: p.seeds("noiseSeeds", {
      exactItems: CHECK_PROTOCOLS.figure1.aNoiseSeeds.length,
      why: "tolerances.json's pooled bands of panel A are the spread of a mean over that many panels",
    }),
  }),
  tolerances: () => ["figure1.A.reliability.pooled.dt0.5", "figure1.A.rcorr.pooled.dt0.5"],
  async run(context, p) {
    const source = requireFigure1(context);
    const set = await panelsA(source, p.noiseSeeds);
    const reliabilityBand = figure1Band(context, "figure1.A.reliability", set);
    const rcorrBand = figure1Band(context, "figure1.A.rcorr", set);
    const reliability = meanOf(set, "reliability");
    const rcorr = meanOf(set, "rcorr");
    const rate = meanOf(set, "rateHz");
    const comparisons = [
      compare(reliabilityBand, `reliability${over(set, "noise seeds")}`, [{ value: reliability }]),
      compare(rcorrBand, `rcorr${over(set, "noise seeds")}`, [{ value: rcorr }]),
    ];
    const details = {
      observed: {
        panels: set.panels.map((q) => ({
          label: q.label,
          ...q.metrics,
          trials: q.panel.spikeTimesMs.length,
        })),
        reliability,
        rcorr,
      },
      expected: { family: set.family, dtMs: set.dtMs },
      comparisons,
    };
    const window = context.measures.window;
    if (!(rate > 0)) {
      const trains = set.panels.flatMap((q) => q.panel.spikeTimesMs);
      return verdict(
        context.check,
        "fail",
        `panel A has no spike in [${window.startMs}, ${window.endMs}) ms, so there is no timing to judge: ${secondsHint(trains, source.durationMs) || "does the 150 pA step drive the neuron above threshold (see neuron.fi)?"}`,
        details,
      );
    }
    const [reliable, correlated] = comparisons.map((c) => !allInBand(c));
    const values = `reliability ${formatMeasured(reliability)}${reliable ? ` where ${formatBand(reliabilityBand)} is accepted` : ""}; rcorr ${formatMeasured(rcorr)}${correlated ? ` where ${formatBand(rcorrBand)} is accepted` : ""}${over(set, "noise seeds")}`;
    if (reliable || correlated) {
      return verdict(
        context.check,
        "fail",
        `panel A's trials stay aligned after the first spike (${values}): is intrinsic noise drawn fresh every step in every trial, with noiseSdMv*sqrt(2*dtMs/tauMs)? (neuron.noise measures its size)`,
        details,
      );
    }
    return verdict(
      context.check,
      "pass",
      `panel A's timing drifts apart across trials (${values}; accepted: reliability ${formatBand(reliabilityBand)}, rcorr ${formatBand(rcorrBand)})`,
      details,
    );
  },
};
