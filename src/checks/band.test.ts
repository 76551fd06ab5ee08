import { describe, expect, it } from "vitest";
import { hzBand } from "../../tests/helpers/bands.js";
import { atLeastLow, atMostHigh, inBand, storedRounding } from "./band.js";

describe("bands", () => {
  it("widen each stored edge by half a unit of its 6th significant digit, no more", () => {
    expect(storedRounding(10.3093)).toBeCloseTo(0.00005, 12);
    expect(storedRounding(0.492486)).toBeCloseTo(0.0000005, 14);
    expect(storedRounding(0)).toBe(0);
    const b = hzBand(10.3093, 10.5108);
    expect(inBand(1000 / 97, b)).toBe(true); // 10.309278..., stored rounded up as 10.3093
    expect(inBand(10.30924, b)).toBe(false);
    expect(inBand(10.51084, b)).toBe(true);
    expect(inBand(10.5109, b)).toBe(false);
    expect(inBand(Number.NaN, b)).toBe(false);
  });

  it("open ends accept anything on that side", () => {
    const atMost = { ...hzBand(0, 1), low: undefined };
    expect(atLeastLow(-5, atMost)).toBe(true);
    expect(atMostHigh(1.1, atMost)).toBe(false);
  });
});
