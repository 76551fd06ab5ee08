import { meanRateHz } from "../analysis/rate.js";
import { stepCurrent } from "../model/stimulus.js";
import { CANONICAL, CANONICAL_NEURON, canonicalStep } from "../protocol/canonical.js";
import { askSimulate, simulateRequest } from "./ask.js";
import { band, inBand } from "./band.js";
import { type CheckDefinition, checkFunction, requireSession } from "./check.js";
import { secondsHint } from "./spike-units.js";
import { bandJson, fmt, fmtBand, verdict } from "./verdict.js";

export interface NeuronNoiseParameters {
  lowerQuantile: number;
  upperQuantile: number;
  /** The noise seed asked twice, then the seed asked once. */
  seeds: number[];
}

const TOLERANCE = "neuron.noise.rateRatio";
const QUIET_TRIALS = 5;
/** Spike times this close (ms) are the same: the same arithmetic gives the same bits. */
const SAME_MS = 1e-6;

/** Whether two spike trains are the same, to SAME_MS. */
export function sameTrain(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((t, i) => Math.abs(t - b[i]) <= SAME_MS);
}

/** The first trial that differs from trial 0, if any. */
function firstDifferingTrial(trials: readonly number[][]): number | undefined {
  const k = trials.findIndex((train) => !sameTrain(train, trials[0]));
  return k < 0 ? undefined : k;
}

/** Whether two runs gave the same trials. */
function sameRuns(a: readonly number[][], b: readonly number[][]): boolean {
  return a.length === b.length && a.every((train, k) => sameTrain(train, b[k]));
}

export const neuronNoise: CheckDefinition<NeuronNoiseParameters> = {
  id: "neuron.noise",
  stage: "neuron",
  parameters: (p) => ({
    lowerQuantile: p.quantile("lowerQuantile"),
    upperQuantile: p.quantile("upperQuantile"),
    seeds: p.seeds("seeds", { exactItems: 2 }),
  }),
  tolerances: () => [TOLERANCE],
  async run(context, p) {
    const session = requireSession(context);
    const accept = band(context.tolerances, TOLERANCE, p.lowerQuantile, p.upperQuantile);
    const [seed, other] = p.seeds;
    const step = canonicalStep();
    const current = stepCurrent(step);
    const quietNeuron = { ...CANONICAL_NEURON, noiseSdMv: 0 };
    const noisy = CANONICAL_NEURON;
    const run = async (neuron: typeof noisy, trials: number, s: number) => {
      const request = simulateRequest(current, step.dtMs, neuron, trials, s);
      const what = `the ${step.meanPa} pA step, ${trials} trials, noiseSdMv ${neuron.noiseSdMv}, seed ${s}`;
      return (await askSimulate(session, request, what)).spikeTimesMs;
    };
    const quiet = await run(quietNeuron, QUIET_TRIALS, seed);
    const first = await run(noisy, CANONICAL.trials, seed);
    const again = await run(noisy, CANONICAL.trials, seed);
    const third = await run(noisy, CANONICAL.trials, other);
    const window = context.measures.window;
    const quietRate = meanRateHz(quiet, window);
    const noisyRate = meanRateHz(first, window);
    const ratio = noisyRate / quietRate;

    const problems: string[] = [];
    const quietDiffers = firstDifferingTrial(quiet);
    const noisyDiffers = firstDifferingTrial(first);
    if (quietDiffers !== undefined) {
      problems.push(
        `with noiseSdMv 0 the ${QUIET_TRIALS} trials differ (trial ${quietDiffers} is not trial 0): without noise every trial must be the same`,
      );
    }
    const silent = [...quiet, ...first].every((train) => train.length === 0);
    if (silent) {
      problems.push(
        `the neuron does not fire on the ${step.meanPa} pA step, with or without noise, so its trials cannot be told apart (see neuron.fi)`,
      );
    } else {
      if (noisyDiffers === undefined) {
        problems.push(
          `with noiseSdMv ${noisy.noiseSdMv} all ${CANONICAL.trials} trials are identical: is a fresh standard normal drawn every step in every trial (dV += noiseSdMv*sqrt(2*dtMs/tauMs)*xi)?`,
        );
      } else {
        // Seeds only matter once there is noise to seed.
        if (!sameRuns(first, again)) {
          problems.push(
            `seed ${seed} gave different trials in two runs: seed a generator of your own with request.seed (e.g. np.random.RandomState(seed))`,
          );
        }
        if (sameRuns(first, third)) {
          problems.push(`seeds ${seed} and ${other} gave the same trials: is request.seed used?`);
        }
      }
      if (!(quietRate > 0)) {
        const hint = secondsHint(quiet, step.durationMs);
        problems.push(
          `without noise there is no spike in [${window.startMs}, ${window.endMs}) ms, so the rates cannot be compared${hint ? `: ${hint}` : ""}`,
        );
      } else if (!inBand(ratio, accept)) {
        problems.push(
          `with noise the rate is ${fmt(ratio)} times the rate without (${fmt(noisyRate)} Hz against ${fmt(quietRate)} Hz), outside ${fmtBand(accept)}: is the noise term noiseSdMv*sqrt(2*dtMs/tauMs)*xi, so that noiseSdMv is the SD of V at rest whatever dt?`,
        );
      }
    }
    const details = {
      observed: {
        quietTrialsIdentical: quietDiffers === undefined,
        noisyTrialsDiffer: noisyDiffers !== undefined,
        sameSeedReproduces: sameRuns(first, again),
        otherSeedDiffers: !sameRuns(first, third),
        rateQuietHz: quietRate,
        rateNoisyHz: noisyRate,
        rateRatio: ratio,
      },
      expected: { rateRatio: bandJson(accept), noiseSdMv: noisy.noiseSdMv, seeds: p.seeds },
    };
    if (problems.length > 0) return verdict(context.check, "fail", problems.join("; "), details);
    return verdict(
      context.check,
      "pass",
      `noise off: identical trials; noise on: trials differ, seed ${seed} reproduces and seed ${other} differs; rate ratio ${fmt(ratio)} (${fmtBand(accept)})`,
      details,
    );
  },
};

/** neuron.noise: trials identical without noise; with noise they differ, reproducibly, at about the same rate. */
export const neuronNoiseCheck = checkFunction(neuronNoise);
