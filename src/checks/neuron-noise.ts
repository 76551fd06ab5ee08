import { pooledSdMv } from "../analysis/voltage.js";
import { stepCurrent } from "../model/stimulus.js";
import { CANONICAL_NEURON, canonicalStep, sampleCount } from "../protocol/canonical.js";
import type { Comparison, NeuronParameters } from "../protocol/types.js";
import { askSimulate, SubmissionBroke, simulateRequest } from "./ask.js";
import { allInBand, bandAtDt, compare } from "./band.js";
import { formatBand, formatMeasured } from "./band-text.js";
import { type CheckContext, type CheckDefinition, requireSession } from "./check.js";
import { atDt, CHECK_PROTOCOLS, PUBLIC_DTS_MS } from "./protocols.js";
import type { SimulatorSession } from "./session.js";
import { failOrPass, fmt } from "./verdict.js";

export interface NeuronNoiseParameters {
  /** The time steps the noise's size is measured at, ms. */
  dtMs: number[];
  /** The noise seed asked twice, then the seed asked once. */
  seeds: number[];
}

const TOLERANCE = "neuron.noise.restSdMv";
/** Spike times this close (ms) are the same: the same arithmetic gives the same bits. */
const SAME_MS = 1e-6;
/** Voltages this close (mV) are the same. */
const SAME_MV = 1e-9;

/** Whether two spike trains are the same, to SAME_MS. */
export function sameTrain(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((t, i) => Math.abs(t - b[i]) <= SAME_MS);
}

function sameTrace(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => Math.abs(v - b[i]) <= SAME_MV);
}

/** The first trial that differs from trial 0, if any. */
function firstDiffering<T>(
  trials: readonly T[],
  same: (a: T, b: T) => boolean,
): number | undefined {
  const k = trials.findIndex((trial) => !same(trial, trials[0]));
  return k < 0 ? undefined : k;
}

function sameRuns(a: readonly number[][], b: readonly number[][]): boolean {
  return a.length === b.length && a.every((trace, k) => sameTrace(trace, b[k]));
}

export const neuronNoise: CheckDefinition<NeuronNoiseParameters> = {
  id: "neuron.noise",
  stage: "neuron",
  title: "noise off: identical trials; noise on: V at rest has SD noiseSdMv at every dt",
  points: 1,
  defaultParameters: { dtMs: [...PUBLIC_DTS_MS], seeds: [11, 12] },
  parameters: (p) => ({
    dtMs: p.numbers("dtMs", { above: 0, what: "time steps in ms" }),
    seeds: p.seeds("seeds", { exactItems: 2 }),
  }),
  tolerances: (p) => p.dtMs.map((dt) => atDt(TOLERANCE, dt)),
  async run(context, p) {
    const session = requireSession(context);
    const protocol = CHECK_PROTOCOLS.noise;
    const [seed, other] = p.seeds;
    const noisy = CANONICAL_NEURON;
    const problems: string[] = [];
    const quietDiffers = await quietTrialsDiffer(session, seed);
    if (quietDiffers !== undefined) problems.push(quietDiffers.problem);
    const sizes = await restSizes(context, session, p.dtMs, seed);
    problems.push(...sizes.problems);

    // The same seed gives the same trials; another seed others.
    const dtMs = p.dtMs[0];
    const again = await askAtRest(session, dtMs, seed);
    const third = await askAtRest(session, dtMs, other);
    const reproduces = sizes.first !== undefined && sameRuns(sizes.first, again);
    const otherDiffers = sizes.first !== undefined && !sameRuns(sizes.first, third);
    if (!reproduces) {
      problems.push(
        `seed ${seed} gave different trials in two runs: seed a generator of your own with request.seed (e.g. rng = np.random.RandomState(seed)) and draw every number from it`,
      );
    }
    if (!otherDiffers)
      problems.push(`seeds ${seed} and ${other} gave the same trials: is request.seed used?`);
    const { observed, comparisons } = sizes;
    const details = {
      observed: {
        quietTrialsIdentical: quietDiffers === undefined,
        byDt: observed,
        sameSeedReproduces: reproduces,
        otherSeedDiffers: otherDiffers,
      },
      expected: {
        noiseSdMv: noisy.noiseSdMv,
        seeds: p.seeds,
        trials: protocol.trials,
        fromMs: protocol.settleMs,
      },
      comparisons,
    };
    return failOrPass(
      context.check,
      problems,
      `noise off: identical trials; noise on: V at rest has SD ${observed.map((o) => `${fmt(o.restSdMv)} mV at dt ${fmt(o.dtMs)} ms`).join(" and ")} (noiseSdMv ${noisy.noiseSdMv}); seed ${seed} reproduces and seed ${other} differs`,
      details,
    );
  },
};

/** Without noise, every trial is the same: the first trial that differs, and what to say of it. */
async function quietTrialsDiffer(
  session: SimulatorSession,
  seed: number,
): Promise<{ trial: number; problem: string } | undefined> {
  const protocol = CHECK_PROTOCOLS.noise;
  const step = canonicalStep();
  const quietNeuron = { ...CANONICAL_NEURON, noiseSdMv: 0 };
  const request = simulateRequest(
    stepCurrent(step),
    step.dtMs,
    quietNeuron,
    protocol.quietTrials,
    seed,
  );
  const what = `the ${step.meanPa} pA step, ${protocol.quietTrials} trials, noiseSdMv 0, seed ${seed}`;
  const quiet = (await askSimulate(session, request, what)).spikeTimesMs;
  const trial = firstDiffering(quiet, sameTrain);
  if (trial === undefined) return undefined;
  return {
    trial,
    problem: `with noiseSdMv 0 the ${protocol.quietTrials} trials on the ${step.meanPa} pA step differ (trial ${trial} is not trial 0): without noise every trial must be the same`,
  };
}

