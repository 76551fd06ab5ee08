import type { NonFiniteNumber } from "./types.js";

/** Whether a value is the sandbox runners' stand-in for NaN or +-Infinity. */
export function isNonFiniteNumber(value: unknown): value is NonFiniteNumber {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const tag = (value as Record<string, unknown>).$nonFinite;
  return tag === "NaN" || tag === "Infinity" || tag === "-Infinity";
}
