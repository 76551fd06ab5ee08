import { type OuStatistics, ouStatistics } from "../analysis/ou-statistics.js";
import { CANONICAL, canonicalOu } from "../protocol/canonical.js";
import type { Comparison, OuStimulusRequest, Tolerances } from "../protocol/types.js";
import { askStimulus, describeStimulus } from "./ask.js";
import { allInBand, type Band, bandAtDt, compare } from "./band.js";
import { formatBand } from "./band-text.js";
import { type CheckDefinition, requireSession } from "./check.js";
import { type AutocorrelationFigureData, finiteOrNull } from "./figure-data.js";
import { atDt, CHECK_PROTOCOLS, ouCheckRequest, PUBLIC_DTS_MS } from "./protocols.js";
import { fmt, verdict } from "./verdict.js";

export interface StimulusOuParameters {
  /** The time steps the long OU current is asked at, ms; the first one's is drawn in the report. */
  dtMs: number[];
  seed: number;
}

const MEASURES = {
  mean: "stimulus.ou.meanPa",
  sd: "stimulus.ou.sdPa",
  tau: "stimulus.ou.tauMs",
} as const;

export const stimulusOu: CheckDefinition<StimulusOuParameters> = {
  id: "stimulus.ou",
  stage: "stimulus",
  title: "the OU current's mean, SD and correlation time agree with the request",
  points: 1,
  defaultParameters: { dtMs: [...PUBLIC_DTS_MS], seed: CANONICAL.stimulusSeed },
  hiddenRepeat: true,
  parameters: (p) => ({
    dtMs: p.numbers("dtMs", { above: 0, what: "time steps in ms" }),
    seed: p.seed("seed"),
  }),
  tolerances: (p) => p.dtMs.flatMap((dt) => Object.values(MEASURES).map((name) => atDt(name, dt))),
  async run(context, p) {
    const session = requireSession(context);
    const protocol = CHECK_PROTOCOLS.ou;
    const comparisons: Comparison[] = [];
    const problems: string[] = [];
    const observed: Record<string, unknown>[] = [];
    const asked = `meanPa ${protocol.meanPa}, sdPa ${protocol.sdPa}, tauMs ${protocol.tauMs}`;
    for (const dtMs of p.dtMs) {
      const request = ouCheckRequest(dtMs, p.seed);
      const bands = ouBands(context.tolerances, dtMs);
      const current = await askStimulus(session, request);
      const stats = ouStatistics(current, dtMs, {
        ...protocol.window,
        maxLagMs: protocol.maxLagMs,
      });
      if (context.figures && context.figures.autocorrelation === undefined) {
        context.figures.autocorrelation = autocorrelationFigure(dtMs, stats, bands.tau);
      }
      observed.push({
        dtMs,
        meanPa: stats.meanPa,
        sdPa: stats.sdPa,
        tauMs: stats.tauMs,
        samples: stats.samples,
      });
      const at = `dt ${fmt(dtMs)} ms`;
      const mean = compare(bands.mean, `mean, ${at}`, [{ value: stats.meanPa }]);
      const sd = compare(bands.sd, `SD, ${at}`, [{ value: stats.sdPa }]);
      const tau = compare(bands.tau, `correlation time, ${at}`, [{ value: stats.tauMs }]);
      comparisons.push(mean, sd, tau);
      problems.push(...ouProblems(at, stats, bands, { mean, sd, tau }, current[0]));
    }
    // The frozen current of Figure 1 is on only inside its stimulus window.
    const windowed = canonicalOu(p.dtMs[0], p.seed);
    const outside = firstOnOutside(await askStimulus(session, windowed), windowed);
    if (outside !== undefined) problems.push(onOutsideProblem(windowed, outside));
    const details = {
      observed: { byDt: observed, firstSampleOnOutsideWindow: outside ?? null },
      expected: { seed: p.seed, durationMs: protocol.durationMs, asked },
      comparisons,
    };
    if (problems.length > 0) {
      return verdict(
        context.check,
        "fail",
        `the OU current of seed ${p.seed}: ${problems.join("; ")}`,
        details,
      );
    }
    const first = observed[0] as { meanPa: number; sdPa: number; tauMs: number };
    return verdict(
      context.check,
      "pass",
      `mean, SD and correlation time agree with ${asked} at dt ${p.dtMs.map((d) => fmt(d)).join(" and ")} ms (at ${fmt(p.dtMs[0])} ms: ${fmt(first.meanPa)} pA, ${fmt(first.sdPa)} pA, ${fmt(first.tauMs)} ms)`,
      details,
    );
  },
};

