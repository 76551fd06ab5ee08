import { describe, expect, test } from "vitest";
import { viridis } from "./colormap.js";

describe("viridis", () => {
  test("its ends and middle are the map's own colours", () => {
    expect(viridis(0)).toBe("#440154");
    expect(viridis(0.5)).toBe("#21918C");
    expect(viridis(1)).toBe("#FDE725");
  });

  test("halfway between two stops is their mean: 1/16 lies between #440154 and #472D7B", () => {
    // (0x44 + 0x47) / 2 = 69.5 -> 70 = 0x46; (0x01 + 0x2d) / 2 = 0x17; (0x54 + 0x7b) / 2 = 103.5 -> 0x68
    expect(viridis(1 / 16)).toBe("#461768");
  });

  test("outside [0, 1] it clamps, and a value that is not a number takes the low end", () => {
    expect(viridis(-3)).toBe("#440154");
    expect(viridis(7)).toBe("#FDE725");
    expect(viridis(Number.NaN)).toBe("#440154");
  });
});
