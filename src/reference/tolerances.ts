import { COINCIDENCE_DEFAULTS } from "../analysis/coincidence.js";
import { measureParameters } from "../analysis/measure-parameters.js";
import { CALIBRATED_DTS_MS, CHECK_PROTOCOLS } from "../checks/protocols.js";
import { FAITHFUL_VARIANTS, variantLabel } from "../model/lif-variants.js";
import { CANONICAL, CANONICAL_NEURON } from "../protocol/canonical.js";
import type { MeasureSpread, NeuronParameters, Tolerances } from "../protocol/types.js";
import { DESIGN_Z } from "./bands.js";
import { figure1Spread, ouSpread } from "./calibrate-figure1.js";
import { fiSpread, matchSpread, restSdSpread, traceSpread } from "./calibrate-neuron.js";

export interface MonteCarloOptions {
  /** Draws of each faithful variant: noise seeds, and frozen currents where they vary. */
  draws: number;
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
} as const;

export function defaultMonteCarlo(draws = 100): MonteCarloOptions {
  return { draws, dtsMs: CALIBRATED_DTS_MS, neuron: CANONICAL_NEURON };
}

function seedRange(first: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => first + i);
}

/** Runs the whole calibration. Deterministic: the same options give the same numbers. */
export function measureTolerances(options: MonteCarloOptions): Tolerances {
  const { draws, dtsMs, neuron } = options;
  const matchDts = dtsMs.filter((dt) => dt <= CANONICAL.dtMs);
  const restSeeds = seedRange(SEED_BASES.restNoise, draws);
  const ouSeeds = seedRange(SEED_BASES.ou, draws);
  const matchSeeds = seedRange(SEED_BASES.match, 2 * draws);
  const measures: Record<string, MeasureSpread> = {
    ...restSdSpread(neuron, dtsMs, restSeeds),
    ...fiSpread(neuron, dtsMs),
    ...traceSpread(neuron, dtsMs),
    ...matchSpread(neuron, matchDts, matchSeeds, COINCIDENCE_DEFAULTS),
    ...ouSpread(dtsMs, ouSeeds),
    ...figure1Spread({
      neuron,
      dtsMs,
      draws,
      noiseSeedBase: SEED_BASES.noise,
      stimulusSeedBase: SEED_BASES.stimulus,
    }),
  };
  const sorted = Object.fromEntries(
    Object.entries(measures).sort(([a], [b]) => a.localeCompare(b)),
  );
  return {
    description:
      "The spread of every measure a check uses, over the reference LIF's faithful variants, time steps and seeds, and the band each check accepts with its chance of rejecting a faithful simulator.",
    method: `Calibration of the reference LIF (src/model/lif.ts) over every time step in dtMs and every faithful variant in schemes (exact, exponential-Euler, forward-Euler or Heun integration; spike times interpolated within the step with a continuous refractory period, or at the step's end with a refractory period of round(refractoryMs / dtMs) steps). Measures with noise (the SD of V at rest, the Figure 1 panels, a student's own OU generator) are drawn ${draws} times per variant and time step, and their band is each variant's mean +- ${DESIGN_Z} SD (gaussian: the SD at its 95 % upper bound, widened where the draws show a heavier tail). Measures without noise (f-I, the voltage trace, neuron.match) take one value per variant, and their band is the variants' extremes widened by a stated margin (envelope). Each band states the chance that a faithful simulator falls outside it.`,
    seeds: {
      restNoise: restSeeds,
      ou: ouSeeds,
      match: matchSeeds,
      figure1NoiseBase: [SEED_BASES.noise],
      figure1StimulusBase: [SEED_BASES.stimulus],
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
