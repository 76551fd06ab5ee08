import type { Box } from "./box.js";
import type { Context } from "./context.js";
import { INK } from "./palette.js";
import { decimalsOf, formatNumber, type LinearScale, niceTicks } from "./scale.js";
import { drawText, textWidth } from "./text.js";

export interface AxisOptions {
  /** Tick values in the data's unit; by default about `tickCount` nice ticks over the domain. */
  ticks?: readonly number[];
  tickCount?: number;
  format?: (value: number) => string;
  /** The axis title with its unit, e.g. "Time (ms)". */
  label?: string;
  /** Gap in layout pixels between the plot box and the axis line (keeps data off the axis). */
  offset?: number;
  tickLength?: number;
  fontSize?: number;
  lineWidth?: number;
  color?: string;
}

const DEFAULTS = { tickCount: 5, offset: 4, tickLength: 4, fontSize: 10, lineWidth: 0.8 };

/** The ticks an axis draws: the given ones, or nice ticks over the scale's domain. */
function axisTicks(scale: LinearScale, options: AxisOptions = {}): readonly number[] {
  const [d0, d1] = scale.domain;
  return options.ticks ?? niceTicks(d0, d1, options.tickCount ?? DEFAULTS.tickCount);
}

function tickFormatter(ticks: readonly number[], options: AxisOptions): (value: number) => string {
  if (options.format) return options.format;
  const step = ticks.length > 1 ? Math.abs(ticks[1] - ticks[0]) : 1;
  const decimals = decimalsOf(step);
  return (value) => formatNumber(value, decimals);
}

/**
 * A horizontal axis under `plot`: a line spanning the first to the last tick (a range frame),
 * ticks pointing down, labels under them and the axis title under those.
 */
export function drawAxisBottom(
  ctx: Context,
  plot: Box,
  scale: LinearScale,
  options: AxisOptions = {},
) {
  const ticks = axisTicks(scale, options);
  const format = tickFormatter(ticks, options);
  const offset = options.offset ?? DEFAULTS.offset;
  const tickLength = options.tickLength ?? DEFAULTS.tickLength;
  const fontSize = options.fontSize ?? DEFAULTS.fontSize;
  const color = options.color ?? INK.axis;
  const y = plot.y + plot.height + offset;
  const [r0, r1] =
    ticks.length > 1 ? [scale(ticks[0]), scale(ticks[ticks.length - 1])] : scale.range;

  ctx.save();
  ctx.strokeStyle = color;
  ctx.lineWidth = options.lineWidth ?? DEFAULTS.lineWidth;
  ctx.lineCap = "square";
  ctx.beginPath();
  ctx.moveTo(r0, y);
  ctx.lineTo(r1, y);
  for (const t of ticks) {
    ctx.moveTo(scale(t), y);
    ctx.lineTo(scale(t), y + tickLength);
  }
  ctx.stroke();
  ctx.restore();

  for (const t of ticks) {
    drawText(ctx, format(t), scale(t), y + tickLength + 2, {
      size: fontSize,
      align: "center",
      baseline: "top",
      color,
    });
  }
  if (options.label) {
    drawText(
      ctx,
      options.label,
      (plot.x + plot.x + plot.width) / 2,
      y + tickLength + fontSize + 6,
      {
        size: fontSize + 1,
        align: "center",
        baseline: "top",
        color: INK.text,
      },
    );
  }
}

/**
 * A vertical axis left of `plot`: a line spanning the first to the last tick, ticks pointing
 * left, labels right-aligned beside them and the axis title rotated to read bottom to top.
 */
export function drawAxisLeft(
  ctx: Context,
  plot: Box,
  scale: LinearScale,
  options: AxisOptions = {},
) {
  const ticks = axisTicks(scale, options);
  const format = tickFormatter(ticks, options);
  const offset = options.offset ?? DEFAULTS.offset;
  const tickLength = options.tickLength ?? DEFAULTS.tickLength;
  const fontSize = options.fontSize ?? DEFAULTS.fontSize;
  const color = options.color ?? INK.axis;
  const x = plot.x - offset;
  const [r0, r1] =
    ticks.length > 1 ? [scale(ticks[0]), scale(ticks[ticks.length - 1])] : scale.range;

  ctx.save();
  ctx.strokeStyle = color;
  ctx.lineWidth = options.lineWidth ?? DEFAULTS.lineWidth;
  ctx.lineCap = "square";
  ctx.beginPath();
  ctx.moveTo(x, r0);
  ctx.lineTo(x, r1);
  for (const t of ticks) {
    ctx.moveTo(x, scale(t));
    ctx.lineTo(x - tickLength, scale(t));
  }
  ctx.stroke();
  ctx.restore();

  let widest = 0;
  for (const t of ticks) {
    const text = format(t);
    widest = Math.max(widest, textWidth(ctx, text, fontSize));
    drawText(ctx, text, x - tickLength - 3, scale(t), {
      size: fontSize,
      align: "right",
      baseline: "middle",
      color,
    });
  }
  if (options.label) {
    const labelX = x - tickLength - 3 - widest - 5;
    drawText(ctx, options.label, labelX, plot.y + plot.height / 2, {
      size: fontSize + 1,
      align: "center",
      baseline: "bottom",
      color: INK.text,
      rotate: -Math.PI / 2,
    });
  }
}
