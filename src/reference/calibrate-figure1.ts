import { ouStatistics } from "../analysis/ou-statistics.js";
import { type PanelMetrics, panelMetrics } from "../analysis/panel-metrics.js";
import { atDt, CHECK_PROTOCOLS, ouCheckRequest } from "../checks/protocols.js";
import { FAITHFUL_VARIANTS, variantLabel } from "../model/lif-variants.js";
import { makeStimulus } from "../model/stimulus.js";
import { CANONICAL, canonicalOu, canonicalStep } from "../protocol/canonical.js";
import type { MeasureSpread, NeuronParameters } from "../protocol/types.js";
import { gaussianBand, type Sides, type VariantDraws } from "./bands.js";
import { distribution } from "./distribution.js";
import { eulerOuCurrent, simulateVariant } from "./variants.js";

export type Metric = keyof PanelMetrics;

export const UNITS: Record<Metric, string> = {
  reliability: "1",
  precisionMs: "ms",
  rcorr: "1",
  rateHz: "Hz",
};

/**
 * Which side of each measure a figure1 check judges: panel A only for too much reliability (the
 * noise missing or shared), its rate on both sides; panel B on both.
 */
export const FIGURE1_SIDES = {
  A: { reliability: "high", rcorr: "high", rateHz: "both" },
  B: { reliability: "both", precisionMs: "both", rcorr: "both" },
  contrast: { rcorrDifference: "low" },
} as const satisfies Record<string, Record<string, Sides>>;

/** Accumulates each statistic's draws by name and variant. */
export class Draws {
  private readonly byName = new Map<string, Map<string, number[]>>();
  readonly units = new Map<string, string>();
  readonly descriptions = new Map<string, string>();
  readonly sides = new Map<string, Sides>();

  add(name: string, variant: string, value: number): void {
    let groups = this.byName.get(name);
    if (groups === undefined) {
      groups = new Map();
      this.byName.set(name, groups);
    }
    const values = groups.get(variant) ?? [];
    values.push(value);
    groups.set(variant, values);
  }

  describe(name: string, unit: string, sides: Sides, description: string): void {
    this.units.set(name, unit);
    this.sides.set(name, sides);
    this.descriptions.set(name, description);
  }

  spreads(): Record<string, MeasureSpread> {
    const out: Record<string, MeasureSpread> = {};
    for (const [name, groups] of this.byName) {
      const list: VariantDraws[] = [...groups].map(([variant, values]) => ({ variant, values }));
      out[name] = {
        ...distribution(
          list.flatMap((g) => g.values),
          this.units.get(name) ?? "1",
          this.descriptions.get(name) ?? name,
        ),
        band: gaussianBand(list, this.sides.get(name) ?? "both"),
      };
    }
    return out;
  }
}

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

function metricsOf(panels: readonly PanelMetrics[], key: Metric): number {
  return mean(panels.map((m) => m[key]));
}

export interface Figure1Calibration {
  neuron: NeuronParameters;
  dtsMs: readonly number[];
  /** One draw per entry: a faithful student's noise (its seeds) and, across currents, its currents. */
  draws: number;
  /** Offsets that keep these seeds apart from the checks' and from the validity run's. */
  noiseSeedBase: number;
  stimulusSeedBase: number;
}

/**
 * The Figure 1 measures of faithful variants over many draws of their intrinsic noise: pooled as
 * the checks pool them (means over CHECK_PROTOCOLS.figure1's panels, at the canonical dt), across
 * random frozen currents (the hidden repeat of figure1.B, at every dt); a single panel's (a results
 * file's) are calibrate-single.ts's. draws[d] holds what figure1Draw gave for draw d (figure1Tasks).
 */
export function figure1Spread(
  options: Figure1Calibration,
  draws: readonly (readonly (readonly Figure1Record[])[])[],
): Record<string, MeasureSpread> {
  const spreads = new Draws();
  describeFigure1Spreads(spreads, options);
  FAITHFUL_VARIANTS.forEach((variant, v) => {
    for (let d = 0; d < options.draws; d++) {
      for (const [name, value] of draws[d][v]) spreads.add(name, variantLabel(variant), value);
    }
  });
  return spreads.spreads();
}

