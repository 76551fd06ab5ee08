import { coincidenceFactor } from "../analysis/coincidence.js";
import { isiRateHz } from "../analysis/isi-rate.js";
import { pooledSdMv, traceLag } from "../analysis/voltage.js";
import { atDt, CHECK_PROTOCOLS, traceFollowingRequest } from "../checks/protocols.js";
import { type LifOptions, type LifScheme, simulateLif } from "../model/lif.js";
import { FAITHFUL_VARIANTS, MATCH_VARIANTS, SCHEMES } from "../model/lif-variants.js";
import { makeStimulus } from "../model/stimulus.js";
import { canonicalOu, sampleCount } from "../protocol/canonical.js";
import type { MeasureSpread, NeuronParameters } from "../protocol/types.js";
import { envelopeBand, gaussianBand, type VariantDraws } from "./bands.js";
import { distribution } from "./distribution.js";

function run(
  current: ArrayLike<number>,
  dtMs: number,
  neuron: NeuronParameters,
  variant: LifOptions,
  trials: number,
  seed: number,
  recordVoltage = 0,
) {
  return simulateLif({ dtMs, currentPa: current, trials, seed, recordVoltage, neuron }, variant);
}

function spread(
  values: readonly number[],
  unit: string,
  description: string,
  band: MeasureSpread["band"],
): MeasureSpread {
  return { ...distribution(values, unit, description), band };
}

/**
 * neuron.noise: the SD of V at rest under noise alone, per time step, over noise seeds and the
 * four schemes (whose noise terms differ by up to 2 % at dt 1 ms). draws[i] holds what
 * restSdDraw gave for the i-th of restSdTasks(neuron, dtsMs, noiseSeeds).
 */
export function restSdSpread(
  neuron: NeuronParameters,
  dtsMs: readonly number[],
  draws: readonly (readonly number[])[],
): Record<string, MeasureSpread> {
  const p = CHECK_PROTOCOLS.noise;
  const out: Record<string, MeasureSpread> = {};
  let i = 0;
  for (const dtMs of dtsMs) {
    const groups: VariantDraws[] = SCHEMES.map((scheme) => ({
      variant: scheme,
      values: [...draws[i++]],
    }));
    out[atDt("neuron.noise.restSdMv", dtMs)] = spread(
      groups.flatMap((g) => g.values),
      "mV",
      `SD of V with no current and noise on (noiseSdMv ${neuron.noiseSdMv}), ${p.trials} trials of ${p.durationMs} ms pooled from ${p.settleMs} ms on, dt ${dtMs} ms`,
      gaussianBand(groups, "both"),
    );
  }
  return out;
}

export interface RestSdTask {
  kind: "restSd";
  neuron: NeuronParameters;
  dtMs: number;
  scheme: LifScheme;
  seeds: number[];
}

/** What restSdSpread folds: time step by time step, scheme by scheme, each over every seed. */
export function restSdTasks(
  neuron: NeuronParameters,
  dtsMs: readonly number[],
  noiseSeeds: readonly number[],
): RestSdTask[] {
  return dtsMs.flatMap((dtMs) =>
    SCHEMES.map((scheme) => ({
      kind: "restSd" as const,
      neuron,
      dtMs,
      scheme,
      seeds: [...noiseSeeds],
    })),
  );
}

/** The SD of V at rest of one scheme and time step, seed by seed. */
export function restSdDraw(task: RestSdTask): number[] {
  const p = CHECK_PROTOCOLS.noise;
  const zero = new Float64Array(sampleCount(p.durationMs, task.dtMs));
  const variant: LifOptions = { scheme: task.scheme, spikeTiming: "interpolated" };
  return task.seeds.map((seed) => {
    const { voltageMv } = run(zero, task.dtMs, task.neuron, variant, p.trials, seed, p.trials);
    return pooledSdMv(voltageMv, task.dtMs, p.settleMs);
  });
}

/**
 * neuron.fi: the steady rate per constant current and time step, noise off, of every faithful
 * variant; the band widens the extremes by a quarter of a time step on the mean interval.
 */
export function fiSpread(
  neuron: NeuronParameters,
  dtsMs: readonly number[],
): Record<string, MeasureSpread> {
  const quiet = { ...neuron, noiseSdMv: 0 };
  const { currentsPa, durationMs, window } = CHECK_PROTOCOLS.fi;
  const out: Record<string, MeasureSpread> = {};
  for (const dtMs of dtsMs) {
    for (const currentPa of currentsPa) {
      const current = new Float64Array(sampleCount(durationMs, dtMs)).fill(currentPa);
      const rates = FAITHFUL_VARIANTS.map((v) =>
        isiRateHz(run(current, dtMs, quiet, v, 1, 0).spikeTimesMs, window),
      );
      const slack = dtMs / 4;
      const lowest = Math.min(...rates);
      const highest = Math.max(...rates);
      const low = lowest > 0 ? 1000 / (1000 / lowest + slack) : 0;
      const high = highest > 0 ? 1000 / (1000 / highest - slack) : 0;
      out[atDt(`neuron.fi.rateHz.${currentPa}pA`, dtMs)] = spread(
        rates,
        "Hz",
        `steady firing rate under a constant ${currentPa} pA, noise off, dt ${dtMs} ms`,
        envelopeBand(rates, {
          low: lowest - low,
          high: high - highest,
          why: `a quarter of a time step (${slack} ms) on the mean interspike interval`,
        }),
      );
    }
  }
  return out;
}

