import { drawAxisBottom, drawAxisLeft } from "./axis.js";
import type { Box } from "./box.js";
import { createFigureCanvas, encodePng } from "./canvas.js";
import { viridis } from "./colormap.js";
import type { Context } from "./context.js";
import { INK } from "./palette.js";
import { linearScale, niceDomain, niceTicks } from "./scale.js";
import { drawText, textWidth } from "./text.js";

/**
 * The maps of `spikegrade sweep`: one heatmap per measure (reliability from events, R_corr,
 * precision, firing rate) over two stimulus parameters, a row per source (the reference, and a
 * submission beside it on the same colour scales), each with its colour bar and unit, and the
 * paper's Figure 1B marked.
 */

export type SweepMeasureKey = "reliability" | "rcorr" | "precisionMs" | "rateHz";

/** One source's cells: cells[key][i][j] at y.values[i], x.values[j]; null where there is no value. */
export interface SweepFigureRow {
  label: string;
  cells: Record<SweepMeasureKey, readonly (readonly (number | null)[])[]>;
  /** Said under the row's label (why a submission's map stops short). */
  note?: string;
}

export interface SweepFigureData {
  title: string;
  subtitle: string;
  x: { label: string; values: readonly number[] };
  y: { label: string; values: readonly number[] };
  /** A point marked on every map, and what the legend calls it. */
  mark?: { x: number; y: number; label: string };
  rows: readonly SweepFigureRow[];
}

interface MeasureColumn {
  key: SweepMeasureKey;
  title: string;
  /** The colour bar's label: what the colour measures, with its unit. */
  unit: string;
  /** A fixed colour range; otherwise a nice range over every row's values. */
  domain?: [number, number];
  /** The computed range starts at 0. */
  fromZero?: boolean;
  /**
   * The computed range ends at this quantile of the values: a few outlying cells (the constant
   * current's loose events) would otherwise flatten the rest of the map into one colour. Cells
   * above it take the top colour, and the colour bar ends in a triangle that says so.
   */
  clipQuantile?: number;
}

/** A column's colour range, and whether some cells lie above it. */
interface ColourRange {
  domain: [number, number];
  clipped: boolean;
}

const COLUMNS: readonly MeasureColumn[] = [
  {
    key: "reliability",
    title: "Reliability (events)",
    unit: "fraction of spikes in events",
    domain: [0, 1],
  },
  { key: "rcorr", title: "Reliability (Rcorr)", unit: "Rcorr, Gaussian SD 2 ms", domain: [0, 1] },
  {
    key: "precisionMs",
    title: "Precision",
    unit: "SD of spike times in events (ms)",
    fromZero: true,
    clipQuantile: 0.95,
  },
  { key: "rateHz", title: "Firing rate", unit: "rate (Hz)" },
];

const LAYOUT = {
  map: 210,
  left: 72,
  barGap: 12,
  bar: 10,
  barRight: 66,
  columnGap: 10,
  top: 58,
  rowHead: 44,
  rowFoot: 44,
  legend: 34,
  margin: 16,
};

/** Font sizes in layout pixels: read at a column's width in a paper. */
const FONT = { title: 16, subtitle: 11, heading: 13, tick: 11, label: 11.5, legend: 11.5 };

const COLUMN_WIDTH =
  LAYOUT.left + LAYOUT.map + LAYOUT.barGap + LAYOUT.bar + LAYOUT.barRight + LAYOUT.columnGap;
const ROW_HEIGHT = LAYOUT.rowHead + LAYOUT.map + LAYOUT.rowFoot;

/**
 * The heatmaps as a PNG (scale 2: 2 device pixels per layout pixel), by the fast encoder of
 * ./png.ts: both of a sweep's figures in about 120 ms, where Skia's encoder on the thread pool
 * took about 220 ms for files some 15 % smaller.
 */
export function renderSweepFigure(data: SweepFigureData, options: { scale?: number } = {}): Buffer {
  checkShapes(data);
  const width = 2 * LAYOUT.margin + COLUMNS.length * COLUMN_WIDTH;
  const height = LAYOUT.top + data.rows.length * ROW_HEIGHT + LAYOUT.legend;
  const figure = createFigureCanvas(width, height, options.scale ?? 2);
  const { ctx } = figure;
  drawText(ctx, data.title, LAYOUT.margin, 22, { size: FONT.title, weight: 700 });
  drawText(ctx, data.subtitle, LAYOUT.margin, 42, { size: FONT.subtitle, color: INK.muted });
  const ranges = COLUMNS.map((column) => colourRange(column, data.rows));
  data.rows.forEach((row, r) => {
    const top = LAYOUT.top + r * ROW_HEIGHT;
    const rowLabel = data.rows.length > 1 || row.note ? row.label : "";
    if (rowLabel)
      drawText(ctx, rowLabel, LAYOUT.margin, top + 14, { size: FONT.heading, weight: 700 });
    if (row.note) {
      const after = LAYOUT.margin + textWidth(ctx, rowLabel, FONT.heading, 700) + 12;
      drawText(ctx, row.note, after, top + 14, { size: FONT.subtitle, color: INK.muted });
    }
    COLUMNS.forEach((column, c) => {
      const x0 = LAYOUT.margin + c * COLUMN_WIDTH + LAYOUT.left;
      const plot: Box = { x: x0, y: top + LAYOUT.rowHead, width: LAYOUT.map, height: LAYOUT.map };
      drawText(ctx, column.title, plot.x + plot.width / 2, plot.y - 8, {
        size: FONT.heading,
        weight: 600,
        align: "center",
      });
      drawMap(ctx, plot, data, row.cells[column.key], ranges[c].domain, c === 0);
      drawColourBar(ctx, plot, column, ranges[c]);
    });
  });
  drawLegend(ctx, data, LAYOUT.top + data.rows.length * ROW_HEIGHT + 18);
  return encodePng(figure);
}

