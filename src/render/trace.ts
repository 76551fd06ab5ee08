import type { Box } from "./box.js";
import type { Context, Series } from "./context.js";
import type { LinearScale } from "./scale.js";

/** One sampled trace: values[i] is the value at time t0Ms + i * dtMs. */
export interface TraceInput {
  values: Series;
  dtMs: number;
  t0Ms?: number;
  /**
   * Vertical strokes drawn as part of the same line, in data units: at time `atMs` from `from` to
   * `to`. The LIF's spikes, which its sampled voltage never shows above threshold.
   */
  marks?: readonly { atMs: number; from: number; to: number }[];
}

export interface TraceStyle {
  /** One colour for every trace, or the colour of trace i of n. */
  color: string | ((i: number, n: number) => string);
  /** Line width in layout pixels. */
  lineWidth?: number;
  /** Opacity of each trace, so superimposed traces darken where they agree. */
  alpha?: number;
  /**
   * Width in layout pixels of one column of min/max decimation (the device pixel: 1 / scale).
   * A trace with more than 8 samples per column is reduced to its first, min, max and last
   * sample per column, which a viewer cannot tell from the full trace (fewer samples are all
   * drawn: decimating them would move line joins by a fraction of a pixel for no speed gain).
   */
  resolution?: number;
}

/**
 * The polyline of a trace in layout pixels, flat [x0, y0, x1, y1, ...]; a NaN pair breaks the
 * line (a non-finite sample). Long traces are decimated per pixel column, keeping every extreme.
 */
export function tracePolyline(
  trace: TraceInput,
  xScale: LinearScale,
  yScale: LinearScale,
  resolution = 0.5,
): number[] {
  const { values, dtMs } = trace;
  const t0 = trace.t0Ms ?? 0;
  const n = values.length;
  const points: number[] = [];
  const push = (i: number) => {
    const v = values[i];
    if (Number.isFinite(v)) points.push(xScale(t0 + i * dtMs), yScale(v));
    else points.push(Number.NaN, Number.NaN);
  };
  const spanPx = Math.abs(xScale(t0 + n * dtMs) - xScale(t0));
  const columns = Math.max(1, Math.ceil(spanPx / resolution));
  if (n <= 8 * columns) {
    for (let i = 0; i < n; i++) push(i);
    return points;
  }
  const perColumn = n / columns;
  for (let c = 0; c < columns; c++) {
    const start = Math.floor(c * perColumn);
    const end = Math.min(n, Math.floor((c + 1) * perColumn));
    if (end <= start) continue;
    let lo = start;
    let hi = start;
    for (let i = start; i < end; i++) {
      if (!Number.isFinite(values[i])) {
        lo = hi = i;
        break;
      }
      if (values[i] < values[lo]) lo = i;
      if (values[i] > values[hi]) hi = i;
    }
    const keep = [start, Math.min(lo, hi), Math.max(lo, hi), end - 1];
    let last = -1;
    for (const i of keep) {
      if (i !== last) push(i);
      last = i;
    }
  }
  return points;
}

/** Strokes a flat polyline, starting a new sub-path after each NaN pair. */
function strokePolyline(ctx: Context, points: readonly number[]) {
  let pen = false;
  for (let k = 0; k + 1 < points.length; k += 2) {
    const x = points[k];
    const y = points[k + 1];
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      pen = false;
      continue;
    }
    if (pen) ctx.lineTo(x, y);
    else ctx.moveTo(x, y);
    pen = true;
  }
}

/**
 * Superimposed traces inside `plot` (clipped to it), trace 0 drawn first. Each trace and its
 * marks are one path, so a trace never darkens itself where it crosses its own line.
 */
export function drawTraces(
  ctx: Context,
  plot: Box,
  xScale: LinearScale,
  yScale: LinearScale,
  traces: readonly TraceInput[],
  style: TraceStyle,
) {
  ctx.save();
  ctx.beginPath();
  ctx.rect(plot.x, plot.y, plot.width, plot.height);
  ctx.clip();
  ctx.lineWidth = style.lineWidth ?? 0.8;
  ctx.lineJoin = "round";
  ctx.lineCap = "butt";
  ctx.globalAlpha = style.alpha ?? 1;
  traces.forEach((trace, i) => {
    ctx.strokeStyle = typeof style.color === "string" ? style.color : style.color(i, traces.length);
    ctx.beginPath();
    strokePolyline(ctx, tracePolyline(trace, xScale, yScale, style.resolution));
    for (const mark of trace.marks ?? []) {
      const x = xScale(mark.atMs);
      ctx.moveTo(x, yScale(mark.from));
      ctx.lineTo(x, yScale(mark.to));
    }
    ctx.stroke();
  });
  ctx.restore();
}

/** A horizontal reference line across `plot` at `value` (e.g. 0 pA or the threshold), dashed. */
export function drawReferenceLine(
  ctx: Context,
  plot: Box,
  yScale: LinearScale,
  value: number,
  color: string,
  dash: readonly number[] = [3, 3],
) {
  const y = yScale(value);
  if (y < plot.y || y > plot.y + plot.height) return;
  ctx.save();
  ctx.strokeStyle = color;
  ctx.lineWidth = 0.6;
  ctx.setLineDash([...dash]);
  ctx.beginPath();
  ctx.moveTo(plot.x, y);
  ctx.lineTo(plot.x + plot.width, y);
  ctx.stroke();
  ctx.restore();
}
