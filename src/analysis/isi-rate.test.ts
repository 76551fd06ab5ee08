import { describe, expect, it } from "vitest";
import { isiRateHz } from "./isi-rate.js";

describe("isiRateHz", () => {
  it("is the inverse of the mean interval, pooled over trials", () => {
    // intervals 100, 100 (trial 0) and 50 (trial 1): 3 intervals over 250 ms -> 12 Hz
    expect(
      isiRateHz(
        [
          [100, 200, 300],
          [400, 450],
        ],
        { startMs: 0, endMs: 1000 },
      ),
    ).toBeCloseTo(12, 12);
  });
  it("only counts spikes inside the window and is 0 without two spikes", () => {
    expect(isiRateHz([[10, 60, 110]], { startMs: 50, endMs: 100 })).toBe(0);
    expect(isiRateHz([[10, 60, 80, 110]], { startMs: 50, endMs: 100 })).toBeCloseTo(50, 12);
    expect(isiRateHz([], { startMs: 0, endMs: 100 })).toBe(0);
    expect(isiRateHz([[]], { startMs: 0, endMs: 100 })).toBe(0);
  });
});