/**
 * neuron.trace: the lag (ms) and the residual (mV) of each faithful variant's voltage against
 * the exact one on the below-threshold frozen current, noise off, per time step. A recording or a
 * current one sample off lags by a whole step; the band allows a quarter of one.
 */
export function traceSpread(
  neuron: NeuronParameters,
  dtsMs: readonly number[],
): Record<string, MeasureSpread> {
  const quiet = { ...neuron, noiseSdMv: 0 };
  const p = CHECK_PROTOCOLS.trace;
  const out: Record<string, MeasureSpread> = {};
  for (const dtMs of dtsMs) {
    const current = makeStimulus(traceFollowingRequest(dtMs));
    const voltage = (v: LifOptions) => run(current, dtMs, quiet, v, 1, 0, 1).voltageMv[0];
    const reference = voltage(FAITHFUL_VARIANTS[0]);
    const fits = FAITHFUL_VARIANTS.map((v) => traceLag(voltage(v), reference, dtMs, p.settleMs));
    const lags = fits.map((f) => f.lagMs);
    const residuals = fits.map((f) => f.residualMv);
    const what = `of each faithful variant's voltage against the exact one on a below-threshold frozen current (mean ${p.following.meanPa} pA, SD ${p.following.sdPa} pA, seed ${p.following.seed}), noise off, from ${p.settleMs} ms on, dt ${dtMs} ms`;
    out[atDt("neuron.trace.lagMs", dtMs)] = spread(
      lags,
      "ms",
      `lag ${what}`,
      envelopeBand(lags, {
        low: dtMs / 4,
        high: dtMs / 4,
        why: `a quarter of a time step (${dtMs / 4} ms)`,
      }),
    );
    const largest = Math.max(...residuals);
    const extra = Math.max(largest, 0.005);
    out[atDt("neuron.trace.residualMv", dtMs)] = spread(
      residuals,
      "mV",
      `residual, once the lag is taken out, ${what}`,
      envelopeBand(residuals, { low: 0, high: extra, why: `${extra.toPrecision(3)} mV` }, "high"),
    );
  }
  return out;
}

/**
 * neuron.match: for each faithful variant and group of CHECK_PROTOCOLS.match.currents frozen
 * currents, the mean over the group of its best Gamma against the other match variants, noise
 * off, per time step. Leaving the variant itself out makes the band tolerant of a faithful scheme
 * that none of the set is: it need only be as close to one of them as they are to each other.
 * draws[i] holds what matchDraw gave for the i-th of matchTasks(neuron, dtsMs, stimulusSeeds).
 */
export function matchSpread(
  dtsMs: readonly number[],
  stimulusSeeds: readonly number[],
  draws: readonly (readonly number[])[],
): Record<string, MeasureSpread> {
  const group = CHECK_PROTOCOLS.match.currents;
  const out: Record<string, MeasureSpread> = {};
  let d = 0;
  for (const dtMs of dtsMs) {
    const best: number[][] = MATCH_VARIANTS.map(() => []);
    for (let s = 0; s < stimulusSeeds.length; s++) {
      const tops = draws[d++];
      for (let i = 0; i < tops.length; i++) best[i].push(tops[i]);
    }
    const means: number[] = [];
    for (const gammas of best) {
      for (let g = 0; g + group <= gammas.length; g += group) {
        means.push(gammas.slice(g, g + group).reduce((s, x) => s + x, 0) / group);
      }
    }
    const band = envelopeBand(means, { low: 0.05, high: 0, why: "0.05" }, "low");
    band.rule = `the lowest mean over ${group} frozen currents of a faithful variant's best Gamma against the other ${MATCH_VARIANTS.length - 1} (${means.length} groups from ${stimulusSeeds.length} currents), less 0.05; a variant of the set matches itself and is never outside`;
    out[atDt("neuron.match.gamma", dtMs)] = spread(
      means,
      "1",
      `mean over ${group} frozen currents like panel B's of the best coincidence factor against the reference's faithful variants, noise off, dt ${dtMs} ms`,
      band,
    );
  }
  return out;
}

export interface MatchTask {
  kind: "match";
  neuron: NeuronParameters;
  dtMs: number;
  seed: number;
  coincidence: { startMs: number; endMs: number; deltaMs: number };
}

/** The frozen currents matchSpread folds: time step by time step, seed by seed. */
export function matchTasks(
  neuron: NeuronParameters,
  dtsMs: readonly number[],
  stimulusSeeds: readonly number[],
  coincidence: MatchTask["coincidence"],
): MatchTask[] {
  return dtsMs.flatMap((dtMs) =>
    stimulusSeeds.map((seed) => ({ kind: "match" as const, neuron, dtMs, seed, coincidence })),
  );
}

/** On one frozen current, noise off: each match variant's best Gamma against the others. */
export function matchDraw(task: MatchTask): number[] {
  const quiet = { ...task.neuron, noiseSdMv: 0 };
  const current = makeStimulus(canonicalOu(task.dtMs, task.seed));
  const trains = MATCH_VARIANTS.map((v) => run(current, task.dtMs, quiet, v, 1, 0).spikeTimesMs[0]);
  return trains.map((train, i) => {
    let top = 0;
    trains.forEach((other, j) => {
      if (j !== i) top = Math.max(top, coincidenceFactor(other, train, task.coincidence));
    });
    return top;
  });
}
