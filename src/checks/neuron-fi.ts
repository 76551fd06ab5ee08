import { isiRateHz } from "../analysis/isi-rate.js";
import { rheobasePa } from "../model/lif-theory.js";
import { CANONICAL, CANONICAL_NEURON, sampleCount } from "../protocol/canonical.js";
import type { Comparison, NeuronParameters, Tolerances } from "../protocol/types.js";
import { askSimulate, simulateRequest } from "./ask.js";
import { allInBand, type Band, bandAtDt, compare } from "./band.js";
import { formatBand, formatMeasured } from "./band-text.js";
import { type CheckContext, type CheckDefinition, requireSession } from "./check.js";
import type { FiFigureData } from "./figure-data.js";
import { atDt, CHECK_PROTOCOLS, PUBLIC_DTS_MS } from "./protocols.js";
import type { SimulatorSession } from "./session.js";
import { secondsHint } from "./spike-units.js";
import { fmt, verdict } from "./verdict.js";

export interface NeuronFiParameters {
  /** The time steps each constant current is simulated at, ms; the first one's curve is drawn. */
  dtMs: number[];
  currentsPa: number[];
}

/** The tolerance of the steady rate under a constant current ("neuron.fi.rateHz.150pA"). */
function fiToleranceName(currentPa: number): string {
  return `neuron.fi.rateHz.${currentPa}pA`;
}

export interface FiPoint {
  currentPa: number;
  rateHz: number;
  band: Band;
  /** The trial's spike times, ms. */
  spikeTimesMs: readonly number[];
}

/** A rate this many times the band's top is not a matter of detail: a whole mechanism is missing. */
const FAR = 3;

/**
 * What the typical bugs do to an f-I curve, as a hint: no 1e-3 on the resistance fires at the
 * refractory limit even below rheobase; no reset fires far too fast above it; dt or the
 * resistance 1000-fold too small never fires; no refractory period fires too fast where the
 * intervals are short, i.e. at high currents.
 */
export function fiHint(points: readonly FiPoint[], neuron: NeuronParameters): string {
  const seconds = secondsHint(
    points.map((p) => p.spikeTimesMs),
    CHECK_PROTOCOLS.fi.durationMs,
  );
  if (seconds) return seconds;
  const rheobase = rheobasePa(neuron);
  const below = points.filter((p) => p.band.high === 0 || p.currentPa < rheobase);
  const above = points.filter((p) => !below.includes(p));
  const firesBelow = below.find((p) => p.rateHz > 0);
  const farAbove = (p: FiPoint) => p.band.high !== undefined && p.rateHz > FAR * p.band.high;
  if (firesBelow && above.length > 0 && above.every(farAbove)) {
    return `it fires at ${fmt(firesBelow.rateHz)} Hz even at ${fmt(firesBelow.currentPa)} pA, below the rheobase of ${fmt(rheobase)} pA, and far too fast above it, as if V jumped to threshold at once: is the resistance in MOhm multiplied by 1e-3 (130 MOhm x 150 pA = 19.5 mV), and are tauMs and dtMs both in ms (dt/tau = 0.5/30, not 0.5/0.03)?`;
  }
  if (firesBelow) {
    return `it fires at ${fmt(firesBelow.currentPa)} pA, below the rheobase of ${fmt(rheobase)} pA ((thresholdMv - restMv) / (resistanceMOhm * 1e-3)), where V settles at ${fmt(neuron.restMv + neuron.resistanceMOhm * 1e-3 * firesBelow.currentPa)} mV below threshold: is the spike condition V >= thresholdMv, and is V relaxing towards restMv + R*1e-3*I?`;
  }
  if (above.length > 0 && above.every((p) => p.rateHz === 0)) {
    return "it never fires, even far above rheobase: does the current push V up (+ resistanceMOhm * 1e-3 * I, not minus), is the resistance multiplied by 1e-3 (not 1e-6), and are dtMs and tauMs both in ms (not seconds)?";
  }
  if (above.some(farAbove)) {
    const p = above.find(farAbove) as FiPoint;
    return `at ${fmt(p.currentPa)} pA it fires at ${formatMeasured(p.rateHz)} Hz, far above ${formatBand(p.band)}: is V reset to resetMv after a spike?`;
  }
  const high = above.filter((p) => p.band.high !== undefined && p.rateHz > p.band.high);
  const low = above.filter((p) => p.band.low !== undefined && p.rateHz < p.band.low);
  if (high.length > 0 && low.length === 0) {
    const p = high[high.length - 1];
    return `at ${fmt(p.currentPa)} pA it fires at ${formatMeasured(p.rateHz)} Hz, above ${formatBand(p.band)} (most at high currents, where intervals are short): is V held at resetMv for refractoryMs after each spike?`;
  }
  if (low.length > 0 && high.length === 0) {
    const p = low[low.length - 1];
    return `at ${fmt(p.currentPa)} pA it fires at ${formatMeasured(p.rateHz)} Hz, below ${formatBand(p.band)}: is V held at resetMv for refractoryMs (not longer), is the reset resetMv, and is dtMs used as given?`;
  }
  const p = [...high, ...low][0];
  return `at ${fmt(p.currentPa)} pA it fires at ${formatMeasured(p.rateHz)} Hz, outside ${formatBand(p.band)}: are the time step, the resistance and the reset as in the request?`;
}

