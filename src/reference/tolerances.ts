import { meanCoincidenceFactor } from "../analysis/coincidence.js";
import { isiRateHz } from "../analysis/isi-rate.js";
import { ouStatistics } from "../analysis/ou-statistics.js";
import { type PanelMetrics, panelMetrics } from "../analysis/panel-metrics.js";
import { meanRateHz } from "../analysis/rate.js";
import type { LifOptions } from "../model/lif.js";
import { makeStimulus } from "../model/stimulus.js";
import { CANONICAL, CANONICAL_NEURON, canonicalOu, canonicalStep } from "../protocol/canonical.js";
import type { NeuronParameters } from "../protocol/types.js";
import { CHECK_PROTOCOLS, ouCheckRequest } from "./check-protocols.js";
import { type Distribution, distribution } from "./distribution.js";
import { measureParameters } from "./measure-parameters.js";
import {
  eulerOuCurrent,
  LIF_VARIANTS,
  REFERENCE_DTS_MS,
  simulateVariant,
  variantName,
} from "./variants.js";

export interface MonteCarloOptions {
  /** Seeds of the intrinsic noise: one Figure 1 per seed, variant and time step. */
  noiseSeeds: readonly number[];
  /** Seeds of frozen currents: panel B across currents, neuron.match, stimulus.ou. */
  stimulusSeeds: readonly number[];
  dtsMs: readonly number[];
  variants: readonly LifOptions[];
  neuron: NeuronParameters;
}

export function defaultMonteCarlo(count = 200): MonteCarloOptions {
  return {
    noiseSeeds: seedRange(100_000, count),
    stimulusSeeds: seedRange(200_000, count),
    dtsMs: REFERENCE_DTS_MS,
    variants: LIF_VARIANTS,
    neuron: CANONICAL_NEURON,
  };
}

function seedRange(first: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => first + i);
}

export interface Tolerances {
  description: string;
  method: string;
  seeds: { noise: number[]; stimulus: number[] };
  dtMs: number[];
  schemes: string[];
  conditions: Record<string, unknown>;
  measures: Record<string, Distribution>;
}

const METRIC_UNITS: Record<keyof PanelMetrics, string> = {
  reliability: "1",
  precisionMs: "ms",
  rcorr: "1",
  rateHz: "Hz",
};

/** Runs the whole Monte Carlo. Deterministic: the same options give the same numbers. */
export function measureTolerances(options: MonteCarloOptions): Tolerances {
  const measures: Record<string, Distribution> = {
    ...figure1Spread(options),
    ...panelBAcrossCurrents(options),
    ...matchSpread(options),
    ...fiSpread(options),
    ...ouSpread(options),
  };
  const sorted = Object.fromEntries(
    Object.entries(measures).sort(([a], [b]) => a.localeCompare(b)),
  );
  return {
    description:
      "The spread of every measure a check uses, over the reference LIF's faithful variants, time steps and seeds. Checks accept a value inside the quantiles their rubric entry names.",
    method:
      "Monte Carlo of the reference LIF (src/model/lif.ts) over every time step in dtMs and every scheme in schemes (exact or forward-Euler integration; spike times interpolated within the step with a continuous refractory period, or at the step's end with a refractory period of round(refractoryMs / dtMs) steps). Figure 1 panels: the canonical currents (dt 0.5 ms) resampled to each dt, one run of 25 trials per noise seed; panel B across currents: one run per stimulus seed at dt 0.5 ms for each scheme; neuron.match: Gamma of each scheme against exact/interpolated at the same dt on the frozen current of each stimulus seed, noise off; neuron.fi: noise off, steady rate per current; stimulus.ou: the exact update and Euler-Maruyama at each dt, one trace per stimulus seed.",
    seeds: { noise: [...options.noiseSeeds], stimulus: [...options.stimulusSeeds] },
    dtMs: [...options.dtsMs],
    schemes: options.variants.map(variantName),
    conditions: {
      measures: measureParameters(),
      neuron: options.neuron,
      trials: CANONICAL.trials,
      canonicalStimulusSeed: CANONICAL.stimulusSeed,
      fi: CHECK_PROTOCOLS.fi,
      ou: CHECK_PROTOCOLS.ou,
    },
    measures: sorted,
  };
}

