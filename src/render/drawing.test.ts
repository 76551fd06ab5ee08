import { describe, expect, it } from "vitest";
import { drawAxisBottom } from "./axis.js";
import { createFigureCanvas } from "./canvas.js";
import { drawRaster } from "./raster.js";
import { linearScale } from "./scale.js";
import { drawTraces } from "./trace.js";

/** Darkness (0 white .. 255 black) of the red channel of one device pixel. */
function ink(figure: ReturnType<typeof createFigureCanvas>, x: number, y: number): number {
  return 255 - figure.ctx.getImageData(x, y, 1, 1).data[0];
}

describe("drawing primitives (scale 1: one layout pixel is one device pixel)", () => {
  it("drawRaster puts trial k's spike at its time in row k", () => {
    const figure = createFigureCanvas(200, 100, 1);
    const time = linearScale([0, 100], [0, 200]);
    const plot = { x: 0, y: 0, width: 200, height: 100 };
    drawRaster(figure.ctx, plot, time, [[10], [], [75]], { lineWidth: 2, rows: 4 });
    // Rows are 25 px tall; row 0 centred at 12.5, row 2 at 62.5.
    expect(ink(figure, 20, 12)).toBeGreaterThan(200);
    expect(ink(figure, 150, 62)).toBeGreaterThan(200);
    expect(ink(figure, 20, 62)).toBe(0);
    expect(ink(figure, 150, 37)).toBe(0);
  });

  it("drawTraces clips to the plot box", () => {
    const figure = createFigureCanvas(100, 100, 1);
    const time = linearScale([0, 10], [0, 100]);
    const y = linearScale([0, 1], [80, 20]);
    const plot = { x: 0, y: 20, width: 100, height: 60 };
    drawTraces(figure.ctx, plot, time, y, [{ values: [0.5, 0.5, 0.5, 2, 2, 2], dtMs: 2 }], {
      color: "#000000",
      lineWidth: 2,
    });
    expect(ink(figure, 10, 50)).toBeGreaterThan(200); // y = 0.5 at 50 px
    expect(ink(figure, 90, 5)).toBe(0); // y = 2 would be at -40 px: clipped away
  });

  it("drawAxisBottom draws its line under the plot, from the first tick to the last", () => {
    const figure = createFigureCanvas(200, 60, 1);
    const plot = { x: 20, y: 0, width: 160, height: 20 };
    const time = linearScale([0, 1000], [20, 180]);
    drawAxisBottom(figure.ctx, plot, time, { ticks: [200, 800], offset: 5, lineWidth: 2 });
    expect(ink(figure, 100, 25)).toBeGreaterThan(150);
    expect(ink(figure, 30, 25)).toBe(0); // before the first tick (200 ms at 52 px)
  });
});