/** The bands of the OU current's mean, SD and correlation time at one dt. */
function ouBands(tolerances: Tolerances, dtMs: number) {
  return {
    mean: bandAtDt(tolerances, MEASURES.mean, dtMs),
    sd: bandAtDt(tolerances, MEASURES.sd, dtMs),
    tau: bandAtDt(tolerances, MEASURES.tau, dtMs),
  };
}

/** The autocorrelation figure's data: the submission's at one dt, against the requested tau's band. */
function autocorrelationFigure(
  dtMs: number,
  stats: OuStatistics,
  tau: Band,
): AutocorrelationFigureData {
  return {
    dtMs,
    autocorrelation: stats.autocorrelation.map(finiteOrNull),
    tauMs: CHECK_PROTOCOLS.ou.tauMs,
    tauMsEstimated: finiteOrNull(stats.tauMs),
    tauBandMs:
      tau.low !== undefined && tau.high !== undefined ? { low: tau.low, high: tau.high } : null,
  };
}

/** What is wrong with the OU current at one dt, each with the line of the update to look at. */
function ouProblems(
  at: string,
  stats: OuStatistics,
  bands: { mean: Band; sd: Band; tau: Band },
  compared: { mean: Comparison; sd: Comparison; tau: Comparison },
  firstPa: number,
): string[] {
  const protocol = CHECK_PROTOCOLS.ou;
  if (!(stats.sdPa > 0)) {
    return [
      `at ${at} it does not fluctuate: it is ${fmt(firstPa)} pA throughout; is a fresh random number drawn every step?`,
    ];
  }
  const problems: string[] = [];
  if (!allInBand(compared.mean)) {
    problems.push(
      `at ${at} its mean is ${fmt(stats.meanPa)} pA, outside ${formatBand(bands.mean)} for meanPa ${protocol.meanPa}: does x relax towards meanPa (x = meanPa + a*(x - meanPa) + ...)?`,
    );
  }
  if (!allInBand(compared.sd)) {
    const side = bands.sd.low !== undefined && stats.sdPa < bands.sd.low ? "below" : "above";
    problems.push(
      `at ${at} its SD is ${fmt(stats.sdPa)} pA, ${side} ${formatBand(bands.sd)} for sdPa ${protocol.sdPa}: is sdPa the stationary SD in your update (x = meanPa + a*(x - meanPa) + sdPa*sqrt(1 - a^2)*z), with a = exp(-dtMs/tauMs)?`,
    );
  }
  if (!allInBand(compared.tau)) {
    problems.push(
      `at ${at} its correlation time is ${fmt(stats.tauMs)} ms, outside ${formatBand(bands.tau)} for tauMs ${protocol.tauMs}: is a = exp(-dtMs/tauMs), with both in ms and dtMs taken from the request?`,
    );
  }
  return problems;
}

/** What a current that is on outside its window should change. */
function onOutsideProblem(
  windowed: OuStimulusRequest,
  outside: { index: number; value: number },
): string {
  return `asked for ${describeStimulus(windowed)}, sample ${outside.index} (${fmt(outside.index * windowed.dtMs, 6)} ms) is ${fmt(outside.value, 6)} pA, outside [${windowed.onsetMs}, ${windowed.offsetMs}) ms where the current is 0: are onsetMs and offsetMs applied to the OU current too?`;
}

/** The first sample wholly outside [onsetMs, offsetMs) that is not 0 pA, if any. */
function firstOnOutside(
  currentPa: readonly number[],
  request: { dtMs: number; onsetMs: number; offsetMs: number },
): { index: number; value: number } | undefined {
  for (let i = 0; i < currentPa.length; i++) {
    const start = i * request.dtMs;
    const end = (i + 1) * request.dtMs;
    const before = end <= request.onsetMs + 1e-9;
    const after = start >= request.offsetMs - 1e-9;
    if ((before || after) && Math.abs(currentPa[i]) > 1e-9)
      return { index: i, value: currentPa[i] };
  }
  return undefined;
}
