import { describe, expect, it } from "vitest";
import { isNonFiniteMarker, nonFiniteValue } from "./non-finite.js";

describe("non-finite markers", () => {
  it("recognises exactly the three markers", () => {
    expect(isNonFiniteMarker({ $nonFinite: "NaN" })).toBe(true);
    expect(isNonFiniteMarker({ $nonFinite: "-Infinity" })).toBe(true);
    expect(isNonFiniteMarker({ $nonFinite: "nan" })).toBe(false);
    expect(isNonFiniteMarker({ $nonFinite: "NaN", x: 1 })).toBe(false);
    expect(isNonFiniteMarker([{ $nonFinite: "NaN" }])).toBe(false);
    expect(isNonFiniteMarker(null)).toBe(false);
  });

  it("gives back the number", () => {
    expect(nonFiniteValue({ $nonFinite: "NaN" })).toBeNaN();
    expect(nonFiniteValue({ $nonFinite: "Infinity" })).toBe(Number.POSITIVE_INFINITY);
    expect(nonFiniteValue({ $nonFinite: "-Infinity" })).toBe(Number.NEGATIVE_INFINITY);
  });
});
