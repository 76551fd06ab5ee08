import { ouStatistics } from "../analysis/ou-statistics.js";
import { type PanelMetrics, panelMetrics } from "../analysis/panel-metrics.js";
import { atDt, CHECK_PROTOCOLS, ouCheckRequest } from "../checks/protocols.js";
import type { LifOptions } from "../model/lif.js";
import { FAITHFUL_VARIANTS, variantLabel } from "../model/lif-variants.js";
import { makeStimulus } from "../model/stimulus.js";
import { CANONICAL, canonicalOu, canonicalStep } from "../protocol/canonical.js";
import type { MeasureSpread, NeuronParameters } from "../protocol/types.js";
import { gaussianBand, type Sides, type VariantDraws } from "./bands.js";
import { distribution } from "./distribution.js";
import { eulerOuCurrent, simulateVariant } from "./variants.js";

type Metric = keyof PanelMetrics;

const UNITS: Record<Metric, string> = {
  reliability: "1",
  precisionMs: "ms",
  rcorr: "1",
  rateHz: "Hz",
};

/**
 * Which side of each measure a figure1 check judges: panel A only for too much reliability (the
 * noise missing or shared), its rate on both sides; panel B on both.
 */
const FIGURE1_SIDES = {
  A: { reliability: "high", rcorr: "high", rateHz: "both" },
  B: { reliability: "both", precisionMs: "both", rcorr: "both" },
  contrast: { rcorrDifference: "low" },
} as const satisfies Record<string, Record<string, Sides>>;

