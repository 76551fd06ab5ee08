import { describe, expect, it } from "vitest";
import { insetBox, splitColumns, splitRows } from "./box.js";

describe("layout boxes", () => {
  it("splitRows gives fixed rows their height and shares the rest by weight", () => {
    const rows = splitRows(
      { x: 0, y: 10, width: 50, height: 120 },
      [{ px: 20 }, { weight: 3 }, { weight: 1 }],
      10,
    );
    // 120 - 20 fixed - 2 gaps of 10 = 80 shared 3:1.
    expect(rows).toEqual([
      { x: 0, y: 10, width: 50, height: 20 },
      { x: 0, y: 40, width: 50, height: 60 },
      { x: 0, y: 110, width: 50, height: 20 },
    ]);
  });
  it("splitColumns works along x", () => {
    const [a, b] = splitColumns(
      { x: 5, y: 0, width: 100, height: 10 },
      [{ weight: 1 }, { weight: 1 }],
      20,
    );
    expect(a).toEqual({ x: 5, y: 0, width: 40, height: 10 });
    expect(b).toEqual({ x: 65, y: 0, width: 40, height: 10 });
  });
  it("insetBox never goes negative", () => {
    expect(insetBox({ x: 0, y: 0, width: 10, height: 10 }, { left: 8, right: 8, top: 2 })).toEqual({
      x: 8,
      y: 2,
      width: 0,
      height: 8,
    });
  });
});
