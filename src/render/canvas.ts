import { type Canvas, createCanvas } from "@napi-rs/canvas";
import type { Context } from "./context.js";
import { registerFonts } from "./font.js";
import { INK } from "./palette.js";

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

/** The canvas as PNG bytes (no timestamp or other varying metadata: same pixels, same bytes). */
export function encodePng(figure: FigureCanvas): Buffer {
  return figure.canvas.toBuffer("image/png");
}

/**
 * The canvas as PNG bytes, encoded on libuv's thread pool: figures encoded together take the
 * cores there are (the same bytes as encodePng).
 */
export function encodePngAsync(figure: FigureCanvas): Promise<Buffer> {
  return figure.canvas.encode("png");
}
