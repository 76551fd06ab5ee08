import { COINCIDENCE_DEFAULTS } from "../analysis/coincidence.js";
import { measureParameters } from "../analysis/measure-parameters.js";
import { CALIBRATED_DTS_MS, CHECK_PROTOCOLS } from "../checks/protocols.js";
import { FAITHFUL_VARIANTS, variantLabel } from "../model/lif-variants.js";
import { CANONICAL, CANONICAL_NEURON } from "../protocol/canonical.js";
import type { MeasureSpread, NeuronParameters, Tolerances } from "../protocol/types.js";
import { DESIGN_Z } from "./bands.js";
import { figure1Spread, figure1Tasks, ouSpread, ouTasks } from "./calibrate-figure1.js";
import {
  fiSpread,
  matchSpread,
  matchTasks,
  restSdSpread,
  restSdTasks,
  traceSpread,
} from "./calibrate-neuron.js";
import { RANDOM_CURRENT_DRAWS, singleSpread, singleTasks } from "./calibrate-single.js";
import { type CalibrationTask, IN_THIS_THREAD, type TaskRunner } from "./calibration-tasks.js";

export interface MonteCarloOptions {
  /** Draws of each faithful variant of the noisy measures other than Figure 1's (rest SD, OU, match). */
  draws: number;
  /** Draws of each faithful variant of the Figure 1 measures, at each dt (RANDOM_CURRENT_DRAWS). */
  figure1Draws: number;
  dtsMs: readonly number[];
  neuron: NeuronParameters;
}

/**
 * Seeds of the calibration, far from the checks' own (7-14, 1995-2024) and from the validity
 * run's (tests/validity), so that what the bands were fitted on is never what they are tested on.
 */
const SEED_BASES = {
  noise: 100_000,
  restNoise: 300_000,
  stimulus: 1_000_000,
  ou: 2_000_000,
  match: 3_000_000,
  singleNoise: 4_000_000,
  singleStimulus: 4_500_000,
} as const;

export function defaultMonteCarlo(
  draws = 100,
  figure1Draws = RANDOM_CURRENT_DRAWS,
): MonteCarloOptions {
  return { draws, figure1Draws, dtsMs: CALIBRATED_DTS_MS, neuron: CANONICAL_NEURON };
}

/** results cut into groups as long as those of `like`. */
function splitLike<T>(like: readonly (readonly unknown[])[], results: readonly T[]): T[][] {
  const groups: T[][] = [];
  let start = 0;
  for (const group of like) {
    groups.push(results.slice(start, start + group.length));
    start += group.length;
  }
  return groups;
}

function seedRange(first: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => first + i);
}

/** The seeds of the calibration's noisy measures, as tolerances.json lists them. */
function calibrationSeeds(draws: number) {
  return {
    restNoise: seedRange(SEED_BASES.restNoise, draws),
    ou: seedRange(SEED_BASES.ou, draws),
    match: seedRange(SEED_BASES.match, 2 * draws),
  };
}

/** Every measure's spread, sorted by name; the noisy ones from tasks that runTasks takes. */
async function measureSpreads(
  options: MonteCarloOptions,
  runTasks: TaskRunner,
): Promise<Record<string, MeasureSpread>> {
  const { draws, dtsMs, neuron } = options;
  const matchDts = dtsMs.filter((dt) => dt <= CANONICAL.dtMs);
  const seeds = calibrationSeeds(draws);
  const figure1 = {
    ...{ neuron, dtsMs, draws: options.figure1Draws },
    ...{ noiseSeedBase: SEED_BASES.noise, stimulusSeedBase: SEED_BASES.stimulus },
  };
  const single = {
    ...{ neuron, dtsMs, drawsPerVariant: options.figure1Draws },
    ...{ noiseSeedBase: SEED_BASES.singleNoise, stimulusSeedBase: SEED_BASES.singleStimulus },
  };
  // The long tasks first, so that the threads finish together.
  const groups: CalibrationTask[][] = [
    figure1Tasks(figure1),
    singleTasks(single),
    ouTasks(dtsMs, seeds.ou),
    restSdTasks(neuron, dtsMs, seeds.restNoise),
    matchTasks(neuron, matchDts, seeds.match, COINCIDENCE_DEFAULTS),
  ];
  const [figure1Draws, singleDraws, ouDraws, restSdDraws, matchDraws] = splitLike(
    groups,
    await runTasks(groups.flat()),
  );
  const measures: Record<string, MeasureSpread> = {
    ...restSdSpread(neuron, dtsMs, restSdDraws as number[][]),
    ...fiSpread(neuron, dtsMs),
    ...traceSpread(neuron, dtsMs),
    ...matchSpread(matchDts, seeds.match, matchDraws as number[][]),
    ...ouSpread(dtsMs, seeds.ou, ouDraws as number[][]),
    ...figure1Spread(figure1, figure1Draws as [string, number][][][]),
    ...singleSpread(single, singleDraws as number[][]),
  };
  return Object.fromEntries(Object.entries(measures).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * Runs the whole calibration. Deterministic: the same options give the same numbers, whichever
 * runner takes the tasks (this thread, or calibrationPool's worker threads).
 */
export async function measureTolerances(
  options: MonteCarloOptions,
  runTasks: TaskRunner = IN_THIS_THREAD,
): Promise<Tolerances> {
  const { draws, dtsMs, neuron } = options;
  const sorted = await measureSpreads(options, runTasks);
  const seeds = calibrationSeeds(draws);
  return {
    description:
      "The spread of every measure a check uses, over the reference LIF's faithful variants, time steps and seeds, and the band each check accepts with its chance of rejecting a faithful simulator.",
    method: `Calibration of the reference LIF (src/model/lif.ts) over every time step in dtMs and every faithful variant in schemes (exact, exponential-Euler, forward-Euler or Heun integration; spike times interpolated within the step with a continuous refractory period, or at the step's end with a refractory period of round(refractoryMs / dtMs) steps). Measures with noise (the SD of V at rest, a student's own OU generator, the Figure 1 panels) are drawn ${draws} times per variant and time step (the Figure 1 panels' ${options.figure1Draws} times, each draw its own frozen currents and noise: across currents their tails are heavier than ${draws} draws show), and their band is each variant's mean +- ${DESIGN_Z} SD (gaussian: the SD at its 95 % upper bound, widened where the draws show a heavier tail). Measures without noise (f-I, the voltage trace, neuron.match) take one value per variant, and their band is the variants' extremes widened by a stated margin (envelope). Each band states the chance that a faithful simulator falls outside it.`,
    seeds: {
      ...seeds,
      figure1NoiseBase: [SEED_BASES.noise],
      figure1StimulusBase: [SEED_BASES.stimulus],
      figure1SingleNoiseBase: [SEED_BASES.singleNoise],
      figure1SingleStimulusBase: [SEED_BASES.singleStimulus],
    },
    dtMs: [...dtsMs],
    schemes: FAITHFUL_VARIANTS.map(variantLabel),
    conditions: {
      measures: measureParameters(),
      neuron,
      trials: CANONICAL.trials,
      draws,
      z: DESIGN_Z,
      fi: CHECK_PROTOCOLS.fi,
      ou: CHECK_PROTOCOLS.ou,
      noise: CHECK_PROTOCOLS.noise,
      trace: CHECK_PROTOCOLS.trace,
      match: CHECK_PROTOCOLS.match,
      figure1: CHECK_PROTOCOLS.figure1,
    },
    measures: sorted,
  };
}
