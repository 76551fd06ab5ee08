import { SubmissionBroke } from "./ask.js";
import { atMostHigh, band } from "./band.js";
import { type CheckContext, type CheckDefinition, checkFunction } from "./check.js";
import type { Figure1Source, PanelOutcome } from "./figure1-source.js";
import { secondsHint } from "./spike-units.js";
import { bandJson, fmt, verdict } from "./verdict.js";

export interface Figure1AParameters {
  upperQuantile: number;
  noiseSeed: number;
}

const TOLERANCES = { reliability: "figure1.A.reliability", rcorr: "figure1.A.rcorr" } as const;

/** The Figure 1 source, which a figure1 check cannot run without. */
export function requireFigure1(context: CheckContext): Figure1Source {
  if (context.figure1 === undefined) {
    throw new Error(`${context.check.id} needs the Figure 1 panels and was given none`);
  }
  return context.figure1;
}

/** A composed panel, or SubmissionBroke naming why it could not be composed. */
export function usable(outcome: PanelOutcome, label: string) {
  if (!outcome.ok) throw new SubmissionBroke(`${label} could not be composed: ${outcome.message}`);
  return outcome;
}

export const figure1A: CheckDefinition<Figure1AParameters> = {
  id: "figure1.A",
  stage: "figure1",
  parameters: (p) => ({
    upperQuantile: p.quantile("upperQuantile"),
    noiseSeed: p.seed("noiseSeed"),
  }),
  tolerances: () => Object.values(TOLERANCES),
  async run(context, p) {
    const source = requireFigure1(context);
    const reliabilityBand = band(
      context.tolerances,
      TOLERANCES.reliability,
      undefined,
      p.upperQuantile,
    );
    const rcorrBand = band(context.tolerances, TOLERANCES.rcorr, undefined, p.upperQuantile);
    const { metrics, panel } = usable(await source.panelA(p.noiseSeed), "panel A");
    const details = {
      observed: { ...metrics, trials: panel.spikeTimesMs.length },
      expected: { reliability: bandJson(reliabilityBand), rcorr: bandJson(rcorrBand) },
    };
    const maxReliability = reliabilityBand.high as number;
    const maxRcorr = rcorrBand.high as number;
    const window = context.measures.window;
    if (!(metrics.rateHz > 0)) {
      return verdict(
        context.check,
        "fail",
        `panel A has no spike in [${window.startMs}, ${window.endMs}) ms, so there is no timing to judge: ${secondsHint(panel.spikeTimesMs, source.durationMs) || "does the 150 pA step drive the neuron above threshold?"}`,
        details,
      );
    }
    const tooReliable = !atMostHigh(metrics.reliability, reliabilityBand);
    const tooCorrelated = !atMostHigh(metrics.rcorr, rcorrBand);
    if (tooReliable || tooCorrelated) {
      const parts = [
        `reliability ${fmt(metrics.reliability)}${tooReliable ? `, above ${fmt(maxReliability)}` : ""}`,
        `rcorr ${fmt(metrics.rcorr)}${tooCorrelated ? `, above ${fmt(maxRcorr)}` : ""}`,
      ];
      return verdict(
        context.check,
        "fail",
        `panel A's trials stay aligned after the first spike (${parts.join("; ")}): is intrinsic noise drawn fresh every step in every trial, with noiseSdMv*sqrt(2*dtMs/tauMs)?`,
        details,
      );
    }
    return verdict(
      context.check,
      "pass",
      `panel A's timing drifts apart across trials (reliability ${fmt(metrics.reliability)}, at most ${fmt(maxReliability)}; rcorr ${fmt(metrics.rcorr)}, at most ${fmt(maxRcorr)})`,
      details,
    );
  },
};

/** figure1.A: the constant step gives unreliable timing after the first spikes. */
export const figure1ACheck = checkFunction(figure1A);
