import { describe, expect, it } from "vitest";
import { sameTrain } from "./neuron-noise.js";

describe("neuron.noise", () => {
  it("sameTrain compares spike trains within its tolerance", () => {
    expect(sameTrain([1, 2], [1, 2 + 1e-7])).toBe(true);
    expect(sameTrain([1, 2], [1, 2.001])).toBe(false);
    expect(sameTrain([1], [1, 2])).toBe(false);
  });
});