/** The draws figure1Spread folds: one a task, every variant in it (they share its currents). */
export function figure1Tasks(options: Figure1Calibration): Figure1Task[] {
  return Array.from({ length: options.draws }, (_, draw) => ({
    kind: "figure1" as const,
    options,
    draw,
  }));
}

export interface Figure1Task {
  kind: "figure1";
  options: Figure1Calibration;
  draw: number;
}

/** A statistic's name and its value in one draw. */
export type Figure1Record = [string, number];

const pooledA = (m: Metric) => `figure1.A.${m}.pooled`;
const publicB = (m: Metric) => `figure1.B.${m}.pooled`;

/** Names, units, sides and descriptions of every Figure 1 spread, in the order tolerances.json lists them. */
function describeFigure1Spreads(draws: Draws, options: Figure1Calibration): void {
  const protocol = CHECK_PROTOCOLS.figure1;
  const k = protocol.aNoiseSeeds.length;
  const n = `${options.draws} draws a variant`;
  for (const m of ["reliability", "rcorr", "rateHz"] as const) {
    const sides = FIGURE1_SIDES.A[m];
    const what = `panel A's ${m}, mean over ${k} noise seeds (25 trials each, dt ${CANONICAL.dtMs} ms; ${n})`;
    draws.describe(atDt(pooledA(m), CANONICAL.dtMs), UNITS[m], sides, what);
  }
  for (const m of ["reliability", "precisionMs", "rcorr"] as const) {
    const sides = FIGURE1_SIDES.B[m];
    draws.describe(
      atDt(publicB(m), CANONICAL.dtMs),
      UNITS[m],
      sides,
      `panel B's ${m}, mean over the frozen currents of seeds ${protocol.bStimulusSeeds.join(", ")} (25 trials each, dt ${CANONICAL.dtMs} ms; ${n})`,
    );
    for (const dtMs of options.dtsMs) {
      draws.describe(
        atDt(`figure1.B.${m}.acrossCurrents`, dtMs),
        UNITS[m],
        sides,
        `panel B's ${m}, mean over ${k} random frozen currents (25 trials each, dt ${dtMs} ms; ${n})`,
      );
    }
  }
  draws.describe(
    atDt("figure1.contrast.rcorrDifference.pooled", CANONICAL.dtMs),
    "1",
    "low",
    `mean rcorr of the pooled panels B minus that of the pooled panels A, dt 0.5 ms (${n})`,
  );
  draws.describe(
    atDt("figure1.contrast.rcorrDifference.acrossCurrents", CANONICAL.dtMs),
    "1",
    "low",
    `mean rcorr of panels B on ${k} random frozen currents minus that of the pooled panels A, dt 0.5 ms (${n})`,
  );
}

let publicCurrentsOnce: Float64Array[] | undefined;

/** The frozen currents of the public figure1.B panels, made once per thread. */
function publicCurrents(): Float64Array[] {
  publicCurrentsOnce ??= CHECK_PROTOCOLS.figure1.bStimulusSeeds.map((seed) =>
    makeStimulus(canonicalOu(CANONICAL.dtMs, seed)),
  );
  return publicCurrentsOnce;
}

/**
 * Draw d (its noise seeds and random currents) of every faithful variant: its panels at every
 * dt, pooled at the canonical dt. For each variant, every statistic it adds to the spreads, in
 * order.
 */
export function figure1Draw(task: Figure1Task): Figure1Record[][] {
  const { options, draw: d } = task;
  const k = CHECK_PROTOCOLS.figure1.aNoiseSeeds.length;
  const noiseSeeds = Array.from({ length: k }, (_, i) => options.noiseSeedBase + d * k + i);
  const stimulusSeeds = Array.from({ length: k }, (_, i) => options.stimulusSeedBase + d * k + i);
  const records: Figure1Record[][] = FAITHFUL_VARIANTS.map(() => []);
  for (const dtMs of options.dtsMs) {
    const step = makeStimulus(canonicalStep(dtMs));
    const currents = stimulusSeeds.map((s) => makeStimulus(canonicalOu(dtMs, s)));
    FAITHFUL_VARIANTS.forEach((variant, v) => {
      const panel = (current: Float64Array, seed: number) =>
        panelMetrics(
          simulateVariant(current, dtMs, dtMs, variant, options.neuron, CANONICAL.trials, seed),
        );
      const add = (name: string, value: number) => records[v].push([atDt(name, dtMs), value]);
      drawPanels(dtMs, add, panel, { step, currents, noiseSeeds });
    });
  }
  return records;
}

