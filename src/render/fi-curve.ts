import { drawAxisBottom, drawAxisLeft } from "./axis.js";
import { type Box, insetBox } from "./box.js";
import { createFigureCanvas, encodePng } from "./canvas.js";
import type { Context } from "./context.js";
import { drawLegend, type LegendItem, legendCorner, legendSize, samplePolyline } from "./legend.js";
import { drawMarker } from "./marker.js";
import { INK, OKABE_ITO, withAlpha } from "./palette.js";
import { type LinearScale, linearScale, niceDomain, niceTicks } from "./scale.js";
import { drawText, textWidth } from "./text.js";

/**
 * The f-I curve of neuron.fi: the submission's steady firing rate (Hz) against constant current
 * (pA), over the band of rates the reference's faithful variants span at each current, with the
 * reference's own curve. A point outside its band is drawn as a diamond, not a circle, and
 * labelled with its rate, so the shape says what the colour says.
 */

/** The accepted rates at one current, Hz. */
export interface FiBand {
  low: number;
  high: number;
}

export interface FiCurveData {
  currentsPa: readonly number[];
  /** The submission's rate at each current, Hz; null where none could be measured. */
  submissionHz: readonly (number | null)[];
  /** The accepted band at each current. */
  band: readonly FiBand[];
  /** Whether each rate passed its band: the check's decision, which the markers show. */
  inBand: readonly boolean[];
  /** The reference's rate at each current (e.g. the median of its spread), Hz. */
  referenceHz?: readonly number[];
}

export interface FiCurveOptions {
  /** Device pixels per layout pixel. Default 2. */
  scale?: number;
  /** Draws a faint vertical line at the rheobase, pA. */
  rheobasePa?: number;
}

/** Layout size in layout pixels. */
const FI_CURVE_SIZE = { width: 560, height: 360 } as const;

/** A submission rate more than this many times the reference's top is drawn at the top edge. */
const OFF_SCALE_FACTOR = 2;

const COLORS = {
  band: OKABE_ITO.skyBlue,
  reference: OKABE_ITO.blue,
  submission: OKABE_ITO.vermillion,
};

/** The data ranges of the plot: currents with 5% margins, rates from 0 to a nice top. */
export function fiCurveScales(data: FiCurveData): {
  currentPa: [number, number];
  rateHz: [number, number];
} {
  checkLengths(data);
  const currents = data.currentsPa.filter(Number.isFinite);
  const lo = currents.length > 0 ? Math.min(...currents) : 0;
  const hi = currents.length > 0 ? Math.max(...currents) : 1;
  const margin = hi > lo ? 0.05 * (hi - lo) : 1;
  const referenceTop = Math.max(
    0,
    ...data.band.map((b) => b.high).filter(Number.isFinite),
    ...(data.referenceHz ?? []).filter(Number.isFinite),
  );
  // A far-off submission (a missing 1e-3 fires at hundreds of Hz) must not flatten the band:
  // rates beyond OFF_SCALE_FACTOR times the reference's top go to a strip above the plot.
  const cap = referenceTop > 0 ? OFF_SCALE_FACTOR * referenceTop : Number.POSITIVE_INFINITY;
  const submissionTop = Math.max(
    0,
    ...data.submissionHz.filter((v): v is number => isRate(v) && v <= cap),
  );
  const top = Math.max(referenceTop, submissionTop, 1) * 1.08;
  return { currentPa: [lo - margin, hi + margin], rateHz: niceDomain(0, top, 5) };
}

function checkLengths(data: FiCurveData) {
  const n = data.currentsPa.length;
  const lengths: [string, number | undefined][] = [
    ["submissionHz", data.submissionHz.length],
    ["band", data.band.length],
    ["inBand", data.inBand.length],
    ["referenceHz", data.referenceHz?.length],
  ];
  for (const [name, length] of lengths) {
    if (length !== undefined && length !== n) {
      throw new RangeError(`${name} has ${length} entries for ${n} currents`);
    }
  }
}

