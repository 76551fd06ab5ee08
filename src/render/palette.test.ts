import { describe, expect, it } from "vitest";
import { rampColor, withAlpha } from "./palette.js";

describe("palette", () => {
  it("rampColor runs from the first colour to the last", () => {
    expect(rampColor("#000000", "#FF8040", 0, 3)).toBe("#000000");
    expect(rampColor("#000000", "#FF8040", 1, 3)).toBe("#804020");
    expect(rampColor("#000000", "#FF8040", 2, 3)).toBe("#FF8040");
    expect(rampColor("#102030", "#FFFFFF", 0, 1)).toBe("#102030");
  });
  it("withAlpha writes rgba and clamps the opacity", () => {
    expect(withAlpha("#0072B2", 0.5)).toBe("rgba(0, 114, 178, 0.5)");
    expect(withAlpha("#FFFFFF", 2)).toBe("rgba(255, 255, 255, 1)");
  });
});
