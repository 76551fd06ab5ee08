import type { Box } from "./box.js";
import type { Context } from "./context.js";
import { drawMarker, type MarkerShape } from "./marker.js";
import { INK, withAlpha } from "./palette.js";
import { drawText, textWidth } from "./text.js";

/** What a legend entry shows before its label; several swatches are drawn over each other. */
export type LegendSwatch =
  | { kind: "line"; color: string; lineWidth?: number; dash?: readonly number[] }
  | { kind: "marker"; color: string; shape: MarkerShape }
  | { kind: "band"; color: string; alpha?: number }
  | { kind: "tick"; color: string };

export interface LegendItem {
  label: string;
  swatches: readonly LegendSwatch[];
}

export interface LegendOptions {
  fontSize?: number;
  /** Height of one entry in layout pixels. Default fontSize + 6. */
  rowHeight?: number;
  /** Width of the swatch column in layout pixels. Default 24. */
  swatchWidth?: number;
  /** A white, faintly framed box behind the entries (over data). Default true. */
  framed?: boolean;
  /** Entries side by side in one row instead of stacked. Default false. */
  horizontal?: boolean;
}

const DEFAULTS = { fontSize: 10, swatchWidth: 24, gap: 6, padding: 6, spacing: 16 };

/** The size in layout pixels a legend takes, frame included. */
export function legendSize(
  ctx: Context,
  items: readonly LegendItem[],
  options: LegendOptions = {},
): { width: number; height: number } {
  const fontSize = options.fontSize ?? DEFAULTS.fontSize;
  const rowHeight = options.rowHeight ?? fontSize + 6;
  const swatch = options.swatchWidth ?? DEFAULTS.swatchWidth;
  const pad = options.framed === false ? 0 : DEFAULTS.padding;
  const widths = items.map((item) => swatch + DEFAULTS.gap + textWidth(ctx, item.label, fontSize));
  if (options.horizontal) {
    const width =
      widths.reduce((sum, w) => sum + w, 0) + DEFAULTS.spacing * Math.max(0, items.length - 1);
    return { width: width + 2 * pad, height: rowHeight + 2 * pad };
  }
  return {
    width: Math.max(0, ...widths) + 2 * pad,
    height: rowHeight * items.length + 2 * pad,
  };
}

/**
 * A legend with its top-left corner at (x, y) in layout pixels: one entry per item, its swatches
 * then its label. Returns the box it took.
 */
export function drawLegend(
  ctx: Context,
  x: number,
  y: number,
  items: readonly LegendItem[],
  options: LegendOptions = {},
): Box {
  const fontSize = options.fontSize ?? DEFAULTS.fontSize;
  const rowHeight = options.rowHeight ?? fontSize + 6;
  const swatch = options.swatchWidth ?? DEFAULTS.swatchWidth;
  const framed = options.framed !== false;
  const pad = framed ? DEFAULTS.padding : 0;
  const size = legendSize(ctx, items, options);
  if (framed) {
    ctx.save();
    ctx.fillStyle = withAlpha(INK.background, 0.92);
    ctx.strokeStyle = INK.faint;
    ctx.lineWidth = 0.8;
    ctx.beginPath();
    ctx.rect(x + 0.5, y + 0.5, size.width - 1, size.height - 1);
    ctx.fill();
    ctx.stroke();
    ctx.restore();
  }
  let cx = x + pad;
  let cy = y + pad;
  for (const item of items) {
    const middle = cy + rowHeight / 2;
    for (const s of item.swatches) drawSwatch(ctx, cx, middle, swatch, rowHeight, s);
    drawText(ctx, item.label, cx + swatch + DEFAULTS.gap, middle, {
      size: fontSize,
      baseline: "middle",
      color: INK.text,
    });
    if (options.horizontal) {
      cx += swatch + DEFAULTS.gap + textWidth(ctx, item.label, fontSize) + DEFAULTS.spacing;
    } else cy += rowHeight;
  }
  return { x, y, width: size.width, height: size.height };
}

function drawSwatch(
  ctx: Context,
  x: number,
  middle: number,
  width: number,
  rowHeight: number,
  s: LegendSwatch,
) {
  ctx.save();
  switch (s.kind) {
    case "line":
      ctx.strokeStyle = s.color;
      ctx.lineWidth = s.lineWidth ?? 1.5;
      ctx.setLineDash([...(s.dash ?? [])]);
      ctx.beginPath();
      ctx.moveTo(x, middle);
      ctx.lineTo(x + width, middle);
      ctx.stroke();
      break;
    case "band": {
      const h = Math.min(10, rowHeight - 4);
      ctx.fillStyle = withAlpha(s.color, s.alpha ?? 0.35);
      ctx.fillRect(x, middle - h / 2, width, h);
      break;
    }
    case "marker":
      drawMarker(ctx, x + width / 2, middle, { shape: s.shape, color: s.color });
      break;
    case "tick": {
      const h = Math.min(11, rowHeight - 3);
      ctx.strokeStyle = s.color;
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      for (const dx of [0.3, 0.5, 0.7]) {
        ctx.moveTo(x + width * dx, middle - h / 2);
        ctx.lineTo(x + width * dx, middle + h / 2);
      }
      ctx.stroke();
      break;
    }
  }
  ctx.restore();
}

/**
 * Where a legend of `size` covers the fewest of `points` (layout pixels, e.g. markers and
 * samples along the lines): the top-left corner of the box inside `plot`, `margin` from its
 * edges. Ties go to the first corner in the order top-left, top-right, bottom-right, bottom-left.
 */
export function legendCorner(
  plot: Box,
  size: { width: number; height: number },
  points: readonly (readonly [number, number])[],
  margin = 6,
): { x: number; y: number } {
  const left = plot.x + margin;
  const right = plot.x + plot.width - margin - size.width;
  const top = plot.y + margin;
  const bottom = plot.y + plot.height - margin - size.height;
  const corners = [
    { x: left, y: top },
    { x: right, y: top },
    { x: right, y: bottom },
    { x: left, y: bottom },
  ];
  // A point counts if its marker (about 5 px) would touch the legend.
  const pad = 5;
  let best = corners[0];
  let fewest = Number.POSITIVE_INFINITY;
  for (const corner of corners) {
    let covered = 0;
    for (const [px, py] of points) {
      if (
        px >= corner.x - pad &&
        px <= corner.x + size.width + pad &&
        py >= corner.y - pad &&
        py <= corner.y + size.height + pad
      ) {
        covered++;
      }
    }
    if (covered < fewest) {
      fewest = covered;
      best = corner;
    }
  }
  return best;
}

/** Points every `stepPx` layout pixels along a polyline, its vertices included. */
export function samplePolyline(
  vertices: readonly (readonly [number, number])[],
  stepPx = 4,
): [number, number][] {
  const out: [number, number][] = [];
  for (let k = 0; k < vertices.length; k++) {
    const [x1, y1] = vertices[k];
    out.push([x1, y1]);
    if (k + 1 >= vertices.length) break;
    const [x2, y2] = vertices[k + 1];
    const steps = Math.floor(Math.hypot(x2 - x1, y2 - y1) / stepPx);
    for (let s = 1; s < steps; s++) {
      out.push([x1 + ((x2 - x1) * s) / steps, y1 + ((y2 - y1) * s) / steps]);
    }
  }
  return out;
}