/** Every row's grid has one row of cells per y value and one cell per x value. */
function checkShapes(data: SweepFigureData): void {
  for (const row of data.rows) {
    for (const column of COLUMNS) {
      const cells = row.cells[column.key];
      if (
        cells.length !== data.y.values.length ||
        cells.some((r) => r.length !== data.x.values.length)
      ) {
        throw new RangeError(
          `${row.label}'s ${column.key} is not ${data.y.values.length} rows of ${data.x.values.length} cells`,
        );
      }
    }
  }
}

/** The column's colour range: fixed, or nice bounds over every row's finite values. */
function colourRange(column: MeasureColumn, rows: readonly SweepFigureRow[]): ColourRange {
  if (column.domain) return { domain: column.domain, clipped: false };
  const values = rows
    .flatMap((row) => row.cells[column.key].flat())
    .filter((v): v is number => v !== null && Number.isFinite(v))
    .sort((a, b) => a - b);
  if (values.length === 0) return { domain: [0, 1], clipped: false };
  const lo = column.fromZero ? 0 : values[0];
  const hi = values[Math.floor((column.clipQuantile ?? 1) * (values.length - 1))];
  const domain: [number, number] = hi > lo ? niceDomain(lo, hi, 4) : [lo - 0.5, hi + 0.5];
  return { domain, clipped: values[values.length - 1] > domain[1] };
}

/** The edges of the cells centred on sorted values: midway between neighbours, half a step out at the ends. */
export function cellEdges(values: readonly number[]): number[] {
  if (values.length === 1) return [values[0] - 0.5, values[0] + 0.5];
  const edges = [values[0] - (values[1] - values[0]) / 2];
  for (let i = 1; i < values.length; i++) edges.push((values[i - 1] + values[i]) / 2);
  const n = values.length;
  edges.push(values[n - 1] + (values[n - 1] - values[n - 2]) / 2);
  return edges;
}

/** One heatmap with its axes and the marked point. */
function drawMap(
  ctx: Context,
  plot: Box,
  data: SweepFigureData,
  cells: readonly (readonly (number | null)[])[],
  domain: [number, number],
  first: boolean,
): void {
  const xEdges = cellEdges(data.x.values);
  const yEdges = cellEdges(data.y.values);
  const x = linearScale([xEdges[0], xEdges[xEdges.length - 1]], [plot.x, plot.x + plot.width]);
  const y = linearScale([yEdges[0], yEdges[yEdges.length - 1]], [plot.y + plot.height, plot.y]);
  for (let i = 0; i < data.y.values.length; i++) {
    for (let j = 0; j < data.x.values.length; j++) {
      const left = x(xEdges[j]);
      const top = y(yEdges[i + 1]);
      // A hair wider than the cell, so that no white seam shows between neighbours.
      const cell = {
        x: left,
        y: top,
        width: x(xEdges[j + 1]) - left + 0.4,
        height: y(yEdges[i]) - top + 0.4,
      };
      const value = cells[i][j];
      if (value === null || !Number.isFinite(value)) drawMissing(ctx, cell);
      else {
        ctx.fillStyle = viridis((value - domain[0]) / (domain[1] - domain[0]));
        ctx.fillRect(cell.x, cell.y, cell.width, cell.height);
      }
    }
  }
  const axis = { fontSize: FONT.tick, tickCount: 5 };
  drawAxisBottom(ctx, plot, x, { ...axis, ticks: ticksOver(data.x.values), label: data.x.label });
  drawAxisLeft(ctx, plot, y, {
    ...axis,
    ticks: ticksOver(data.y.values),
    label: first ? data.y.label : undefined,
  });
  if (data.mark) drawMark(ctx, plot, x(data.mark.x), y(data.mark.y));
}

/** Nice ticks over the values the grid measured, not over its cells' outer edges. */
function ticksOver(values: readonly number[]): number[] {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return hi > lo ? niceTicks(lo, hi, 5) : [lo];
}

