import { drawAxisBottom, drawAxisLeft } from "./axis.js";
import { type Box, insetBox } from "./box.js";
import { createFigureCanvas, encodePng } from "./canvas.js";
import type { Context } from "./context.js";
import { drawLegend, type LegendItem, legendCorner, legendSize, samplePolyline } from "./legend.js";
import { drawMarker } from "./marker.js";
import { INK, OKABE_ITO, withAlpha } from "./palette.js";
import { type LinearScale, linearScale, niceTicks } from "./scale.js";
import { drawText } from "./text.js";
import { drawReferenceLine } from "./trace.js";

/**
 * The autocorrelation of stimulus.ou: the sample autocorrelation of the submission's OU current
 * against lag (ms), over exp(-lag / tauMs), the autocorrelation of the current that was asked
 * for, and the band of exponentials whose correlation time the check accepts. The estimated
 * correlation time is marked where the autocorrelation falls to 1/e.
 */

export interface AutocorrelationData {
  /** Lag step, ms: autocorrelation[k] is r(k * dtMs). */
  dtMs: number;
  autocorrelation: readonly number[];
  /** The correlation time that was asked for, ms. */
  tauMs: number;
  /** The correlation time estimated from the submission's current, ms (null: none). */
  tauMsEstimated?: number | null;
  /** The correlation times the check accepts, ms. */
  tauBandMs?: { low: number; high: number };
}

export interface AutocorrelationOptions {
  /** Device pixels per layout pixel. Default 2. */
  scale?: number;
}

/** Layout size in layout pixels. */
export const AUTOCORRELATION_SIZE = { width: 560, height: 340 } as const;

const COLORS = {
  band: OKABE_ITO.skyBlue,
  requested: OKABE_ITO.blue,
  submission: OKABE_ITO.vermillion,
};

const INV_E = Math.exp(-1);

/** The data ranges: lag from 0 to the last lag, r from a nice floor at or below -0.2 to 1. */
export function autocorrelationScales(data: AutocorrelationData): {
  lagMs: [number, number];
  r: [number, number];
} {
  const n = data.autocorrelation.length;
  const lastLag = n > 1 && data.dtMs > 0 ? (n - 1) * data.dtMs : 5 * Math.max(data.tauMs, 1e-3);
  const finite = data.autocorrelation.filter(Number.isFinite);
  const lowest = finite.length > 0 ? Math.min(...finite) : 0;
  // Far below -1 is not an autocorrelation; the plot clips it rather than squash the rest.
  const floor = Math.max(-1, Math.min(-0.2, Math.floor(lowest * 5) / 5));
  return { lagMs: [0, lastLag], r: [floor, 1] };
}

/** Renders the autocorrelation figure as a PNG (1120 x 680 pixels at the default scale). */
export function renderAutocorrelation(
  data: AutocorrelationData,
  options: AutocorrelationOptions = {},
): Buffer {
  const { width, height } = AUTOCORRELATION_SIZE;
  const figure = createFigureCanvas(width, height, options.scale ?? 2);
  drawAutocorrelation(figure.ctx, { x: 0, y: 0, width, height }, data);
  return encodePng(figure);
}

