import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Band, inBand, STORED_DIGITS } from "./band.js";
import { formatBand, formatMeasured, roundEdge } from "./band-text.js";

function band(low: number | undefined, high: number | undefined): Band {
  return { name: "test", low, high, unit: "Hz", description: "test", falseRejectProbability: 0 };
}

describe("formatBand", () => {
  it("prints both ends, one end, or a single value, in the measure's unit", () => {
    expect(formatBand({ low: 62.5, high: 65.9135, unit: "Hz" })).toBe("62.5-65.91 Hz");
    expect(formatBand({ high: 0.492018, unit: "1" })).toBe("at most 0.492");
    expect(formatBand({ low: 0.632, unit: "" })).toBe("at least 0.632");
    expect(formatBand({ low: 0, high: 0, unit: "Hz" })).toBe("0 Hz");
    expect(formatBand({ low: -0.25, high: 0.25, unit: "ms" })).toBe("-0.25-0.25 ms");
  });

  it("rounds to the nearest, and an edge stored exactly between two printed values outward", () => {
    // 12.985 lies between 12.98 and 12.99 (its double a hair below): the top prints up.
    expect(formatBand({ low: 12.9853, high: 12.985, unit: "Hz" })).toBe("12.99-12.99 Hz");
    // 13.365's double is a hair above, so toPrecision alone would print 13.37: the low end
    // prints down, or a value of 13.36499 that passes would read as outside.
    expect(formatBand({ low: 13.365, unit: "Hz" })).toBe("at least 13.36 Hz");
    expect(formatMeasured(13.36499)).toBe("13.36");
    expect(roundEdge(12.985, "down")).toBe(12.98);
    expect(roundEdge(12.985, "up")).toBe(12.99);
    expect(roundEdge(-12.985, "down")).toBe(-12.99);
    expect(roundEdge(9.9995, "up")).toBe(10);
    expect(roundEdge(9.99949, "up")).toBe(9.999);
  });
});

describe("formatMeasured beside formatBand", () => {
  /** A number as tolerances.json stores it: 6 significant digits. */
  const stored = fc
    .tuple(fc.integer({ min: 100_000, max: 999_999 }), fc.integer({ min: -4, max: 4 }))
    .map(([digits, exponent]) =>
      Number((digits * 10 ** (exponent - 5)).toPrecision(STORED_DIGITS)),
    );

  it("never prints a value the check passed outside the printed band", () => {
    fc.assert(
      fc.property(
        stored,
        stored,
        fc.double({ min: -0.001, max: 1.001, noNaN: true }),
        (a, b, t) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          // Values across the band and just beyond its edges, where the stored rounding decides.
          const value = low + t * (high - low);
          const b2 = band(low, high);
          fc.pre(inBand(value, b2));
          const shown = Number(formatMeasured(value));
          expect(shown).toBeGreaterThanOrEqual(roundEdge(low, "down"));
          expect(shown).toBeLessThanOrEqual(roundEdge(high, "up"));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("holds at the very edges the check accepts", () => {
    fc.assert(
      fc.property(stored, (edge) => {
        const margin = 0.5 * 10 ** (Math.floor(Math.log10(edge)) - (STORED_DIGITS - 1));
        for (const value of [edge + margin * 0.999, edge, edge - margin * 0.999]) {
          if (inBand(value, band(undefined, edge))) {
            expect(Number(formatMeasured(value))).toBeLessThanOrEqual(roundEdge(edge, "up"));
          }
          if (inBand(value, band(edge, undefined))) {
            expect(Number(formatMeasured(value))).toBeGreaterThanOrEqual(roundEdge(edge, "down"));
          }
        }
      }),
      { numRuns: 2000 },
    );
  });
});
