import { type Canvas, createCanvas } from "@napi-rs/canvas";
import type { Context } from "./context.js";
import { registerFonts } from "./font.js";
import { INK } from "./palette.js";
import { encodeRgbaPng } from "./png.js";

export interface FigureCanvas {
  canvas: Canvas;
  ctx: Context;
  /** Layout size (layout pixels); the PNG is `scale` times larger. */
  width: number;
  height: number;
  scale: number;
}

/**
 * A canvas for a figure laid out in width x height layout pixels and rendered at `scale` device
 * pixels per layout pixel, on a white background, with the figure font registered.
 */
export function createFigureCanvas(width: number, height: number, scale = 2): FigureCanvas {
  registerFonts();
  const canvas = createCanvas(Math.round(width * scale), Math.round(height * scale));
  const ctx = canvas.getContext("2d");
  ctx.scale(scale, scale);
  ctx.fillStyle = INK.background;
  ctx.fillRect(0, 0, width, height);
  return { canvas, ctx, width, height, scale };
}

/** The canvas's pixels (RGBA, not premultiplied), the size of the PNG. */
export function canvasPixels(figure: FigureCanvas): {
  width: number;
  height: number;
  data: Uint8ClampedArray;
} {
  const { width, height } = figure.canvas;
  return figure.ctx.getImageData(0, 0, width, height);
}

/**
 * The canvas as PNG bytes, encoded fast (./png.ts): the report's figures, drawn for every team.
 * No timestamp or other varying metadata: same pixels, same bytes.
 */
export function encodePng(figure: FigureCanvas): Buffer {
  const pixels = canvasPixels(figure);
  return encodeRgbaPng(pixels.width, pixels.height, pixels.data);
}

/**
 * The canvas as PNG bytes by Skia's encoder: some 10% smaller and six times slower than
 * encodePng. For the committed reference/figure1.png, drawn once and reproduced byte for byte.
 */
export function encodePngSmallest(figure: FigureCanvas): Buffer {
  return figure.canvas.toBuffer("image/png");
}
