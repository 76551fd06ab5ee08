import { describe, expect, it } from "vitest";
import { firstDifference } from "./stimulus-frozen.js";

describe("stimulus.frozen", () => {
  it("firstDifference finds the first sample beyond the tolerance", () => {
    expect(firstDifference([1, 2, 3], [1, 2, 3], 0)).toBeUndefined();
    expect(firstDifference([1, 2, 3], [1, 2.5, 3], 0.1)).toBe(1);
    expect(firstDifference([1, 2], [1, 2, 3], 0.1)).toBe(2);
  });
});