const QUIET_NEURON = { ...CANONICAL_NEURON, noiseSdMv: 0 };

/** The steady rate at each constant current at one dt, noise off, with its band. */
async function fiPoints(
  context: CheckContext,
  session: SimulatorSession,
  dtMs: number,
  currentsPa: readonly number[],
): Promise<FiPoint[]> {
  const { durationMs, window } = CHECK_PROTOCOLS.fi;
  const points: FiPoint[] = [];
  for (const currentPa of currentsPa) {
    const current = new Float64Array(sampleCount(durationMs, dtMs)).fill(currentPa);
    const request = simulateRequest(current, dtMs, QUIET_NEURON, 1, CANONICAL.noiseSeed);
    const what = `a constant ${fmt(currentPa)} pA for ${durationMs} ms at dt ${fmt(dtMs)} ms, noise off`;
    const response = await askSimulate(session, request, what);
    points.push({
      currentPa,
      rateHz: isiRateHz(response.spikeTimesMs, window),
      band: bandAtDt(context.tolerances, fiToleranceName(currentPa), dtMs),
      spikeTimesMs: response.spikeTimesMs[0],
    });
  }
  return points;
}

export const neuronFi: CheckDefinition<NeuronFiParameters> = {
  id: "neuron.fi",
  stage: "neuron",
  title: "firing rate against constant current agrees with the reference",
  points: 2,
  defaultParameters: { dtMs: [...PUBLIC_DTS_MS], currentsPa: [...CHECK_PROTOCOLS.fi.currentsPa] },
  hiddenRepeat: true,
  parameters: (p) => ({
    dtMs: p.numbers("dtMs", { above: 0, what: "time steps in ms" }),
    currentsPa: p.numbers("currentsPa", { what: "currents in pA" }),
  }),
  tolerances: (p) =>
    p.dtMs.flatMap((dt) => p.currentsPa.map((pa) => atDt(fiToleranceName(pa), dt))),
  async run(context, p) {
    const session = requireSession(context);
    const { durationMs, window } = CHECK_PROTOCOLS.fi;
    const neuron = QUIET_NEURON;
    const comparisons: Comparison[] = [];
    const failures: string[] = [];
    const hints: string[] = [];
    const observed: Record<string, unknown>[] = [];
    for (const dtMs of p.dtMs) {
      const points = await fiPoints(context, session, dtMs, p.currentsPa);
      const compared = points.map((q) =>
        compare(q.band, `rate at ${fmt(q.currentPa)} pA, dt ${fmt(dtMs)} ms`, [
          { value: q.rateHz },
        ]),
      );
      comparisons.push(...compared);
      if (context.figures && context.figures.fi === undefined) {
        context.figures.fi = fiFigureData(points, compared, context.tolerances, neuron, dtMs);
      }
      observed.push({
        dtMs,
        rateHz: Object.fromEntries(points.map((q) => [`${q.currentPa}pA`, q.rateHz])),
      });
      const outside = points.filter((_, i) => !allInBand(compared[i]));
      if (outside.length > 0) {
        failures.push(
          `at dt ${fmt(dtMs)} ms: ${outside
            .map(
              (q) =>
                `${fmt(q.currentPa)} pA: ${formatMeasured(q.rateHz)} Hz (expected ${formatBand(q.band)})`,
            )
            .join(", ")}`,
        );
        hints.push(fiHint(points, neuron));
      }
    }
    const details = { observed: { byDt: observed }, expected: { window, durationMs }, comparisons };
    if (failures.length > 0) {
      const dtHint =
        failures.length < p.dtMs.length
          ? `; it agrees at ${p.dtMs.length - failures.length} of ${p.dtMs.length} time steps: is dtMs taken from the request everywhere (not a fixed 0.5), and is the spike emitted on the step where V reaches threshold, not the step after?`
          : "";
      return verdict(
        context.check,
        "fail",
        `steady rate outside the reference's range ${failures.join("; ")}; ${hints[0]}${dtHint}`,
        details,
      );
    }
    const first = observed[0] as { rateHz: Record<string, number> };
    return verdict(
      context.check,
      "pass",
      `the steady rate agrees with the reference at all ${p.currentsPa.length} currents and dt ${p.dtMs.map((d) => fmt(d)).join(" and ")} ms (at ${fmt(p.dtMs[0])} ms: ${p.currentsPa.map((pa) => `${fmt(pa)} pA: ${fmt(first.rateHz[`${pa}pA`])} Hz`).join(", ")})`,
      details,
    );
  },
};

/** The f-I figure's data: each point's rate over its band and verdict, and the reference's median rate. */
function fiFigureData(
  points: readonly FiPoint[],
  compared: readonly Comparison[],
  tolerances: Tolerances,
  neuron: NeuronParameters,
  dtMs: number,
): FiFigureData {
  const median = (pa: number) =>
    tolerances.measures[atDt(fiToleranceName(pa), dtMs)]?.quantiles["0.5"] ?? null;
  return {
    dtMs,
    currentsPa: points.map((q) => q.currentPa),
    rateHz: points.map((q) => q.rateHz),
    band: points.map((q) => ({ low: q.band.low ?? 0, high: q.band.high ?? q.band.low ?? 0 })),
    inBand: compared.map(allInBand),
    referenceHz: points.map((q) => median(q.currentPa)),
    rheobasePa: rheobasePa(neuron),
  };
}