export function renderFiCurve(data: FiCurveData, options: FiCurveOptions = {}): Buffer {
  const figure = createFigureCanvas(FI_CURVE_SIZE.width, FI_CURVE_SIZE.height, options.scale ?? 2);
  const box = { x: 0, y: 0, ...FI_CURVE_SIZE };
  drawFiCurve(figure.ctx, box, data, options);
  return encodePng(figure);
}

/** Draws the f-I curve into `box`. */
function drawFiCurve(ctx: Context, box: Box, data: FiCurveData, options: FiCurveOptions = {}) {
  const scales = fiCurveScales(data);
  const offScale = data.submissionHz.some((v) => isRate(v) && v > scales.rateHz[1]);
  // Rates above the plot get a strip of their own above it, apart from the data on scale.
  const plot = insetBox(box, { top: offScale ? 34 : 14, right: 20, bottom: 46, left: 64 });
  const x = linearScale(scales.currentPa, [plot.x, plot.x + plot.width]);
  const y = linearScale(scales.rateHz, [plot.y + plot.height, plot.y]);
  const order = data.currentsPa
    .map((c, i) => [c, i] as const)
    .filter(([c]) => Number.isFinite(c))
    .sort((a, b) => a[0] - b[0])
    .map(([, i]) => i);
  const currents = order.map((i) => data.currentsPa[i]);

  drawAxisLeft(ctx, plot, y, { label: "Firing rate (Hz)", fontSize: 11 });
  drawAxisBottom(ctx, plot, x, {
    ticks: currents.length > 0 ? niceTicks(currents[0], currents[currents.length - 1], 5) : [],
    label: "Current (pA)",
    fontSize: 11,
  });
  if (options.rheobasePa !== undefined) drawRheobase(ctx, plot, x, options.rheobasePa);
  const occupied: [number, number][] = [];
  const highs = order.map((i) => [x(data.currentsPa[i]), y(data.band[i].high)] as const);
  const lows = order.map((i) => [x(data.currentsPa[i]), y(data.band[i].low)] as const);
  occupied.push(...samplePolyline(highs), ...samplePolyline(lows));
  drawBand(ctx, plot, x, y, data, order);
  if (data.referenceHz) {
    const reference = data.referenceHz;
    const line = order.map((i) => [x(data.currentsPa[i]), y(reference[i])] as const);
    drawPolyline(ctx, plot, line, COLORS.reference, 1.6);
    occupied.push(...samplePolyline(line));
  }
  const flags = drawSubmission(ctx, plot, x, y, data, order, occupied);
  const items = legendItems(data, flags);
  const legendOptions = { fontSize: 10.5 };
  const corner = legendCorner(plot, legendSize(ctx, items, legendOptions), occupied, 4);
  drawLegend(ctx, corner.x, corner.y, items, legendOptions);
}

function drawRheobase(ctx: Context, plot: Box, x: LinearScale, rheobasePa: number) {
  const px = x(rheobasePa);
  if (!(px >= plot.x && px <= plot.x + plot.width)) return;
  ctx.save();
  ctx.strokeStyle = INK.muted;
  ctx.lineWidth = 0.7;
  ctx.setLineDash([2, 3]);
  ctx.beginPath();
  ctx.moveTo(px, plot.y + plot.height);
  ctx.lineTo(px, plot.y + plot.height * 0.55);
  ctx.stroke();
  ctx.restore();
  drawText(ctx, `rheobase ${Math.round(rheobasePa)} pA`, px + 4, plot.y + plot.height * 0.55 + 4, {
    size: 9.5,
    color: INK.muted,
    baseline: "top",
  });
}