/** Every (dt, variant) pair of the Monte Carlo. */
function* configurations(options: MonteCarloOptions): Generator<[number, LifOptions]> {
  for (const dtMs of options.dtsMs) for (const variant of options.variants) yield [dtMs, variant];
}

/** Panels A and B on the canonical currents; the contrast B - A; noise-on / noise-off rate in A. */
function figure1Spread(options: MonteCarloOptions): Record<string, Distribution> {
  const currentA = makeStimulus(canonicalStep());
  const currentB = makeStimulus(canonicalOu());
  const values: Record<string, number[]> = {};
  const push = (name: string, value: number) => {
    values[name] ??= [];
    values[name].push(value);
  };
  const quiet = { ...options.neuron, noiseSdMv: 0 };
  for (const [dtMs, variant] of configurations(options)) {
    const run = (current: Float64Array, neuron: NeuronParameters, seed: number) =>
      simulateVariant(current, CANONICAL.dtMs, dtMs, variant, neuron, CANONICAL.trials, seed);
    const quietRateA = meanRateHz(run(currentA, quiet, 0));
    for (const seed of options.noiseSeeds) {
      const a = panelMetrics(run(currentA, options.neuron, seed));
      const b = panelMetrics(run(currentB, options.neuron, seed));
      for (const key of Object.keys(METRIC_UNITS) as (keyof PanelMetrics)[]) {
        push(`figure1.A.${key}`, a[key]);
        push(`figure1.B.${key}`, b[key]);
      }
      push("figure1.contrast.rcorrDifference", b.rcorr - a.rcorr);
      push("figure1.contrast.reliabilityDifference", b.reliability - a.reliability);
      push("neuron.noise.rateRatio", a.rateHz / quietRateA);
    }
  }
  const out: Record<string, Distribution> = {};
  for (const key of Object.keys(METRIC_UNITS) as (keyof PanelMetrics)[]) {
    out[`figure1.A.${key}`] = distribution(
      values[`figure1.A.${key}`],
      METRIC_UNITS[key],
      `panel A (constant 150 pA step), ${key} over the stimulus window`,
    );
    out[`figure1.B.${key}`] = distribution(
      values[`figure1.B.${key}`],
      METRIC_UNITS[key],
      `panel B (the canonical frozen current, seed ${CANONICAL.stimulusSeed}), ${key} over the stimulus window`,
    );
  }
  out["figure1.contrast.rcorrDifference"] = distribution(
    values["figure1.contrast.rcorrDifference"],
    "1",
    "rcorr of panel B minus rcorr of panel A, same noise seed",
  );
  out["figure1.contrast.reliabilityDifference"] = distribution(
    values["figure1.contrast.reliabilityDifference"],
    "1",
    "reliability of panel B minus reliability of panel A, same noise seed",
  );
  out["neuron.noise.rateRatio"] = distribution(
    values["neuron.noise.rateRatio"],
    "1",
    "panel A's mean rate with intrinsic noise over its rate without, same variant and dt",
  );
  return out;
}

/** Panel B's measures across frozen currents (one noise seed each): how much the current matters. */
function panelBAcrossCurrents(options: MonteCarloOptions): Record<string, Distribution> {
  const values: Record<keyof PanelMetrics, number[]> = {
    reliability: [],
    precisionMs: [],
    rcorr: [],
    rateHz: [],
  };
  options.stimulusSeeds.forEach((stimulusSeed, i) => {
    const current = makeStimulus(canonicalOu(CANONICAL.dtMs, stimulusSeed));
    for (const variant of options.variants) {
      const noiseSeed = options.noiseSeeds[i % options.noiseSeeds.length];
      const spikes = simulateVariant(
        current,
        CANONICAL.dtMs,
        CANONICAL.dtMs,
        variant,
        options.neuron,
        CANONICAL.trials,
        noiseSeed,
      );
      const m = panelMetrics(spikes);
      for (const key of Object.keys(values) as (keyof PanelMetrics)[]) values[key].push(m[key]);
    }
  });
  const out: Record<string, Distribution> = {};
  for (const key of Object.keys(values) as (keyof PanelMetrics)[]) {
    out[`figure1.B.acrossCurrents.${key}`] = distribution(
      values[key],
      METRIC_UNITS[key],
      `panel B on frozen currents of other seeds (dt 0.5 ms), ${key}`,
    );
  }
  return out;
}

