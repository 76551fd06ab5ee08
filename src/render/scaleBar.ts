import type { Context } from "./context.js";
import { INK } from "./palette.js";
import type { LinearScale } from "./scale.js";
import { drawText } from "./text.js";

export interface ScaleBarOptions {
  /** Horizontal bar: its length in the x scale's unit and its label, e.g. 100 and "100 ms". */
  x?: { scale: LinearScale; length: number; label: string };
  /** Vertical bar: its length in the y scale's unit and its label, e.g. 20 and "20 mV". */
  y?: { scale: LinearScale; length: number; label: string };
  lineWidth?: number;
  fontSize?: number;
  color?: string;
}

/** The length in layout pixels that `length` data units span on a scale. */
export function scaleLength(scale: LinearScale, length: number): number {
  return Math.abs(scale(scale.domain[0] + length) - scale(scale.domain[0]));
}

/**
 * The L-shaped scale bar of physiology figures, its corner at (cornerX, cornerY) in layout
 * pixels: the horizontal bar runs left from the corner with its label under it, the vertical bar
 * runs up from the corner with its label to its right.
 */
export function drawScaleBar(
  ctx: Context,
  cornerX: number,
  cornerY: number,
  options: ScaleBarOptions,
) {
  const color = options.color ?? INK.text;
  const fontSize = options.fontSize ?? 10;
  const dx = options.x ? scaleLength(options.x.scale, options.x.length) : 0;
  const dy = options.y ? scaleLength(options.y.scale, options.y.length) : 0;

  ctx.save();
  ctx.strokeStyle = color;
  ctx.lineWidth = options.lineWidth ?? 1.5;
  ctx.lineCap = "butt";
  ctx.lineJoin = "miter";
  ctx.beginPath();
  ctx.moveTo(cornerX - dx, cornerY);
  ctx.lineTo(cornerX, cornerY);
  ctx.lineTo(cornerX, cornerY - dy);
  ctx.stroke();
  ctx.restore();

  if (options.x) {
    drawText(ctx, options.x.label, cornerX - dx / 2, cornerY + 3, {
      size: fontSize,
      align: "center",
      baseline: "top",
      color,
    });
  }
  if (options.y) {
    drawText(ctx, options.y.label, cornerX + 4, cornerY - dy / 2, {
      size: fontSize,
      align: "left",
      baseline: "middle",
      color,
    });
  }
}
