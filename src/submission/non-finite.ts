/**
 * JSON has no NaN or Infinity, and JSON.stringify would silently turn them into null. The runners
 * send each non-finite number as {"$nonFinite": "NaN" | "Infinity" | "-Infinity"} so that the
 * validators can say where it is.
 */

export const NON_FINITE_KEY = "$nonFinite";

export type NonFiniteName = "NaN" | "Infinity" | "-Infinity";

export interface NonFiniteMarker {
  [NON_FINITE_KEY]: NonFiniteName;
}

const NAMES: readonly unknown[] = ["NaN", "Infinity", "-Infinity"];

export function isNonFiniteMarker(value: unknown): value is NonFiniteMarker {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return (
    keys.length === 1 &&
    keys[0] === NON_FINITE_KEY &&
    NAMES.includes((value as Record<string, unknown>)[NON_FINITE_KEY])
  );
}

/** The number a marker stands for. */
export function nonFiniteValue(marker: NonFiniteMarker): number {
  const name = marker[NON_FINITE_KEY];
  if (name === "NaN") return Number.NaN;
  return name === "Infinity" ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
}