/** A cell without a value: light grey, hatched, never a colour of the map. */
function drawMissing(ctx: Context, cell: Box): void {
  ctx.save();
  ctx.fillStyle = INK.faint;
  ctx.fillRect(cell.x, cell.y, cell.width, cell.height);
  ctx.beginPath();
  ctx.rect(cell.x, cell.y, cell.width, cell.height);
  ctx.clip();
  ctx.strokeStyle = INK.background;
  ctx.lineWidth = 0.8;
  ctx.beginPath();
  for (let d = -cell.height; d < cell.width; d += 4) {
    ctx.moveTo(cell.x + d, cell.y + cell.height);
    ctx.lineTo(cell.x + d + cell.height, cell.y);
  }
  ctx.stroke();
  ctx.restore();
}

/** The paper's point: a white ring in a black one, seen on dark and light cells alike. */
function drawMark(ctx: Context, plot: Box, px: number, py: number): void {
  if (px < plot.x || px > plot.x + plot.width || py < plot.y || py > plot.y + plot.height) return;
  ctx.save();
  for (const [color, width] of [
    ["#000000", 3.2],
    ["#FFFFFF", 1.4],
  ] as const) {
    ctx.strokeStyle = color;
    ctx.lineWidth = width;
    ctx.beginPath();
    ctx.arc(px, py, 5, 0, 2 * Math.PI);
    ctx.stroke();
  }
  ctx.restore();
}

/** A vertical colour bar right of the map, its ticks and its unit. */
function drawColourBar(ctx: Context, plot: Box, column: MeasureColumn, range: ColourRange): void {
  const bar: Box = {
    x: plot.x + plot.width + LAYOUT.barGap,
    y: plot.y,
    width: LAYOUT.bar,
    height: plot.height,
  };
  drawGradient(ctx, bar, range.clipped);
  const { domain } = range;
  const scale = linearScale(domain, [bar.y + bar.height, bar.y]);
  const ticks = niceTicks(domain[0], domain[1], 4);
  ctx.save();
  ctx.strokeStyle = INK.axis;
  ctx.lineWidth = 0.8;
  ctx.beginPath();
  for (const t of ticks) {
    ctx.moveTo(bar.x + bar.width, scale(t));
    ctx.lineTo(bar.x + bar.width + 3, scale(t));
  }
  ctx.stroke();
  ctx.restore();
  const step = ticks.length > 1 ? ticks[1] - ticks[0] : 1;
  const decimals = step >= 1 ? 0 : Math.ceil(-Math.log10(step) - 1e-9);
  for (const t of ticks) {
    drawText(ctx, t.toFixed(decimals), bar.x + bar.width + 5, scale(t), {
      size: FONT.tick,
      baseline: "middle",
      color: INK.axis,
    });
  }
  drawText(ctx, column.unit, bar.x + bar.width + 42, bar.y + bar.height / 2, {
    size: FONT.label,
    align: "center",
    baseline: "middle",
    color: INK.text,
    rotate: -Math.PI / 2,
  });
}

/** The colours, bottom to top; a triangle on top where some cells lie above the range. */
function drawGradient(ctx: Context, bar: Box, clipped: boolean): void {
  const steps = 64;
  for (let k = 0; k < steps; k++) {
    ctx.fillStyle = viridis((k + 0.5) / steps);
    const y0 = bar.y + bar.height * (1 - (k + 1) / steps);
    ctx.fillRect(bar.x, y0, bar.width, bar.height / steps + 0.4);
  }
  if (!clipped) return;
  ctx.save();
  ctx.fillStyle = viridis(1);
  ctx.beginPath();
  ctx.moveTo(bar.x, bar.y);
  ctx.lineTo(bar.x + bar.width / 2, bar.y - 9);
  ctx.lineTo(bar.x + bar.width, bar.y);
  ctx.closePath();
  ctx.fill();
  ctx.restore();
}

/** What the ring means, and the grey cells where there are any. */
function drawLegend(ctx: Context, data: SweepFigureData, y: number): void {
  let x = LAYOUT.margin + 8;
  if (data.mark) {
    const anywhere = {
      x: 0,
      y: 0,
      width: Number.POSITIVE_INFINITY,
      height: Number.POSITIVE_INFINITY,
    };
    drawMark(ctx, anywhere, x, y);
    drawText(ctx, data.mark.label, x + 12, y, { size: FONT.legend, baseline: "middle" });
    x += 12 + textWidth(ctx, data.mark.label, FONT.legend) + 36;
  }
  const missing = data.rows.some((row) =>
    COLUMNS.some((column) =>
      row.cells[column.key].some((r) => r.some((v) => v === null || !Number.isFinite(v))),
    ),
  );
  if (!missing) return;
  drawMissing(ctx, { x: x - 6, y: y - 6, width: 12, height: 12 });
  drawText(ctx, "no value (no event: no precision)", x + 12, y, {
    size: FONT.legend,
    baseline: "middle",
  });
}