/** Draws the autocorrelation figure into `box`. */
function drawAutocorrelation(ctx: Context, box: Box, data: AutocorrelationData) {
  const scales = autocorrelationScales(data);
  const plot = insetBox(box, { top: 14, right: 24, bottom: 46, left: 64 });
  const x = linearScale(scales.lagMs, [plot.x, plot.x + plot.width]);
  // A little headroom above r = 1, so r(0) = 1 is not cut by the plot's edge.
  const y = linearScale([scales.r[0], scales.r[1] + 0.04], [plot.y + plot.height, plot.y]);
  drawAxisLeft(ctx, plot, y, {
    ticks: niceTicks(scales.r[0], 1, 6),
    label: "Autocorrelation",
    fontSize: 11,
  });
  drawAxisBottom(ctx, plot, x, { label: "Lag (ms)", fontSize: 11 });
  drawReferenceLine(ctx, plot, y, 0, INK.faint);
  drawReferenceLine(ctx, plot, y, INV_E, INK.muted, [1.5, 3]);
  drawText(ctx, "1/e", plot.x + plot.width + 3, y(INV_E), {
    size: 10,
    color: INK.muted,
    baseline: "middle",
  });

  const occupied: [number, number][] = [];
  const curve = (tauMs: number) => exponential(x, y, plot, tauMs);
  if (data.tauBandMs && data.tauBandMs.low > 0 && data.tauBandMs.high > 0) {
    const upper = curve(data.tauBandMs.high);
    const lower = curve(data.tauBandMs.low);
    fillBetween(ctx, plot, upper, lower, withAlpha(COLORS.band, 0.4));
    occupied.push(...upper, ...lower);
  }
  if (data.tauMs > 0) {
    const requested = curve(data.tauMs);
    stroke(ctx, plot, requested, COLORS.requested, 1.6);
    occupied.push(...requested);
  }
  const finite = data.autocorrelation.every(Number.isFinite) && data.autocorrelation.length > 0;
  if (finite) {
    occupied.push(...drawSubmissionCurve(ctx, plot, x, y, data));
  } else {
    drawText(
      ctx,
      "no autocorrelation: the current does not fluctuate",
      // Right of the steep start of the exponentials, under the legend.
      plot.x + plot.width * 0.62,
      y(0.58),
      { size: 11, color: INK.muted, align: "center", baseline: "middle" },
    );
  }
  const estimate = estimateOf(data);
  // An estimate beyond the last lag has no point on this plot; the legend gives its value.
  if (estimate !== undefined && estimate <= scales.lagMs[1]) {
    occupied.push(...drawEstimate(ctx, plot, x(estimate), y(INV_E)));
  }

  const items = legendItems(data, finite, estimate, scales.lagMs[1]);
  const options = { fontSize: 10.5 };
  const corner = legendCorner(plot, legendSize(ctx, items, options), occupied, 4);
  drawLegend(ctx, corner.x, corner.y, items, options);
}

/** The submission's autocorrelation: a line, and markers while they stay apart; the points it covers. */
function drawSubmissionCurve(
  ctx: Context,
  plot: Box,
  x: LinearScale,
  y: LinearScale,
  data: AutocorrelationData,
): [number, number][] {
  const points = data.autocorrelation.map((r, k) => [x(k * data.dtMs), y(r)] as const);
  stroke(ctx, plot, points, COLORS.submission, 1);
  // Markers only while they stay apart; a fine dt would turn them into a thick smear.
  const spacing = points.length > 1 ? points[1][0] - points[0][0] : Number.POSITIVE_INFINITY;
  if (spacing >= 7) {
    for (const [px, py] of points) {
      drawMarker(ctx, px, py, { shape: "circle", color: COLORS.submission, radius: 3 });
    }
  }
  return samplePolyline(points);
}

/** The submission's 1/e crossing: a dashed drop to the axis and a diamond; the points it covers. */
function drawEstimate(ctx: Context, plot: Box, px: number, py: number): [number, number][] {
  const bottom = plot.y + plot.height;
  ctx.save();
  ctx.strokeStyle = COLORS.submission;
  ctx.lineWidth = 1;
  ctx.setLineDash([3, 2]);
  ctx.beginPath();
  ctx.moveTo(px, py);
  ctx.lineTo(px, bottom);
  ctx.stroke();
  ctx.restore();
  drawMarker(ctx, px, py, { shape: "diamond", color: COLORS.submission, radius: 4.2 });
  return samplePolyline([
    [px, py],
    [px, bottom],
  ]);
}

