import type { Comparison, MeasureSpread, ObservedValue, Tolerances } from "../protocol/types.js";
import { atDt } from "./protocols.js";

/**
 * The range a check accepts for one measure: the quantiles of the reference's spread
 * (reference/tolerances.json) at the levels the rubric names. A one-sided check names one level
 * only; the other end is then undefined.
 */
export interface Band {
  /** The tolerance's name in tolerances.json ("neuron.fi.rateHz.150pA"). */
  name: string;
  low: number | undefined;
  high: number | undefined;
  unit: string;
  description: string;
  /** The chance that one faithful value falls outside, where the calibration states it. */
  falseRejectProbability: number | undefined;
}

/**
 * A problem of the rubric or of tolerances.json found while a check runs (a tolerance or a
 * quantile that is not there). loadGradingReference finds these up front; a caller that skips it
 * gets this as the check's error, with the instructor's fix.
 */
export class ReferenceProblem extends Error {}

function spreadOf(tolerances: Tolerances, name: string): MeasureSpread {
  if (!Object.hasOwn(tolerances.measures, name)) {
    throw new ReferenceProblem(
      `tolerances.json has no measure ${name}; run \`spikegrade reference\` or fix the rubric`,
    );
  }
  return tolerances.measures[name];
}

/**
 * The band the calibration set for a tolerance (its `band` in tolerances.json), with the chance
 * that a faithful value falls outside it.
 */
export function calibratedBand(tolerances: Tolerances, name: string): Band {
  const spread = spreadOf(tolerances, name);
  if (spread.band === undefined) {
    throw new ReferenceProblem(
      `tolerances.json's ${name} has no band; run \`spikegrade reference\``,
    );
  }
  return {
    name,
    low: spread.band.low,
    high: spread.band.high,
    unit: spread.unit,
    description: spread.description ?? name,
    falseRejectProbability: spread.band.falseRejectProbability,
  };
}

/**
 * tolerances.json stores each quantile to 6 significant digits (src/reference/distribution.ts),
 * so a stored edge may lie up to half a unit of its last digit inside the reference's own
 * extreme: 1000 / 97 Hz = 10.309278 is stored as 10.3093. A value is compared with the edge
 * widened by that much, or the reference itself would fall outside its own band.
 */
export const STORED_DIGITS = 6;

/** Half a unit in the last stored digit of x. */
export function storedRounding(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return 0;
  return 0.5 * 10 ** (Math.floor(Math.log10(Math.abs(x))) - (STORED_DIGITS - 1));
}

/** Whether a value is at least the band's low end (always, if the band has none; NaN never). */
export function atLeastLow(value: number, b: Band): boolean {
  if (Number.isNaN(value)) return false;
  return b.low === undefined || value >= b.low - storedRounding(b.low);
}

/** Whether a value is at most the band's high end (always, if the band has none; NaN never). */
export function atMostHigh(value: number, b: Band): boolean {
  if (Number.isNaN(value)) return false;
  return b.high === undefined || value <= b.high + storedRounding(b.high);
}

/** Whether a value lies in the band (NaN never does). */
export function inBand(value: number, b: Band): boolean {
  return atLeastLow(value, b) && atMostHigh(value, b);
}

/** A value to compare, and which item it is ("dt 0.1 ms", "seed 1995"). */
export interface Observation {
  label?: string;
  value: number;
}

/**
 * A measure compared with its band: every observed value with its in-band flag, as the verdict,
 * the report, the figures and the exports all read it. NaN (nothing measured) is null and never
 * in band.
 */
export function compare(b: Band, measure: string, values: readonly Observation[]): Comparison {
  const observed: ObservedValue[] = values.map(({ label, value }) => ({
    ...(label === undefined ? {} : { label }),
    value: Number.isFinite(value) ? value : null,
    inBand: inBand(value, b),
  }));
  const out: Comparison = {
    measure,
    tolerance: b.name,
    unit: b.unit === "1" ? "" : b.unit,
    observed,
  };
  if (b.low !== undefined) out.low = b.low;
  if (b.high !== undefined) out.high = b.high;
  if (b.falseRejectProbability !== undefined) {
    out.falseRejectProbability = b.falseRejectProbability;
  }
  return out;
}

/** Whether every value of a comparison lies in its band. */
export function allInBand(c: Comparison): boolean {
  return c.observed.every((o) => o.inBand);
}

/** The calibrated band of a measure at a time step: "neuron.fi.rateHz.150pA" at 0.5 ms. */
export function bandAtDt(tolerances: Tolerances, name: string, dtMs: number): Band {
  const exact = atDt(name, dtMs);
  if (Object.hasOwn(tolerances.measures, exact)) return calibratedBand(tolerances, exact);
  // A time step the calibration did not cover (a results file's own): the widest of its bands.
  const prefix = atDt(name, "");
  const names = Object.keys(tolerances.measures).filter((n) => n.startsWith(prefix));
  if (names.length === 0) {
    throw new ReferenceProblem(
      `tolerances.json has no ${name} at any time step; run \`spikegrade reference\``,
    );
  }
  const bands = names.map((n) => calibratedBand(tolerances, n));
  const ends = (pick: (b: Band) => number | undefined) =>
    bands.map(pick).filter((x): x is number => x !== undefined);
  const lows = ends((b) => b.low);
  const highs = ends((b) => b.high);
  return {
    ...bands[0],
    name: `${name}.dt*`,
    low: lows.length > 0 ? Math.min(...lows) : undefined,
    high: highs.length > 0 ? Math.max(...highs) : undefined,
    falseRejectProbability: Math.max(...bands.map((b) => b.falseRejectProbability ?? 0)),
  };
}

/**
 * The chance that a faithful simulator fails a check by chance: at most the sum over the bands
 * it compares with (each compared once) of their false-reject chances. Three significant digits.
 */
export function falseRejectOfTolerances(tolerances: Tolerances, names: readonly string[]): number {
  const total = names.reduce(
    (sum, name) => sum + (tolerances.measures[name]?.band?.falseRejectProbability ?? 0),
    0,
  );
  return Number(total.toPrecision(3));
}