/** The voltage traces at rest under noise alone, at one dt and seed. */
async function askAtRest(session: SimulatorSession, dtMs: number, seed: number) {
  const protocol = CHECK_PROTOCOLS.noise;
  const noisy = CANONICAL_NEURON;
  const zero = new Float64Array(sampleCount(protocol.durationMs, dtMs));
  const request = simulateRequest(zero, dtMs, noisy, protocol.trials, seed, protocol.trials);
  const what = `no current for ${protocol.durationMs} ms at dt ${fmt(dtMs)} ms, ${protocol.trials} trials recording V, noiseSdMv ${noisy.noiseSdMv}, seed ${seed}`;
  return voltages(await askSimulate(session, request, what), protocol.trials, what);
}

/**
 * With noise and no current, V fluctuates about rest with SD noiseSdMv, whatever dt: the SD at
 * each dt against its band, what is wrong with it, and the first dt's traces (for the seeds).
 */
async function restSizes(
  context: CheckContext,
  session: SimulatorSession,
  dtsMs: readonly number[],
  seed: number,
) {
  const protocol = CHECK_PROTOCOLS.noise;
  const noisy = CANONICAL_NEURON;
  const comparisons: Comparison[] = [];
  const observed: { dtMs: number; restSdMv: number; trialsDiffer: boolean }[] = [];
  const problems: string[] = [];
  let first: number[][] | undefined;
  for (const dtMs of dtsMs) {
    const traces = await askAtRest(session, dtMs, seed);
    first ??= traces;
    const sd = pooledSdMv(traces, dtMs, protocol.settleMs);
    const accept = bandAtDt(context.tolerances, TOLERANCE, dtMs);
    const compared = compare(accept, `SD of V at rest, dt ${fmt(dtMs)} ms`, [{ value: sd }]);
    comparisons.push(compared);
    const differs = firstDiffering(traces, sameTrace) !== undefined;
    observed.push({ dtMs, restSdMv: sd, trialsDiffer: differs });
    if (!differs) {
      problems.push(
        `at dt ${fmt(dtMs)} ms, with noiseSdMv ${noisy.noiseSdMv} and no current, all ${protocol.trials} voltage traces are identical: is a fresh standard normal drawn every step in every trial?`,
      );
    } else if (!allInBand(compared)) {
      problems.push(
        `at dt ${fmt(dtMs)} ms the SD of V at rest is ${formatMeasured(sd)} mV (${fmt(sd / noisy.noiseSdMv)} times noiseSdMv ${noisy.noiseSdMv}), outside ${formatBand(accept)}`,
      );
    }
  }
  const sizes = observed.map((o) => ({ dtMs: o.dtMs, sd: o.restSdMv }));
  const varies = observed.some((o) => o.trialsDiffer);
  if (varies && comparisons.some((c) => !allInBand(c))) problems.push(noiseSizeHint(sizes, noisy));
  return { comparisons, observed, problems, first };
}

/** The voltage traces of a response, which neuron.noise asked for. */
function voltages(
  response: { voltageMv?: number[][] | null },
  trials: number,
  what: string,
): number[][] {
  const traces = response.voltageMv ?? [];
  if (traces.length < trials) {
    throw new SubmissionBroke(
      `simulateNeuron's response for ${what} has ${traces.length} voltage traces; recordVoltage asked for ${trials} (the first ${trials} trials)`,
    );
  }
  return traces.slice(0, trials);
}

/**
 * What the size of the noise at each time step says about its formula: a ratio to noiseSdMv that
 * grows as 1/sqrt(dt) lacks the sqrt(dt); one that grows as sqrt(dt) has dt in its place; a
 * constant ratio of 0.71 lacks the 2, one of noiseSdMv is a variance.
 */
function noiseSizeHint(
  sizes: readonly { dtMs: number; sd: number }[],
  neuron: NeuronParameters,
): string {
  const formula =
    "the term is noiseSdMv * sqrt(2 * dtMs / tauMs) * xi, so that noiseSdMv is the SD of V at rest whatever dt";
  const usable = sizes.filter((x) => x.sd > 0 && Number.isFinite(x.sd));
  const ratios = usable.map((x) => x.sd / neuron.noiseSdMv);
  if (ratios.some((r) => r > 20)) {
    return `V wanders far from rest: is V relaxing towards restMv with tauMs? And ${formula}`;
  }
  const close = (x: number, y: number) => Math.abs(x / y - 1) < 0.15;
  if (usable.length >= 2 && usable[0].dtMs !== usable[1].dtMs) {
    const slope = Math.log(ratios[0] / ratios[1]) / Math.log(usable[0].dtMs / usable[1].dtMs);
    if (Math.abs(slope + 0.5) < 0.15)
      return `the noise grows as dt shrinks, as 1/sqrt(dtMs): it lacks its sqrt(dtMs); ${formula}`;
    if (Math.abs(slope - 0.5) < 0.15)
      return `the noise shrinks with dt as sqrt(dtMs): it is scaled by dtMs where it needs sqrt(dtMs); ${formula}`;
    if (Math.abs(slope) > 0.15) return `its size depends on dt: ${formula}`;
  }
  const ratio = ratios.reduce((s, r) => s + r, 0) / Math.max(1, ratios.length);
  if (close(ratio, Math.SQRT1_2))
    return `it is 1/sqrt(2) of the right size: the 2 under the square root is missing; ${formula}`;
  if (close(ratio, neuron.noiseSdMv))
    return `it looks scaled by noiseSdMv squared (a variance, not an SD); ${formula}`;
  if (close(ratio, Math.SQRT2)) return `it is sqrt(2) times the right size; ${formula}`;
  return `is ${formula}?`;
}
