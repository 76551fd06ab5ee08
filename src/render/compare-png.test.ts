import { describe, expect, it } from "vitest";
import { createFigureCanvas, encodePng } from "./canvas.js";
import { comparePng } from "./compare-png.js";

function square(x: number, size = 40, width = 100): Buffer {
  const figure = createFigureCanvas(width, 50, 1);
  figure.ctx.fillStyle = "#000000";
  figure.ctx.fillRect(x, 5, size, size);
  return encodePng(figure);
}

describe("comparePng", () => {
  it("finds no difference between an image and itself", () => {
    const result = comparePng(square(10), square(10));
    expect(result).toMatchObject({ width: 100, height: 50, mismatchedPixels: 0, ratio: 0 });
  });
  it("counts the pixels a shape left and entered", () => {
    // A 40 x 40 square moved 5 px right: a 5 x 40 strip left, another entered.
    const result = comparePng(square(10), square(15));
    expect(result.mismatchedPixels).toBe(400);
    expect(result.ratio).toBeCloseTo(400 / 5000, 12);
    const diff = comparePng(result.diffPng, result.diffPng);
    expect(diff.width).toBe(100);
  });
  it("refuses images of different sizes, naming both", () => {
    expect(() => comparePng(square(10), square(10, 40, 120))).toThrow(/100x50.*120x50/);
  });
});
