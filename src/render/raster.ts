import type { Box } from "./box.js";
import type { Context, Series } from "./context.js";
import { INK } from "./palette.js";
import type { LinearScale } from "./scale.js";

export interface RasterStyle {
  color?: string;
  /** Tick width in layout pixels. */
  lineWidth?: number;
  /** Fraction of a row's height each tick fills (the rest separates the rows). */
  fill?: number;
  /**
   * Rows the raster is laid out for (default: the number of trains); more rows than trains
   * leaves the bottom rows empty, so two rasters with different trial counts share one scale.
   */
  rows?: number;
}

/** The vertical centre (layout pixels) of row `row` of `rows` in `plot`, row 0 at the top. */
function rasterRowY(plot: Box, row: number, rows: number): number {
  return plot.y + ((row + 0.5) * plot.height) / Math.max(1, rows);
}

/**
 * A spike raster: one row per trial (trial 1 at the top), one vertical tick per spike time (ms).
 * Spikes outside the x scale's domain are not drawn.
 */
export function drawRaster(
  ctx: Context,
  plot: Box,
  xScale: LinearScale,
  trains: readonly Series[],
  style: RasterStyle = {},
) {
  const rows = Math.max(1, style.rows ?? trains.length);
  const rowHeight = plot.height / rows;
  const half = (rowHeight * (style.fill ?? 0.8)) / 2;
  const [d0, d1] = xScale.domain;
  ctx.save();
  ctx.strokeStyle = style.color ?? INK.text;
  ctx.lineWidth = style.lineWidth ?? 0.8;
  ctx.lineCap = "butt";
  ctx.beginPath();
  trains.forEach((train, row) => {
    if (row >= rows) return;
    const y = rasterRowY(plot, row, rows);
    for (let k = 0; k < train.length; k++) {
      const t = train[k];
      if (!(t >= Math.min(d0, d1) && t <= Math.max(d0, d1))) continue;
      ctx.moveTo(xScale(t), y - half);
      ctx.lineTo(xScale(t), y + half);
    }
  });
  ctx.stroke();
  ctx.restore();
}
