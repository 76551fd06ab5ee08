import { coincidenceFactor } from "../analysis/coincidence.js";
import { spikesInWindow } from "../analysis/window.js";
import { simulateLif } from "../model/lif.js";
import { MATCH_VARIANTS } from "../model/lif-variants.js";
import { makeStimulus } from "../model/stimulus.js";
import { CANONICAL, CANONICAL_NEURON, canonicalOu } from "../protocol/canonical.js";
import type { Comparison } from "../protocol/types.js";
import { askSimulate, simulateRequest } from "./ask.js";
import { allInBand, bandAtDt, compare } from "./band.js";
import { formatBand, formatEdge, formatMeasured } from "./band-text.js";
import { type CheckContext, type CheckDefinition, requireSession } from "./check.js";
import type { MatchFigureData } from "./figure-data.js";
import { atDt, CHECK_PROTOCOLS, PUBLIC_DTS_MS } from "./protocols.js";
import type { SimulatorSession } from "./session.js";
import { fmt, verdict } from "./verdict.js";

export interface NeuronMatchParameters {
  /** The time steps the frozen currents are simulated at, ms; the first one's trains are drawn. */
  dtMs: number[];
  /** One frozen current per seed; the check judges, per time step, the mean Gamma over them. */
  stimulusSeeds: number[];
}

const TOLERANCE = "neuron.match.gamma";

interface SeedOutcome {
  stimulusSeed: number;
  /** The best Gamma against the reference's faithful variants; NaN when undefined (2 nu Delta >= 1). */
  gamma: number;
  spikes: number;
  referenceSpikes: number;
  /** Gamma with the submission's times multiplied by 1000: high when they were in seconds. */
  gammaIfSeconds: number;
  /** Gamma with the submission's times multiplied by dtMs: high when they were step indices. */
  gammaIfSteps: number;
}

export const neuronMatch: CheckDefinition<NeuronMatchParameters> = {
  id: "neuron.match",
  stage: "neuron",
  title: "on a frozen current, noise off, spike times coincide with the reference's",
  points: 2,
  defaultParameters: {
    dtMs: [...PUBLIC_DTS_MS],
    stimulusSeeds: [CANONICAL.stimulusSeed, 11, 12, 13, 14],
  },
  hiddenRepeat: true,
  parameters: (p) => ({
    dtMs: p.numbers("dtMs", { above: 0, what: "time steps in ms" }),
    stimulusSeeds: p.seeds("stimulusSeeds", {
      exactItems: CHECK_PROTOCOLS.match.currents,
      why: `${TOLERANCE} in tolerances.json is the spread of a mean over ${CHECK_PROTOCOLS.match.currents} frozen currents`,
    }),
  }),
  tolerances: (p) => p.dtMs.map((dt) => atDt(TOLERANCE, dt)),
  async run(context, p) {
    const session = requireSession(context);
    const comparisons: Comparison[] = [];
    const byDt: { dtMs: number; meanGamma: number; outcomes: SeedOutcome[] }[] = [];
    for (const dtMs of p.dtMs) {
      const accept = bandAtDt(context.tolerances, TOLERANCE, dtMs);
      const { outcomes, figure } = await matchAtDt(context, session, dtMs, p.stimulusSeeds);
      if (context.figures && context.figures.match === undefined) context.figures.match = figure;
      // A Gamma that is undefined because the submission fires too fast counts as no match.
      const meanGamma =
        outcomes.reduce((s, o) => s + (Number.isNaN(o.gamma) ? 0 : o.gamma), 0) / outcomes.length;
      comparisons.push(
        compare(accept, `mean Gamma over ${outcomes.length} frozen currents, dt ${fmt(dtMs)} ms`, [
          { value: meanGamma },
        ]),
      );
      byDt.push({ dtMs, meanGamma, outcomes });
    }
    const details = {
      observed: {
        byDt: byDt.map(({ dtMs, meanGamma, outcomes }) => ({
          dtMs,
          meanGamma,
          bySeed: outcomes.map(({ stimulusSeed, gamma, spikes, referenceSpikes }) => ({
            stimulusSeed,
            gamma,
            spikes,
            referenceSpikes,
          })),
        })),
      },
      expected: {
        deltaMs: context.measures.coincidence.deltaMs,
        window: context.measures.window,
        against: MATCH_VARIANTS.map((v) => `${v.scheme}/${v.spikeTiming}`),
      },
      comparisons,
    };
    const failing = byDt.filter((_, i) => !allInBand(comparisons[i]));
    if (failing.length === 0) {
      return verdict(
        context.check,
        "pass",
        `spike times coincide with the reference's: mean Gamma ${byDt.map((d) => `${formatMeasured(d.meanGamma)} at dt ${fmt(d.dtMs)} ms`).join(", ")} over ${p.stimulusSeeds.length} frozen currents (${comparisons.map((c) => formatBand(c)).join(" and ")})`,
        details,
      );
    }
    const said = failing
      .map((d) => {
        const low = comparisons[byDt.indexOf(d)].low ?? Number.NaN;
        return `at dt ${fmt(d.dtMs)} ms the mean Gamma is ${formatMeasured(d.meanGamma)}, below ${formatEdge(low, "low")} (each: ${d.outcomes.map((o) => fmt(o.gamma, 2)).join(", ")})`;
      })
      .join("; ");
    const hint =
      failing.length < byDt.length
        ? "it matches at one time step and not at the other: is dtMs taken from the request everywhere (not a fixed value)?"
        : matchHint(failing[0].outcomes, context.measures.coincidence.deltaMs);
    return verdict(context.check, "fail", `${said}; ${hint}`, details);
  },
};

