import type { Context } from "./context.js";
import { type FontWeight, fontSpec, safeText } from "./font.js";
import { INK } from "./palette.js";

export interface TextStyle {
  /** Font size in layout pixels. */
  size?: number;
  weight?: FontWeight;
  color?: string;
  align?: "left" | "center" | "right";
  baseline?: "top" | "middle" | "alphabetic" | "bottom";
  /** Rotation in radians about (x, y); -Math.PI / 2 reads bottom to top. */
  rotate?: number;
}

/** Draws one line of text at (x, y) in the figure font (never a system font). */
export function drawText(ctx: Context, text: string, x: number, y: number, style: TextStyle = {}) {
  ctx.save();
  ctx.font = fontSpec(style.size ?? 11, style.weight ?? 400);
  ctx.fillStyle = style.color ?? INK.text;
  ctx.textAlign = style.align ?? "left";
  ctx.textBaseline = style.baseline ?? "alphabetic";
  ctx.translate(x, y);
  if (style.rotate) ctx.rotate(style.rotate);
  ctx.fillText(safeText(text), 0, 0);
  ctx.restore();
}

/** The width in layout pixels of a line of text in the figure font. */
export function textWidth(ctx: Context, text: string, size = 11, weight: FontWeight = 400): number {
  ctx.save();
  ctx.font = fontSpec(size, weight);
  const width = ctx.measureText(safeText(text)).width;
  ctx.restore();
  return width;
}