/** One variant's panels of one draw at one dt, and the statistics they add. */
function drawPanels(
  dtMs: number,
  add: (name: string, value: number) => void,
  panel: (current: Float64Array, seed: number) => PanelMetrics,
  inputs: { step: Float64Array; currents: Float64Array[]; noiseSeeds: number[] },
): void {
  const { step, currents, noiseSeeds } = inputs;
  const canonical = dtMs === CANONICAL.dtMs;
  const across = currents.map((c) => panel(c, noiseSeeds[0]));
  // A single panel's measures (a results file's) are drawn many more times: calibrate-single.ts.
  for (const m of ["reliability", "precisionMs", "rcorr"] as const) {
    add(`figure1.B.${m}.acrossCurrents`, metricsOf(across, m));
  }
  if (!canonical) return;
  const a = noiseSeeds.map((s) => panel(step, s));
  const b = publicCurrents().map((c) => panel(c, noiseSeeds[0]));
  for (const m of ["reliability", "rcorr", "rateHz"] as const) add(pooledA(m), metricsOf(a, m));
  for (const m of ["reliability", "precisionMs", "rcorr"] as const)
    add(publicB(m), metricsOf(b, m));
  add("figure1.contrast.rcorrDifference.pooled", metricsOf(b, "rcorr") - metricsOf(a, "rcorr"));
  add(
    "figure1.contrast.rcorrDifference.acrossCurrents",
    metricsOf(across, "rcorr") - metricsOf(a, "rcorr"),
  );
}

/**
 * stimulus.ou: mean, SD and correlation time of a long OU trace per time step, over seeds (a
 * student's own generator gives another trace for the same seed) and the exact update against
 * Euler-Maruyama. draws[i] holds what ouDraw gave for the i-th of ouTasks(dtsMs, seeds).
 */
export function ouSpread(
  dtsMs: readonly number[],
  seeds: readonly number[],
  draws: readonly (readonly number[])[],
): Record<string, MeasureSpread> {
  const p = CHECK_PROTOCOLS.ou;
  const spreads = new Draws();
  let i = 0;
  for (const dtMs of dtsMs) {
    const what = `of a ${p.durationMs} ms OU trace (mean ${p.meanPa} pA, SD ${p.sdPa} pA, tau ${p.tauMs} ms), dt ${dtMs} ms, exact update or Euler-Maruyama`;
    spreads.describe(atDt("stimulus.ou.meanPa", dtMs), "pA", "both", `mean ${what}`);
    spreads.describe(atDt("stimulus.ou.sdPa", dtMs), "pA", "both", `SD ${what}`);
    spreads.describe(atDt("stimulus.ou.tauMs", dtMs), "ms", "both", `correlation time ${what}`);
    for (const _seed of seeds) {
      const values = draws[i++];
      OU_SCHEMES.forEach((scheme, s) => {
        spreads.add(atDt("stimulus.ou.meanPa", dtMs), scheme, values[3 * s]);
        spreads.add(atDt("stimulus.ou.sdPa", dtMs), scheme, values[3 * s + 1]);
        spreads.add(atDt("stimulus.ou.tauMs", dtMs), scheme, values[3 * s + 2]);
      });
    }
  }
  return spreads.spreads();
}

const OU_SCHEMES = ["exact", "euler-maruyama"] as const;

export interface OuTask {
  kind: "ou";
  dtMs: number;
  seed: number;
}

/** The traces ouSpread folds: time step by time step, seed by seed. */
export function ouTasks(dtsMs: readonly number[], seeds: readonly number[]): OuTask[] {
  return dtsMs.flatMap((dtMs) => seeds.map((seed) => ({ kind: "ou" as const, dtMs, seed })));
}

/** Mean, SD and correlation time of the trace of one seed, exact update then Euler-Maruyama. */
export function ouDraw(task: OuTask): number[] {
  const p = CHECK_PROTOCOLS.ou;
  const request = ouCheckRequest(task.dtMs, task.seed);
  return [makeStimulus(request), eulerOuCurrent(request)].flatMap((trace) => {
    const stats = ouStatistics(trace, task.dtMs, { ...p.window, maxLagMs: p.maxLagMs });
    return [stats.meanPa, stats.sdPa, stats.tauMs];
  });
}