/** exp(-lag / tauMs) in layout pixels, every 2 px along x. */
function exponential(x: LinearScale, y: LinearScale, plot: Box, tauMs: number): [number, number][] {
  const points: [number, number][] = [];
  const steps = Math.max(2, Math.ceil(plot.width / 2));
  const [l0, l1] = x.domain;
  for (let s = 0; s <= steps; s++) {
    const lag = l0 + ((l1 - l0) * s) / steps;
    points.push([x(lag), y(Math.exp(-lag / tauMs))]);
  }
  return points;
}

function stroke(
  ctx: Context,
  plot: Box,
  points: readonly (readonly [number, number])[],
  color: string,
  lineWidth: number,
) {
  ctx.save();
  ctx.beginPath();
  ctx.rect(plot.x - 2, plot.y - 2, plot.width + 4, plot.height + 4);
  ctx.clip();
  ctx.strokeStyle = color;
  ctx.lineWidth = lineWidth;
  ctx.lineJoin = "round";
  ctx.beginPath();
  points.forEach(([px, py], k) => {
    if (k === 0) ctx.moveTo(px, py);
    else ctx.lineTo(px, py);
  });
  ctx.stroke();
  ctx.restore();
}

function fillBetween(
  ctx: Context,
  plot: Box,
  upper: readonly (readonly [number, number])[],
  lower: readonly (readonly [number, number])[],
  color: string,
) {
  ctx.save();
  ctx.beginPath();
  ctx.rect(plot.x, plot.y, plot.width, plot.height);
  ctx.clip();
  ctx.fillStyle = color;
  ctx.beginPath();
  upper.forEach(([px, py], k) => {
    if (k === 0) ctx.moveTo(px, py);
    else ctx.lineTo(px, py);
  });
  for (let k = lower.length - 1; k >= 0; k--) ctx.lineTo(lower[k][0], lower[k][1]);
  ctx.closePath();
  ctx.fill();
  ctx.restore();
}

/** A correlation time for the legend: two decimals below 10 ms, one above. */
function ms(value: number): string {
  return `${value < 10 ? Number(value.toFixed(2)) : Number(value.toFixed(1))} ms`;
}

function legendItems(
  data: AutocorrelationData,
  finite: boolean,
  estimate: number | undefined,
  lastLagMs: number,
): LegendItem[] {
  const items: LegendItem[] = [];
  if (finite) {
    items.push({
      label: "Submission's current",
      swatches: [
        { kind: "line", color: COLORS.submission, lineWidth: 1 },
        { kind: "marker", color: COLORS.submission, shape: "circle" },
      ],
    });
  }
  if (data.tauMs > 0) {
    items.push({
      label: `exp(\u2212lag / ${ms(data.tauMs)}), as requested`,
      swatches: [{ kind: "line", color: COLORS.requested, lineWidth: 1.6 }],
    });
  }
  if (data.tauBandMs) {
    items.push({
      label: `Accepted: tau ${ms(data.tauBandMs.low).replace(" ms", "")}\u2013${ms(data.tauBandMs.high)}`,
      swatches: [{ kind: "band", color: COLORS.band, alpha: 0.6 }],
    });
  }
  if (estimate !== undefined) {
    const beyond = estimate > lastLagMs;
    items.push({
      label: beyond
        ? `Estimated tau ${ms(estimate)}, beyond the plot`
        : `Estimated tau ${ms(estimate)} (r = 1/e)`,
      swatches: beyond
        ? [{ kind: "line", color: COLORS.submission, lineWidth: 1, dash: [3, 2] }]
        : [
            { kind: "line", color: COLORS.submission, lineWidth: 1, dash: [3, 2] },
            { kind: "marker", color: COLORS.submission, shape: "diamond" },
          ],
    });
  }
  return items;
}

/** The estimated correlation time when there is a usable one, ms. */
function estimateOf(data: AutocorrelationData): number | undefined {
  const t = data.tauMsEstimated;
  return t !== undefined && t !== null && Number.isFinite(t) && t >= 0 ? t : undefined;
}
