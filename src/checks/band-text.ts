import { STORED_DIGITS } from "./band.js";
import { fmt } from "./verdict.js";

/**
 * How a band, and a value judged against it, are printed: in every check message and on every
 * page ("12.99-13.37 Hz", "at most 0.492", "at least 0.632", "0 Hz"). One precision for both, so
 * that what the check decided is what a reader sees.
 *
 * Why 4 digits and why the edges round outward on a tie: a band's edges are stored to
 * STORED_DIGITS (6) significant digits and a value passes up to half a unit of the 6th digit
 * beyond them (band.ts storedRounding). That margin never reaches a rounding boundary of the 4th
 * digit unless the stored edge lies exactly on one (13.365 where 13.36 and 13.37 meet), and
 * there the edge is printed outward (the low end down, the high end up). So a value in its band,
 * printed by formatMeasured, never reads as outside the printed band.
 */
const BAND_DIGITS = 4;

/** A measured value beside its band: BAND_DIGITS significant digits, no trailing zeros. */
export function formatMeasured(x: number | undefined): string {
  return fmt(x, BAND_DIGITS);
}

/** A band as every message and page prints it, in the unit of its measure ("" or "1": none). */
export function formatBand(b: { low?: number; high?: number; unit: string }): string {
  const unit = b.unit === "1" || b.unit === "" ? "" : ` ${b.unit}`;
  const low = b.low === undefined ? undefined : formatEdge(b.low, "low");
  const high = b.high === undefined ? undefined : formatEdge(b.high, "high");
  if (low !== undefined && high !== undefined) {
    return b.low === b.high ? `${low}${unit}` : `${low}-${high}${unit}`;
  }
  if (high !== undefined) return `at most ${high}${unit}`;
  return `at least ${low}${unit}`;
}

/** One end of a band, as formatBand prints it: "below 0.7566" where a sentence needs it alone. */
export function formatEdge(x: number, end: "low" | "high"): string {
  return fmt(roundEdge(x, end === "low" ? "down" : "up"), BAND_DIGITS);
}

/**
 * An edge to BAND_DIGITS significant digits: to the nearest, and on an exact tie of the stored
 * decimal (not of its binary double, which may lie either side), towards `tie`.
 */
export function roundEdge(x: number, tie: "down" | "up"): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const stored = Number(x.toPrecision(STORED_DIGITS));
  const exponent = Number(stored.toExponential().split("e")[1]);
  const unit = 10 ** (exponent - BAND_DIGITS + 1);
  // The stored edge in units of the last printed digit: an integer and a fraction of at most
  // STORED_DIGITS - BAND_DIGITS decimals, which toPrecision recovers from the division's noise.
  const scaled = Number((stored / unit).toPrecision(STORED_DIGITS));
  const below = Math.floor(scaled);
  const fraction = scaled - below;
  const up = fraction > 0.5 || (fraction === 0.5 && tie === "up");
  return Number(((up ? below + 1 : below) * unit).toPrecision(BAND_DIGITS));
}
