import { describe, expect, it } from "vitest";
import { hzBand } from "../../tests/helpers/bands.js";
import { CANONICAL_NEURON } from "../protocol/canonical.js";
import type { Band } from "./band.js";
import { type FiPoint, fiHint } from "./neuron-fi.js";

describe("f-I hints", () => {
  const bands: Record<number, Band> = {
    100: hzBand(0, 0),
    150: hzBand(12.99, 13.37),
    300: hzBand(37.05, 39.02),
    500: hzBand(62.5, 65.91),
  };
  const points = (rates: Record<number, number>): FiPoint[] =>
    Object.entries(rates).map(([pa, rateHz]) => ({
      currentPa: Number(pa),
      rateHz,
      band: bands[Number(pa)],
      spikeTimesMs: rateHz > 0 ? [600, 700] : [],
    }));

  it("tell each typical bug by its f-I curve", () => {
    const hint = (rates: Record<number, number>) => fiHint(points(rates), CANONICAL_NEURON);
    expect(hint({ 100: 400, 150: 400, 300: 400, 500: 400 })).toMatch(/multiplied by 1e-3/);
    expect(hint({ 100: 0, 150: 400, 300: 450, 500: 480 })).toMatch(/is V reset to resetMv/);
    expect(hint({ 100: 0, 150: 0, 300: 0, 500: 0 })).toMatch(/never fires/);
    expect(hint({ 100: 0, 150: 13.4, 300: 41.7, 500: 74.1 })).toMatch(
      /held at resetMv for refractoryMs/,
    );
    expect(hint({ 100: 5, 150: 13, 300: 38, 500: 64 })).toMatch(/below the rheobase/);
    const seconds = points({ 100: 0, 150: 0, 300: 0, 500: 0 }).map((p) => ({
      ...p,
      spikeTimesMs: [0.08, 0.16],
    }));
    expect(fiHint(seconds, CANONICAL_NEURON)).toMatch(/are they in seconds\?/);
  });
});
