import type { Band } from "../../src/checks/band.js";

/** A band of rates for tests of band logic and hints: [low, high] Hz, 0.2 % false-reject. */
export function hzBand(low: number, high: number): Band {
  return { name: "x", low, high, unit: "Hz", description: "x", falseRejectProbability: 0.002 };
}