/** Accumulates each statistic's draws by name and variant. */
class Draws {
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
 * random frozen currents (the hidden repeat of figure1.B, at every dt), and for a single panel (a
 * results file, at every dt).
 */
export function figure1Spread(options: Figure1Calibration): Record<string, MeasureSpread> {
  const draws = new Draws();
  describeFigure1Spreads(draws, options.dtsMs);
  const publicCurrents = CHECK_PROTOCOLS.figure1.bStimulusSeeds.map((seed) =>
    makeStimulus(canonicalOu(CANONICAL.dtMs, seed)),
  );
  for (const variant of FAITHFUL_VARIANTS) drawVariant(draws, variant, options, publicCurrents);
  return draws.spreads();
}

const pooledA = (m: Metric) => `figure1.A.${m}.pooled`;
const publicB = (m: Metric) => `figure1.B.${m}.pooled`;

/** Names, units, sides and descriptions of every Figure 1 spread, in the order tolerances.json lists them. */
function describeFigure1Spreads(draws: Draws, dtsMs: readonly number[]): void {
  const protocol = CHECK_PROTOCOLS.figure1;
  const k = protocol.aNoiseSeeds.length;
  for (const m of ["reliability", "rcorr", "rateHz"] as const) {
    const sides = FIGURE1_SIDES.A[m];
    const what = `panel A's ${m}, mean over ${k} noise seeds (25 trials each, dt ${CANONICAL.dtMs} ms)`;
    draws.describe(atDt(pooledA(m), CANONICAL.dtMs), UNITS[m], sides, what);
    for (const dtMs of dtsMs) {
      draws.describe(
        atDt(`figure1.A.${m}.single`, dtMs),
        UNITS[m],
        sides,
        `panel A's ${m}, one panel of 25 trials, dt ${dtMs} ms`,
      );
    }
  }
  for (const m of ["reliability", "precisionMs", "rcorr"] as const) {
    const sides = FIGURE1_SIDES.B[m];
    draws.describe(
      atDt(publicB(m), CANONICAL.dtMs),
      UNITS[m],
      sides,
      `panel B's ${m}, mean over the frozen currents of seeds ${protocol.bStimulusSeeds.join(", ")} (25 trials each, dt ${CANONICAL.dtMs} ms)`,
    );
    for (const dtMs of dtsMs) {
      draws.describe(
        atDt(`figure1.B.${m}.acrossCurrents`, dtMs),
        UNITS[m],
        sides,
        `panel B's ${m}, mean over ${k} random frozen currents (25 trials each, dt ${dtMs} ms)`,
      );
      draws.describe(
        atDt(`figure1.B.${m}.single`, dtMs),
        UNITS[m],
        sides,
        `panel B's ${m}, one panel of 25 trials on a random frozen current, dt ${dtMs} ms`,
      );
    }
  }
  draws.describe(
    atDt("figure1.contrast.rcorrDifference.pooled", CANONICAL.dtMs),
    "1",
    "low",
    "mean rcorr of the pooled panels B minus that of the pooled panels A, dt 0.5 ms",
  );
  draws.describe(
    atDt("figure1.contrast.rcorrDifference.acrossCurrents", CANONICAL.dtMs),
    "1",
    "low",
    `mean rcorr of panels B on ${k} random frozen currents minus that of the pooled panels A, dt 0.5 ms`,
  );
  for (const dtMs of dtsMs) {
    draws.describe(
      atDt("figure1.contrast.rcorrDifference.single", dtMs),
      "1",
      "low",
      `rcorr of one panel B minus that of one panel A, dt ${dtMs} ms`,
    );
  }
}

/** One faithful variant's draws: its panels at every dt, pooled at the canonical dt. */
function drawVariant(
  draws: Draws,
  variant: LifOptions,
  options: Figure1Calibration,
  publicCurrents: readonly Float64Array[],
): void {
  const { neuron, dtsMs } = options;
  const k = CHECK_PROTOCOLS.figure1.aNoiseSeeds.length;
  const label = variantLabel(variant);
  for (let d = 0; d < options.draws; d++) {
    const noiseSeeds = Array.from({ length: k }, (_, i) => options.noiseSeedBase + d * k + i);
    const stimulusSeeds = Array.from({ length: k }, (_, i) => options.stimulusSeedBase + d * k + i);
    for (const dtMs of dtsMs) {
      const panel = (current: Float64Array, seed: number) =>
        panelMetrics(simulateVariant(current, dtMs, dtMs, variant, neuron, CANONICAL.trials, seed));
      const step = makeStimulus(canonicalStep(dtMs));
      const canonical = dtMs === CANONICAL.dtMs;
      const a = (canonical ? noiseSeeds : noiseSeeds.slice(0, 1)).map((s) => panel(step, s));
      const across = stimulusSeeds.map((s) =>
        panel(makeStimulus(canonicalOu(dtMs, s)), noiseSeeds[0]),
      );
      for (const m of ["reliability", "rcorr", "rateHz"] as const) {
        draws.add(atDt(`figure1.A.${m}.single`, dtMs), label, a[0][m]);
      }
      for (const m of ["reliability", "precisionMs", "rcorr"] as const) {
        draws.add(atDt(`figure1.B.${m}.acrossCurrents`, dtMs), label, metricsOf(across, m));
        draws.add(atDt(`figure1.B.${m}.single`, dtMs), label, across[0][m]);
      }
      draws.add(
        atDt("figure1.contrast.rcorrDifference.single", dtMs),
        label,
        across[0].rcorr - a[0].rcorr,
      );
      if (!canonical) continue;
      const b = publicCurrents.map((c) => panel(c, noiseSeeds[0]));
      for (const m of ["reliability", "rcorr", "rateHz"] as const) {
        draws.add(atDt(pooledA(m), dtMs), label, metricsOf(a, m));
      }
      for (const m of ["reliability", "precisionMs", "rcorr"] as const) {
        draws.add(atDt(publicB(m), dtMs), label, metricsOf(b, m));
      }
      draws.add(
        atDt("figure1.contrast.rcorrDifference.pooled", dtMs),
        label,
        metricsOf(b, "rcorr") - metricsOf(a, "rcorr"),
      );
      draws.add(
        atDt("figure1.contrast.rcorrDifference.acrossCurrents", dtMs),
        label,
        metricsOf(across, "rcorr") - metricsOf(a, "rcorr"),
      );
    }
  }
}

/**
 * stimulus.ou: mean, SD and correlation time of a long OU trace per time step, over seeds (a
 * student's own generator gives another trace for the same seed) and the exact update against
 * Euler-Maruyama.
 */
export function ouSpread(
  dtsMs: readonly number[],
  seeds: readonly number[],
): Record<string, MeasureSpread> {
  const p = CHECK_PROTOCOLS.ou;
  const draws = new Draws();
  for (const dtMs of dtsMs) {
    const what = `of a ${p.durationMs} ms OU trace (mean ${p.meanPa} pA, SD ${p.sdPa} pA, tau ${p.tauMs} ms), dt ${dtMs} ms, exact update or Euler-Maruyama`;
    draws.describe(atDt("stimulus.ou.meanPa", dtMs), "pA", "both", `mean ${what}`);
    draws.describe(atDt("stimulus.ou.sdPa", dtMs), "pA", "both", `SD ${what}`);
    draws.describe(atDt("stimulus.ou.tauMs", dtMs), "ms", "both", `correlation time ${what}`);
    for (const seed of seeds) {
      const request = ouCheckRequest(dtMs, seed);
      const schemes: [string, Float64Array][] = [
        ["exact", makeStimulus(request)],
        ["euler-maruyama", eulerOuCurrent(request)],
      ];
      for (const [scheme, trace] of schemes) {
        const stats = ouStatistics(trace, dtMs, { ...p.window, maxLagMs: p.maxLagMs });
        draws.add(atDt("stimulus.ou.meanPa", dtMs), scheme, stats.meanPa);
        draws.add(atDt("stimulus.ou.sdPa", dtMs), scheme, stats.sdPa);
        draws.add(atDt("stimulus.ou.tauMs", dtMs), scheme, stats.tauMs);
      }
    }
  }
  return draws.spreads();
}
