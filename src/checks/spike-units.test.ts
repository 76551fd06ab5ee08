import { describe, expect, it } from "vitest";
import { secondsHint } from "./spike-units.js";

describe("spike units", () => {
  it("secondsHint: only when every spike lies within the first durationMs / 1000 ms", () => {
    expect(secondsHint([[0.1, 0.5], []], 1000)).toMatch(/at most 1: are they in seconds/);
    expect(secondsHint([[0.1, 5]], 1000)).toBe("");
    expect(secondsHint([[], []], 1000)).toBe("");
  });
});