/** The band as one shaded ribbon, and at each current a bar at least 4 px tall so a narrow band still shows. */
function drawBand(
  ctx: Context,
  plot: Box,
  x: LinearScale,
  y: LinearScale,
  data: FiCurveData,
  order: readonly number[],
) {
  ctx.save();
  ctx.beginPath();
  ctx.rect(plot.x, plot.y, plot.width, plot.height);
  ctx.clip();
  ctx.fillStyle = withAlpha(COLORS.band, 0.3);
  ctx.beginPath();
  order.forEach((i, k) => {
    const px = x(data.currentsPa[i]);
    if (k === 0) ctx.moveTo(px, y(data.band[i].high));
    else ctx.lineTo(px, y(data.band[i].high));
  });
  for (let k = order.length - 1; k >= 0; k--) {
    const i = order[k];
    ctx.lineTo(x(data.currentsPa[i]), y(data.band[i].low));
  }
  ctx.closePath();
  ctx.fill();
  ctx.fillStyle = withAlpha(COLORS.band, 0.75);
  for (const i of order) {
    const px = x(data.currentsPa[i]);
    const top = y(data.band[i].high);
    const bottom = y(data.band[i].low);
    const middle = (top + bottom) / 2;
    const half = Math.max(2, (bottom - top) / 2);
    ctx.fillRect(px - 6, middle - half, 12, 2 * half);
  }
  ctx.restore();
}

function drawPolyline(
  ctx: Context,
  plot: Box,
  points: readonly (readonly [number, number])[],
  color: string,
  lineWidth: number,
  dash: readonly number[] = [],
) {
  ctx.save();
  ctx.beginPath();
  ctx.rect(plot.x - 2, plot.y - 2, plot.width + 4, plot.height + 4);
  ctx.clip();
  ctx.strokeStyle = color;
  ctx.lineWidth = lineWidth;
  ctx.lineJoin = "round";
  ctx.setLineDash([...dash]);
  ctx.beginPath();
  points.forEach(([px, py], k) => {
    if (k === 0) ctx.moveTo(px, py);
    else ctx.lineTo(px, py);
  });
  ctx.stroke();
  ctx.restore();
}

interface Flags {
  inside: boolean;
  outside: boolean;
  missing: boolean;
  offScale: boolean;
}

/** The submission's dashed line, joining neighbouring points on scale only. */
function drawSubmissionLine(
  ctx: Context,
  plot: Box,
  x: LinearScale,
  y: LinearScale,
  data: FiCurveData,
  order: readonly number[],
  occupied: [number, number][],
): void {
  let run: (readonly [number, number])[] = [];
  const flush = () => {
    drawPolyline(ctx, plot, run, COLORS.submission, 1, [4, 3]);
    occupied.push(...samplePolyline(run));
    run = [];
  };
  for (const i of order) {
    const rate = data.submissionHz[i];
    if (isRate(rate) && rate <= y.domain[1]) run.push([x(data.currentsPa[i]), y(rate)]);
    else flush();
  }
  flush();
}

/**
 * The submission's points and dashed line; labels of points outside their band. Pushes every
 * drawn point and label onto `occupied` (for the legend's placement).
 */
function drawSubmission(
  ctx: Context,
  plot: Box,
  x: LinearScale,
  y: LinearScale,
  data: FiCurveData,
  order: readonly number[],
  occupied: [number, number][],
): Flags {
  const top = y.domain[1];
  const stripY = plot.y - 20;
  drawSubmissionLine(ctx, plot, x, y, data, order, occupied);
  const flags: Flags = { inside: false, outside: false, missing: false, offScale: false };
  const labels: Label[] = [];
  const markers: Box[] = [];
  for (const i of order) {
    const px = x(data.currentsPa[i]);
    const rate = data.submissionHz[i];
    if (!isRate(rate)) {
      flags.missing = true;
      drawMarker(ctx, px, y(0), { shape: "cross", color: INK.muted, radius: 4 });
      occupied.push([px, y(0)]);
      continue;
    }
    if (rate > top) {
      flags.offScale = true;
      drawMarker(ctx, px, stripY, { shape: "triangleUp", color: COLORS.submission, radius: 4.5 });
      markers.push({ x: px - 6, y: stripY - 6, width: 12, height: 12 });
      labels.push({ text: `${formatRate(rate)} Hz`, x: px + 7, y: stripY, align: "left" });
      continue;
    }
    const inside = data.inBand[i];
    markers.push({ x: px - 5, y: y(rate) - 5, width: 10, height: 10 });
    drawMarker(ctx, px, y(rate), {
      shape: inside ? "circle" : "diamond",
      color: COLORS.submission,
      radius: inside ? 3.8 : 4.2,
    });
    if (inside) {
      flags.inside = true;
      continue;
    }
    flags.outside = true;
    // Rising curves: a label up-left of a point above its band, down-right of one below, stays
    // clear of the submission's own line and of the band.
    const below = rate < data.band[i].low;
    labels.push(
      below
        ? { text: `${formatRate(rate)} Hz`, x: px + 7, y: y(rate) + 9, align: "left" }
        : { text: `${formatRate(rate)} Hz`, x: px - 7, y: y(rate) - 9, align: "right" },
    );
  }
  drawLabels(ctx, labels, markers, occupied, plot.x + plot.width + 16);
  return flags;
}