/**
 * The submission's spikes on each frozen current at one dt, noise off, against the closest of the
 * reference's variants: a Gamma per current (and what it would be in other units), and the figure.
 */
async function matchAtDt(
  context: CheckContext,
  session: SimulatorSession,
  dtMs: number,
  stimulusSeeds: readonly number[],
): Promise<{ outcomes: SeedOutcome[]; figure: MatchFigureData }> {
  const neuron = { ...CANONICAL_NEURON, noiseSdMv: 0 };
  const options = { ...context.measures.window, ...context.measures.coincidence };
  const inWindow = (train: readonly number[]) => spikesInWindow(train, context.measures.window);
  const outcomes: SeedOutcome[] = [];
  const figure: MatchFigureData = {
    durationMs: CANONICAL.durationMs,
    dtMs,
    stimulusSeeds: [],
    referenceSpikesMs: [],
    submissionSpikesMs: [],
    firstCurrentPa: [],
  };
  for (const stimulusSeed of stimulusSeeds) {
    const current = makeStimulus(canonicalOu(dtMs, stimulusSeed));
    if (figure.stimulusSeeds.length === 0) figure.firstCurrentPa = Array.from(current);
    const request = simulateRequest(current, dtMs, neuron, 1, CANONICAL.noiseSeed);
    const what = `the frozen OU current of seed ${stimulusSeed} at dt ${fmt(dtMs)} ms, noise off`;
    const response = await askSimulate(session, request, what);
    const student = response.spikeTimesMs[0];
    const references = MATCH_VARIANTS.map(
      (variant) =>
        simulateLif(
          { dtMs, currentPa: current, trials: 1, seed: 0, recordVoltage: 0, neuron },
          variant,
        ).spikeTimesMs[0],
    );
    const best = (train: readonly number[]) =>
      Math.max(...references.map((r) => coincidenceFactor(r, train, options)));
    const gammas = references.map((r) => coincidenceFactor(r, student, options));
    const closest = references[gammas.indexOf(Math.max(...gammas))] ?? references[0];
    figure.stimulusSeeds.push(stimulusSeed);
    figure.referenceSpikesMs.push(Array.from(closest));
    figure.submissionSpikesMs.push(Array.from(student));
    outcomes.push({
      stimulusSeed,
      gamma: best(student),
      spikes: inWindow(student).length,
      referenceSpikes: inWindow(references[0]).length,
      gammaIfSeconds: best(student.map((t) => t * 1000)),
      gammaIfSteps: best(student.map((t) => t * dtMs)),
    });
  }
  return { outcomes, figure };
}

/** What the spike counts and times say about why the trains do not coincide. */
function matchHint(outcomes: readonly SeedOutcome[], deltaMs: number): string {
  const spikes = outcomes.reduce((s, o) => s + o.spikes, 0);
  const reference = outcomes.reduce((s, o) => s + o.referenceSpikes, 0);
  const counts = `${spikes} spikes where the reference fires ${reference}`;
  const meanIfSeconds = outcomes.reduce((s, o) => s + (o.gammaIfSeconds || 0), 0) / outcomes.length;
  if (meanIfSeconds > 0.5) {
    return `the spike times match once multiplied by 1000: report spikeTimesMs in ms, not seconds`;
  }
  const meanIfSteps = outcomes.reduce((s, o) => s + (o.gammaIfSteps || 0), 0) / outcomes.length;
  if (meanIfSteps > 0.5) {
    return "the spike times match once multiplied by dtMs: report spike times in ms (step index * dtMs), not step indices";
  }
  if (outcomes.some((o) => Number.isNaN(o.gamma)) || spikes > 1.5 * reference) {
    return `it fires ${counts}: is V reset to resetMv and held there for refractoryMs after each spike, and is the current scaled by resistanceMOhm * 1e-3?`;
  }
  if (spikes < 0.5 * reference) {
    return `it fires ${counts}: is the current scaled by resistanceMOhm * 1e-3, and dtMs used in ms?`;
  }
  return `it fires ${counts}, but not within +-${fmt(deltaMs)} ms of them: is current sample i applied over [i*dtMs, (i+1)*dtMs), and is a spike emitted when V reaches thresholdMv?`;
}
