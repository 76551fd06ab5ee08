import { coincidenceFactor } from "../analysis/coincidence.js";
import { spikesInWindow } from "../analysis/window.js";
import { LIF_DEFAULTS, simulateLif } from "../model/lif.js";
import { makeStimulus } from "../model/stimulus.js";
import { CANONICAL, CANONICAL_NEURON, canonicalOu } from "../protocol/canonical.js";
import { CHECK_PROTOCOLS } from "../reference/check-protocols.js";
import { askSimulate, simulateRequest } from "./ask.js";
import { atLeastLow, band } from "./band.js";
import { type CheckDefinition, checkFunction, requireSession } from "./check.js";
import type { MatchFigureData } from "./figure-data.js";
import { bandJson, fmt, verdict } from "./verdict.js";

export interface NeuronMatchParameters {
  lowerQuantile: number;
  dtMs: number;
  /** One frozen current per seed; the check judges the mean Gamma over them. */
  stimulusSeeds: number[];
}

const TOLERANCE = "neuron.match.gamma";

interface SeedOutcome {
  stimulusSeed: number;
  /** NaN when the submission fires so fast that Gamma is undefined (2 nu Delta >= 1). */
  gamma: number;
  spikes: number;
  referenceSpikes: number;
  /** Gamma with the submission's times multiplied by 1000: high when they were in seconds. */
  gammaIfSeconds: number;
}

export const neuronMatch: CheckDefinition<NeuronMatchParameters> = {
  id: "neuron.match",
  stage: "neuron",
  parameters: (p) => ({
    lowerQuantile: p.quantile("lowerQuantile"),
    dtMs: p.number("dtMs", { above: 0, what: "a time step in ms" }),
    stimulusSeeds: p.seeds("stimulusSeeds", {
      exactItems: CHECK_PROTOCOLS.match.currents,
      why: `${TOLERANCE} in tolerances.json is the spread of a mean over ${CHECK_PROTOCOLS.match.currents} frozen currents`,
    }),
  }),
  tolerances: () => [TOLERANCE],
  async run(context, p) {
    const session = requireSession(context);
    const neuron = { ...CANONICAL_NEURON, noiseSdMv: 0 };
    const accept = band(context.tolerances, TOLERANCE, p.lowerQuantile);
    const options = { ...context.measures.window, ...context.measures.coincidence };
    const inWindow = (train: readonly number[]) => spikesInWindow(train, context.measures.window);
    const outcomes: SeedOutcome[] = [];
    const figure: MatchFigureData = {
      durationMs: CANONICAL.durationMs,
      dtMs: p.dtMs,
      stimulusSeeds: [],
      referenceSpikesMs: [],
      submissionSpikesMs: [],
      firstCurrentPa: [],
    };
    for (const stimulusSeed of p.stimulusSeeds) {
      const current = makeStimulus(canonicalOu(p.dtMs, stimulusSeed));
      if (figure.stimulusSeeds.length === 0) figure.firstCurrentPa = Array.from(current);
      const request = simulateRequest(current, p.dtMs, neuron, 1, CANONICAL.noiseSeed);
      const what = `the frozen OU current of seed ${stimulusSeed} at dt ${fmt(p.dtMs)} ms, noise off`;
      const response = await askSimulate(session, request, what);
      const reference = simulateLif(
        { dtMs: p.dtMs, currentPa: current, trials: 1, seed: 0, recordVoltage: 0, neuron },
        LIF_DEFAULTS,
      ).spikeTimesMs[0];
      const student = response.spikeTimesMs[0];
      figure.stimulusSeeds.push(stimulusSeed);
      figure.referenceSpikesMs.push(Array.from(reference));
      figure.submissionSpikesMs.push(Array.from(student));
      outcomes.push({
        stimulusSeed,
        gamma: coincidenceFactor(reference, student, options),
        spikes: inWindow(student).length,
        referenceSpikes: inWindow(reference).length,
        gammaIfSeconds: coincidenceFactor(
          reference,
          student.map((t) => t * 1000),
          options,
        ),
      });
    }
    if (context.figures) context.figures.match = figure;
    // A Gamma that is undefined because the submission fires too fast counts as no match.
    const mean =
      outcomes.reduce((s, o) => s + (Number.isNaN(o.gamma) ? 0 : o.gamma), 0) / outcomes.length;
    const details = {
      observed: {
        meanGamma: mean,
        bySeed: outcomes.map(({ stimulusSeed, gamma, spikes, referenceSpikes }) => ({
          stimulusSeed,
          gamma,
          spikes,
          referenceSpikes,
        })),
      },
      expected: {
        meanGamma: bandJson(accept),
        deltaMs: context.measures.coincidence.deltaMs,
        window: context.measures.window,
      },
    };
    const low = accept.low as number;
    if (atLeastLow(mean, accept)) {
      return verdict(
        context.check,
        "pass",
        `spike times coincide with the reference's: mean Gamma ${fmt(mean)} over ${outcomes.length} frozen currents (at least ${fmt(low)})`,
        details,
      );
    }
    return verdict(
      context.check,
      "fail",
      `mean Gamma ${fmt(mean)} over ${outcomes.length} frozen currents is below ${fmt(low)} (Gamma of each: ${outcomes.map((o) => fmt(o.gamma, 2)).join(", ")}); ${matchHint(outcomes, context.measures.coincidence.deltaMs)}`,
      details,
    );
  },
};

/** What the spike counts and times say about why the trains do not coincide. */
function matchHint(outcomes: readonly SeedOutcome[], deltaMs: number): string {
  const spikes = outcomes.reduce((s, o) => s + o.spikes, 0);
  const reference = outcomes.reduce((s, o) => s + o.referenceSpikes, 0);
  const counts = `${spikes} spikes where the reference fires ${reference}`;
  const meanIfSeconds = outcomes.reduce((s, o) => s + (o.gammaIfSeconds || 0), 0) / outcomes.length;
  if (meanIfSeconds > 0.5) {
    return `the spike times match once multiplied by 1000: report spikeTimesMs in ms, not seconds`;
  }
  if (outcomes.some((o) => Number.isNaN(o.gamma)) || spikes > 1.5 * reference) {
    return `it fires ${counts}: is V reset to resetMv and held there for refractoryMs after each spike, and is the current scaled by resistanceMOhm * 1e-3?`;
  }
  if (spikes < 0.5 * reference) {
    return `it fires ${counts}: is the current scaled by resistanceMOhm * 1e-3, and dtMs used in ms?`;
  }
  return `it fires ${counts}, but not within +-${fmt(deltaMs)} ms of them: is current sample i applied over [i*dtMs, (i+1)*dtMs), and is a spike emitted when V reaches thresholdMv?`;
}

/** neuron.match: on frozen currents given by the harness, noise off, spikes where the reference's are. */
export const neuronMatchCheck = checkFunction(neuronMatch);