interface Label {
  text: string;
  x: number;
  y: number;
  align: "left" | "right";
}

/**
 * Draws each label that overlaps no marker and no label drawn before it (the report's table has
 * every value).
 */
function drawLabels(
  ctx: Context,
  labels: readonly Label[],
  markers: readonly Box[],
  occupied: [number, number][],
  maxX: number,
) {
  const size = 10;
  const drawn: Box[] = [];
  for (const label of labels) {
    const width = textWidth(ctx, label.text, size, 600);
    // A label that would leave the figure goes to the other side of its point.
    const flip = label.align === "left" && label.x + width > maxX;
    const align = flip ? "right" : label.align;
    const anchor = flip ? label.x - 14 : label.x;
    const box = {
      x: align === "left" ? anchor : anchor - width,
      y: label.y - size / 2 - 1,
      width,
      height: size + 2,
    };
    if (drawn.some((d) => overlaps(d, box)) || markers.some((m) => overlaps(m, box))) continue;
    drawn.push(box);
    drawText(ctx, label.text, anchor, label.y, {
      size,
      color: COLORS.submission,
      align,
      baseline: "middle",
      weight: 600,
    });
    occupied.push(
      ...samplePolyline([
        [box.x, box.y + box.height / 2],
        [box.x + box.width, box.y + box.height / 2],
      ]),
    );
  }
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function isRate(v: number | null | undefined): v is number {
  return v !== null && v !== undefined && Number.isFinite(v);
}

function formatRate(rateHz: number): string {
  return rateHz >= 100 ? rateHz.toFixed(0) : rateHz.toFixed(1);
}

function legendItems(data: FiCurveData, flags: Flags): LegendItem[] {
  const items: LegendItem[] = [
    {
      label: "Accepted range (reference)",
      swatches: [{ kind: "band", color: COLORS.band, alpha: 0.6 }],
    },
  ];
  if (data.referenceHz) {
    items.push({
      label: "Reference",
      swatches: [{ kind: "line", color: COLORS.reference, lineWidth: 1.6 }],
    });
  }
  const dashed = { kind: "line", color: COLORS.submission, lineWidth: 1, dash: [4, 3] } as const;
  if (flags.inside) {
    items.push({
      label: "Submission, in range",
      swatches: [dashed, { kind: "marker", color: COLORS.submission, shape: "circle" }],
    });
  }
  if (flags.outside) {
    items.push({
      label: "Submission, out of range",
      swatches: [
        ...(flags.inside ? [] : [dashed]),
        { kind: "marker", color: COLORS.submission, shape: "diamond" },
      ],
    });
  }
  if (flags.offScale) {
    items.push({
      label: "Submission, above the plot",
      swatches: [{ kind: "marker", color: COLORS.submission, shape: "triangleUp" }],
    });
  }
  if (flags.missing) {
    items.push({
      label: "No rate measured",
      swatches: [{ kind: "marker", color: INK.muted, shape: "cross" }],
    });
  }
  return items;
}
