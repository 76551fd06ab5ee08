import { ouStatistics } from "../analysis/ou-statistics.js";
import { CHECK_PROTOCOLS, ouCheckRequest } from "../reference/check-protocols.js";
import { askStimulus } from "./ask.js";
import { band, inBand } from "./band.js";
import { type CheckDefinition, checkFunction, requireSession } from "./check.js";
import { finiteOrNull } from "./figure-data.js";
import { bandJson, fmt, fmtBand, verdict } from "./verdict.js";

export interface StimulusOuParameters {
  lowerQuantile: number;
  upperQuantile: number;
  dtMs: number;
  seed: number;
}

const TOLERANCES = {
  mean: "stimulus.ou.meanPa",
  sd: "stimulus.ou.sdPa",
  tau: "stimulus.ou.tauMs",
} as const;

export const stimulusOu: CheckDefinition<StimulusOuParameters> = {
  id: "stimulus.ou",
  stage: "stimulus",
  parameters: (p) => ({
    lowerQuantile: p.quantile("lowerQuantile"),
    upperQuantile: p.quantile("upperQuantile"),
    dtMs: p.number("dtMs", { above: 0, what: "a time step in ms" }),
    seed: p.seed("seed"),
  }),
  tolerances: () => Object.values(TOLERANCES),
  async run(context, p) {
    const session = requireSession(context);
    const protocol = CHECK_PROTOCOLS.ou;
    const request = ouCheckRequest(p.dtMs, p.seed);
    const bands = {
      mean: band(context.tolerances, TOLERANCES.mean, p.lowerQuantile, p.upperQuantile),
      sd: band(context.tolerances, TOLERANCES.sd, p.lowerQuantile, p.upperQuantile),
      tau: band(context.tolerances, TOLERANCES.tau, p.lowerQuantile, p.upperQuantile),
    };
    const current = await askStimulus(session, request);
    const stats = ouStatistics(current, p.dtMs, {
      ...protocol.window,
      maxLagMs: protocol.maxLagMs,
    });
    if (context.figures) {
      const tau = bands.tau;
      context.figures.autocorrelation = {
        dtMs: p.dtMs,
        autocorrelation: stats.autocorrelation.map(finiteOrNull),
        tauMs: protocol.tauMs,
        tauMsEstimated: finiteOrNull(stats.tauMs),
        tauBandMs:
          tau.low !== undefined && tau.high !== undefined ? { low: tau.low, high: tau.high } : null,
      };
    }
    const details = {
      observed: {
        meanPa: stats.meanPa,
        sdPa: stats.sdPa,
        tauMs: stats.tauMs,
        samples: stats.samples,
      },
      expected: {
        request,
        meanPa: bandJson(bands.mean),
        sdPa: bandJson(bands.sd),
        tauMs: bandJson(bands.tau),
      },
    };
    const asked = `meanPa ${protocol.meanPa}, sdPa ${protocol.sdPa}, tauMs ${protocol.tauMs}`;
    if (!(stats.sdPa > 0)) {
      return verdict(
        context.check,
        "fail",
        `the OU current (${asked}) does not fluctuate: it is ${fmt(current[0])} pA throughout; is a fresh random number drawn every step?`,
        details,
      );
    }
    const problems: string[] = [];
    if (!inBand(stats.meanPa, bands.mean)) {
      problems.push(
        `its mean is ${fmt(stats.meanPa)} pA, outside ${fmtBand(bands.mean)} for meanPa ${protocol.meanPa}: does x relax towards meanPa (x = meanPa + a*(x - meanPa) + ...)?`,
      );
    }
    if (!inBand(stats.sdPa, bands.sd)) {
      const side = bands.sd.low !== undefined && stats.sdPa < bands.sd.low ? "below" : "above";
      problems.push(
        `its SD is ${fmt(stats.sdPa)} pA, ${side} ${fmtBand(bands.sd)} for sdPa ${protocol.sdPa}: is sdPa the stationary SD in your update (x = meanPa + a*(x - meanPa) + sdPa*sqrt(1 - a^2)*z)?`,
      );
    }
    if (!inBand(stats.tauMs, bands.tau)) {
      problems.push(
        `its correlation time is ${fmt(stats.tauMs)} ms, outside ${fmtBand(bands.tau)} for tauMs ${protocol.tauMs}: is a = exp(-dtMs/tauMs), with both in ms?`,
      );
    }
    if (problems.length > 0) {
      return verdict(
        context.check,
        "fail",
        `the OU current of seed ${p.seed} at dt ${fmt(p.dtMs)} ms: ${problems.join("; ")}`,
        details,
      );
    }
    return verdict(
      context.check,
      "pass",
      `mean ${fmt(stats.meanPa)} pA, SD ${fmt(stats.sdPa)} pA and correlation time ${fmt(stats.tauMs)} ms agree with ${asked}`,
      details,
    );
  },
};

/** stimulus.ou: mean, SD and correlation time of a long OU current against the reference's spread. */
export const stimulusOuCheck = checkFunction(stimulusOu);
