import type { Context } from "./context.js";
import { INK } from "./palette.js";

/**
 * Point markers of the line plots. Shapes differ as well as colours, so a reader who cannot tell
 * the colours apart (or prints in grey) still tells a point inside the accepted range from one
 * outside it.
 */
export type MarkerShape = "circle" | "ring" | "diamond" | "square" | "cross" | "triangleUp";

export interface MarkerStyle {
  shape: MarkerShape;
  color: string;
  /** Half the marker's width in layout pixels. Default 3.5. */
  radius?: number;
  /** Stroke width of rings and crosses in layout pixels. Default 1.4. */
  lineWidth?: number;
}

/** Draws one marker centred on (x, y) in layout pixels. */
export function drawMarker(ctx: Context, x: number, y: number, style: MarkerStyle) {
  const r = style.radius ?? 3.5;
  ctx.save();
  ctx.fillStyle = style.color;
  ctx.strokeStyle = style.color;
  ctx.lineWidth = style.lineWidth ?? 1.4;
  ctx.lineJoin = "miter";
  ctx.beginPath();
  switch (style.shape) {
    case "circle":
      ctx.arc(x, y, r, 0, 2 * Math.PI);
      ctx.fill();
      // A white rim keeps overlapping markers and lines apart.
      ctx.strokeStyle = INK.background;
      ctx.lineWidth = 0.8;
      ctx.stroke();
      break;
    case "ring":
      ctx.arc(x, y, r - 0.5, 0, 2 * Math.PI);
      ctx.fillStyle = INK.background;
      ctx.fill();
      ctx.stroke();
      break;
    case "diamond": {
      const d = r * 1.3;
      ctx.moveTo(x, y - d);
      ctx.lineTo(x + d, y);
      ctx.lineTo(x, y + d);
      ctx.lineTo(x - d, y);
      ctx.closePath();
      ctx.fill();
      ctx.strokeStyle = INK.background;
      ctx.lineWidth = 0.8;
      ctx.stroke();
      break;
    }
    case "square":
      ctx.rect(x - r, y - r, 2 * r, 2 * r);
      ctx.fill();
      break;
    case "cross":
      ctx.moveTo(x - r, y - r);
      ctx.lineTo(x + r, y + r);
      ctx.moveTo(x - r, y + r);
      ctx.lineTo(x + r, y - r);
      ctx.stroke();
      break;
    case "triangleUp":
      ctx.moveTo(x, y - r * 1.2);
      ctx.lineTo(x + r * 1.1, y + r * 0.8);
      ctx.lineTo(x - r * 1.1, y + r * 0.8);
      ctx.closePath();
      ctx.fill();
      break;
  }
  ctx.restore();
}
