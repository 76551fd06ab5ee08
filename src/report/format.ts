import { formatMeasured } from "../checks/band-text.js";

/**
 * How the pages print numbers and dates: what the student's report and the class page have in
 * common, so that a score or a date reads the same on both.
 */

/** "2025-11-27 08:30 UTC" (an invalid date prints as the epoch). */
export function formatDate(date: Date): string {
  const iso = Number.isNaN(date.getTime()) ? new Date(0).toISOString() : date.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** Points and scores: at most 2 decimals, no trailing zeros ("6", "7.5", "0.33"). */
export function formatPoints(points: number): string {
  return String(Number(points.toFixed(2)));
}

/**
 * A measured value beside its band, with a true minus sign: the digits of the band's text
 * (src/checks/band-text.ts), so a value in its band never reads as outside it.
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const text = formatMeasured(value);
  return value < 0 ? `\u2212${text.slice(1)}` : text;
}

/** What a page shows where a measure has no value (null, NaN, an infinity). */
export const NOT_MEASURED = '<span class="muted">n/a</span>';

/** A quantile level as a percentage: 0.001 -> "0.1%", 0.999 -> "99.9%". */
export function formatLevel(level: number): string {
  return `${Number((level * 100).toPrecision(4))}%`;
}
