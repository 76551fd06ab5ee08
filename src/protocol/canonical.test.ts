import { describe, expect, it } from "vitest";
import { sampleCount } from "./canonical.js";

describe("sampleCount", () => {
  it("is round(durationMs / dtMs), robust to binary fractions", () => {
    expect(sampleCount(1000, 0.5)).toBe(2000);
    expect(sampleCount(1000, 0.1)).toBe(10000);
    expect(sampleCount(1000, 0.3)).toBe(3333);
  });
});