/**
 * Gamma of each faithful variant against exact/interpolated at the same dt, noise off, averaged
 * over the currents of a group of CHECK_PROTOCOLS.match.currents stimulus seeds. On a single frozen
 * current, two faithful variants sometimes part ways for a few spikes where the membrane grazes the
 * threshold (Gamma down to 0.2 on one current in 200); averaging over several currents is what
 * makes the check both tolerant of that and sharp against a wrong model.
 */
function matchSpread(options: MonteCarloOptions): Record<string, Distribution> {
  const quiet = { ...options.neuron, noiseSdMv: 0 };
  const base = options.variants[0];
  const group = CHECK_PROTOCOLS.match.currents;
  const means: number[] = [];
  for (const dtMs of options.dtsMs) {
    const currents = options.stimulusSeeds.map((seed) => makeStimulus(canonicalOu(dtMs, seed)));
    const references = currents.map((c) => simulateVariant(c, dtMs, dtMs, base, quiet, 1, 0));
    for (const variant of options.variants.slice(1)) {
      const gammas = currents.map((c, i) =>
        meanCoincidenceFactor(references[i], simulateVariant(c, dtMs, dtMs, variant, quiet, 1, 0)),
      );
      for (let g = 0; g + group <= gammas.length; g += group) {
        means.push(gammas.slice(g, g + group).reduce((s, x) => s + x, 0) / group);
      }
    }
  }
  return {
    "neuron.match.gamma": distribution(
      means,
      "1",
      `mean coincidence factor, over ${group} frozen currents, of a faithful variant's spikes against the reference's at the same dt, noise off`,
    ),
  };
}

/** Steady rate per constant current, noise off, over every dt and variant. */
function fiSpread(options: MonteCarloOptions): Record<string, Distribution> {
  const quiet = { ...options.neuron, noiseSdMv: 0 };
  const { currentsPa, durationMs, window } = CHECK_PROTOCOLS.fi;
  const out: Record<string, Distribution> = {};
  for (const currentPa of currentsPa) {
    const rates: number[] = [];
    for (const [dtMs, variant] of configurations(options)) {
      const current = new Float64Array(Math.round(durationMs / dtMs)).fill(currentPa);
      rates.push(isiRateHz(simulateVariant(current, dtMs, dtMs, variant, quiet, 1, 0), window));
    }
    out[`neuron.fi.rateHz.${currentPa}pA`] = distribution(
      rates,
      "Hz",
      `steady firing rate under a constant ${currentPa} pA, noise off`,
    );
  }
  return out;
}

/** Mean, SD and correlation time of long OU traces, exact and Euler-Maruyama, at every dt. */
function ouSpread(options: MonteCarloOptions): Record<string, Distribution> {
  const p = CHECK_PROTOCOLS.ou;
  const mean: number[] = [];
  const sd: number[] = [];
  const tau: number[] = [];
  for (const dtMs of options.dtsMs) {
    for (const seed of options.stimulusSeeds) {
      const request = ouCheckRequest(dtMs, seed);
      for (const trace of [makeStimulus(request), eulerOuCurrent(request)]) {
        const stats = ouStatistics(trace, dtMs, { ...p.window, maxLagMs: p.maxLagMs });
        mean.push(stats.meanPa);
        sd.push(stats.sdPa);
        tau.push(stats.tauMs);
      }
    }
  }
  const what = `of a ${p.durationMs} ms OU trace (mean ${p.meanPa} pA, SD ${p.sdPa} pA, tau ${p.tauMs} ms)`;
  return {
    "stimulus.ou.meanPa": distribution(mean, "pA", `mean ${what}`),
    "stimulus.ou.sdPa": distribution(sd, "pA", `SD ${what}`),
    "stimulus.ou.tauMs": distribution(tau, "ms", `correlation time ${what}`),
  };
}
