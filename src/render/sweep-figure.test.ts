import { PNG } from "pngjs";
import { describe, expect, test } from "vitest";
import { viridis } from "./colormap.js";
import { INK } from "./palette.js";
import { cellEdges, renderSweepFigure, type SweepFigureData } from "./sweep-figure.js";

describe("cellEdges", () => {
  test("cells centred on the values: midway between neighbours, half a step out at the ends", () => {
    expect(cellEdges([0, 100, 200])).toEqual([-50, 50, 150, 250]);
    expect(cellEdges([1, 3, 7])).toEqual([0, 2, 5, 9]);
  });

  test("a single value gets a cell one unit wide", () => {
    expect(cellEdges([3])).toEqual([2.5, 3.5]);
  });
});

/** How many pixels of the image have exactly the colour "#RRGGBB". */
function pixelsOf(png: Buffer, hex: string): number {
  const image = PNG.sync.read(png);
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  let count = 0;
  for (let k = 0; k < image.data.length; k += 4) {
    if (image.data[k] === r && image.data[k + 1] === g && image.data[k + 2] === b) count++;
  }
  return count;
}

const grid = (value: number | null) => [
  [value, value],
  [value, value],
];

function figure(reliability: (number | null)[][]): SweepFigureData {
  return {
    title: "t",
    subtitle: "s",
    x: { label: "Correlation time (ms)", values: [1, 30] },
    y: { label: "Input SD (pA)", values: [0, 200] },
    rows: [
      {
        label: "Reference",
        cells: { reliability, rcorr: grid(null), precisionMs: grid(null), rateHz: grid(null) },
      },
    ],
  };
}

describe("renderSweepFigure", () => {
  // At scale 1 each map is 210 x 210 layout pixels, a cell 105 x 105: its colour fills about 11000
  // pixels exactly (the colour bar's 64 bands never take the ends' exact colours).
  test("a cell's colour is viridis of its value on the column's scale: 0 dark, 1 light", async () => {
    const png = renderSweepFigure(
      figure([
        [0, 1],
        [1, 1],
      ]),
      { scale: 1 },
    );
    expect(pixelsOf(png, viridis(0))).toBeGreaterThan(10_000);
    expect(pixelsOf(png, viridis(0))).toBeLessThan(12_500);
    expect(pixelsOf(png, viridis(1))).toBeGreaterThan(3 * 10_000);
  });

  test("a cell without a value is grey, in no colour of the map", async () => {
    const png = renderSweepFigure(
      figure([
        [null, 1],
        [1, 1],
      ]),
      { scale: 1 },
    );
    expect(pixelsOf(png, viridis(0))).toBe(0);
    expect(pixelsOf(png, INK.faint)).toBeGreaterThan(4 * 4000);
  });

  test("cells that do not match the axes are refused, not drawn wrong", () => {
    expect(() => renderSweepFigure(figure([[1, 1]]))).toThrow(
      "Reference's reliability is not 2 rows of 2 cells",
    );
  });
});
