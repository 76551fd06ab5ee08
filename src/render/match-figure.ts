import { drawAxisBottom, drawAxisLeft } from "./axis.js";
import { type Box, insetBox } from "./box.js";
import { canvasPixels, createFigureCanvas, encodePng } from "./canvas.js";
import { compareRgba, type RgbaImage } from "./compare-png.js";
import type { Context, Series } from "./context.js";
import { drawLegend, legendSize } from "./legend.js";
import { INK, OKABE_ITO } from "./palette.js";
import { drawRaster } from "./raster.js";
import { type LinearScale, linearScale, niceTicks } from "./scale.js";
import { drawText } from "./text.js";
import { drawReferenceLine, drawTraces } from "./trace.js";

/**
 * The figure of neuron.match: on each frozen current the harness gave (noise off), the
 * reference's spikes above the submission's, in two colours and with a label each, so a missing,
 * extra or late spike reads off by eye; the first current on top. Beside it, a pixelmatch diff of
 * the reference's raster against the submission's, drawn the same size, in which the pixels
 * that differ are coloured by which side has the spike.
 */

export interface MatchData {
  /** The time axis runs from 0 to durationMs, ms. */
  durationMs: number;
  /** One spike train per frozen current, ms. */
  referenceSpikesMs: readonly Series[];
  /** One spike train per frozen current, in the same order, ms. */
  submissionSpikesMs: readonly Series[];
  /** A frozen current drawn on top (typically the first row's), pA. */
  currentPa?: Series;
  /** currentPa's sample step, ms. Default durationMs / currentPa.length. */
  dtMs?: number;
  /** A label per frozen current, e.g. "seed 2021". Default "current 1", "current 2", ... */
  rowLabels?: readonly string[];
}

export interface MatchOptions {
  /** Device pixels per layout pixel. Default 2. */
  scale?: number;
}

export interface MatchFigure {
  /** The rasters (and the current) as a PNG. */
  figure: Buffer;
  /** The diff of the reference's raster against the submission's, as a PNG. */
  diff: Buffer;
  /** Device pixels that differ between the two rasters (0: the same picture). */
  mismatchedPixels: number;
}

/** Layout width of both images in layout pixels. */
export const MATCH_WIDTH = 900;

const COLORS = { reference: OKABE_ITO.blue, submission: OKABE_ITO.vermillion };
/** pixelmatch's colours in the diff: [r, g, b] of each side's Okabe-Ito colour. */
const DIFF_COLORS = {
  referenceOnly: [0x00, 0x72, 0xb2] as [number, number, number],
  submissionOnly: [0xd5, 0x5e, 0x00] as [number, number, number],
};

const LAYOUT = {
  gutter: 150,
  right: 18,
  header: 26,
  currentHeight: 84,
  currentGap: 18,
  rowHeight: 13,
  pairGap: 9,
  axis: 44,
};

/** Renders the rasters, and the diff of the reference's raster against the submission's. */
export function renderMatch(data: MatchData, options: MatchOptions = {}): MatchFigure {
  const scale = options.scale ?? 2;
  const rows = Math.max(data.referenceSpikesMs.length, data.submissionSpikesMs.length, 1);
  const labels = rowLabels(data, rows);
  const time = (plot: Box) => linearScale([0, timeEnd(data)], [plot.x, plot.x + plot.width]);

  // The figure: a header with the legend, the current, then a reference and a submission row
  // per frozen current.
  const hasCurrent = data.currentPa !== undefined && data.currentPa.length > 0;
  const pairHeight = 2 * LAYOUT.rowHeight + LAYOUT.pairGap;
  const rastersHeight = rows * pairHeight - LAYOUT.pairGap;
  const height =
    LAYOUT.header +
    (hasCurrent ? LAYOUT.currentHeight + LAYOUT.currentGap : 0) +
    rastersHeight +
    LAYOUT.axis;
  const figure = createFigureCanvas(MATCH_WIDTH, height, scale);
  const ctx = figure.ctx;
  const content = insetBox(
    { x: 0, y: 0, width: MATCH_WIDTH, height },
    {
      left: LAYOUT.gutter,
      right: LAYOUT.right,
    },
  );
  drawHeader(ctx, { ...content, height: LAYOUT.header });
  let top = LAYOUT.header;
  if (hasCurrent) {
    const currentBox = { ...content, y: top + 4, height: LAYOUT.currentHeight - 4 };
    drawCurrent(ctx, currentBox, time(currentBox), data, labels[0]);
    top += LAYOUT.currentHeight + LAYOUT.currentGap;
  }
  const rasters = { ...content, y: top, height: rastersHeight };
  const x = time(rasters);
  for (let r = 0; r < rows; r++) {
    const pairY = top + r * pairHeight;
    const referenceRow = { ...content, y: pairY, height: LAYOUT.rowHeight };
    const submissionRow = { ...content, y: pairY + LAYOUT.rowHeight, height: LAYOUT.rowHeight };
    drawRowLabels(ctx, referenceRow, submissionRow, labels[r]);
    drawRaster(ctx, referenceRow, x, [data.referenceSpikesMs[r] ?? []], {
      color: COLORS.reference,
      lineWidth: 1.2,
      fill: 0.85,
    });
    drawRaster(ctx, submissionRow, x, [data.submissionSpikesMs[r] ?? []], {
      color: COLORS.submission,
      lineWidth: 1.2,
      fill: 0.85,
    });
  }
  drawAxisBottom(ctx, rasters, x, { label: "Time (ms)", fontSize: 11, offset: 6 });

  const comparison = renderComparisonPair(data, rows, labels, scale);
  return {
    figure: encodePng(figure),
    diff: comparison.diff,
    mismatchedPixels: comparison.mismatchedPixels,
  };
}

function timeEnd(data: MatchData): number {
  return data.durationMs > 0 && Number.isFinite(data.durationMs) ? data.durationMs : 1;
}

function rowLabels(data: MatchData, rows: number): string[] {
  return Array.from({ length: rows }, (_, r) => data.rowLabels?.[r] ?? `current ${r + 1}`);
}

function drawHeader(ctx: Context, box: Box) {
  const items = [
    { label: "Reference", swatches: [{ kind: "tick", color: COLORS.reference }] as const },
    { label: "Submission", swatches: [{ kind: "tick", color: COLORS.submission }] as const },
  ];
  const options = { fontSize: 10.5, horizontal: true, framed: false };
  const size = legendSize(ctx, items, options);
  drawLegend(ctx, box.x + box.width - size.width, box.y + 4, items, options);
  drawText(
    ctx,
    "Spikes on the same frozen currents, noise off",
    box.x - LAYOUT.gutter + 10,
    box.y + 12,
    {
      size: 12,
      weight: 600,
      baseline: "middle",
    },
  );
}

function drawCurrent(ctx: Context, box: Box, x: LinearScale, data: MatchData, label: string) {
  const current = data.currentPa as Series;
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < current.length; i++) {
    if (!Number.isFinite(current[i])) continue;
    lo = Math.min(lo, current[i]);
    hi = Math.max(hi, current[i]);
  }
  const y = linearScale([lo, hi > lo ? hi : lo + 1], [box.y + box.height, box.y]);
  drawAxisLeft(ctx, box, y, { ticks: niceTicks(lo, hi, 3), label: "Current (pA)", fontSize: 10 });
  drawReferenceLine(ctx, box, y, 0, INK.faint);
  const dtMs = data.dtMs ?? timeEnd(data) / current.length;
  drawTraces(ctx, box, x, y, [{ values: current, dtMs }], {
    color: INK.text,
    lineWidth: 0.7,
    resolution: 0.5,
  });
  // In the label column, like the rows' labels: which frozen current this is.
  drawText(ctx, label, box.x - LAYOUT.gutter + 10, box.y + box.height / 2, {
    size: 10.5,
    weight: 600,
    baseline: "middle",
  });
}

function drawRowLabels(ctx: Context, referenceRow: Box, submissionRow: Box, label: string) {
  const right = referenceRow.x - 8;
  drawText(ctx, label, referenceRow.x - LAYOUT.gutter + 10, referenceRow.y + referenceRow.height, {
    size: 10.5,
    weight: 600,
    baseline: "middle",
  });
  drawText(ctx, "reference", right, referenceRow.y + referenceRow.height / 2, {
    size: 9.5,
    color: COLORS.reference,
    align: "right",
    baseline: "middle",
  });
  drawText(ctx, "submission", right, submissionRow.y + submissionRow.height / 2, {
    size: 9.5,
    color: COLORS.submission,
    align: "right",
    baseline: "middle",
  });
}

const COMPARISON = { rowHeight: 16, axis: 40, header: 26 };

/**
 * The two rasters pixelmatch compares: the same layout (row labels, time axis), black ticks, one
 * row per frozen current; the reference's spikes in one, the submission's in the other. The diff
 * PNG is pixelmatch's picture (what agrees faded to grey, reference-only pixels blue,
 * submission-only vermillion) under a legend.
 */
function renderComparisonPair(
  data: MatchData,
  rows: number,
  labels: readonly string[],
  scale: number,
): { diff: Buffer; mismatchedPixels: number } {
  const height = rows * COMPARISON.rowHeight + COMPARISON.axis;
  const draw = (trains: readonly Series[]) => {
    const canvas = createFigureCanvas(MATCH_WIDTH, height, scale);
    const plot = insetBox(
      { x: 0, y: 0, width: MATCH_WIDTH, height },
      {
        left: LAYOUT.gutter,
        right: LAYOUT.right,
        top: 4,
        bottom: COMPARISON.axis,
      },
    );
    const x = linearScale([0, timeEnd(data)], [plot.x, plot.x + plot.width]);
    for (let r = 0; r < rows; r++) {
      drawText(canvas.ctx, labels[r], 10, plot.y + (r + 0.5) * (plot.height / rows), {
        size: 10.5,
        baseline: "middle",
      });
    }
    drawRaster(canvas.ctx, plot, x, trains, { rows, color: INK.text, lineWidth: 1.4, fill: 0.8 });
    drawAxisBottom(canvas.ctx, plot, x, { label: "Time (ms)", fontSize: 11, offset: 6 });
    return canvasPixels(canvas);
  };
  const reference = draw(data.referenceSpikesMs);
  const submission = draw(data.submissionSpikesMs);
  const result = compareRgba(reference, submission, {
    threshold: 0.1,
    alpha: 0.3,
    diffColor: DIFF_COLORS.referenceOnly,
    diffColorAlt: DIFF_COLORS.submissionOnly,
    aaColor: [0xbb, 0xbb, 0xbb],
  });
  const diff = { width: result.width, height: result.height, data: result.diff };
  return { diff: withDiffLegend(diff, scale), mismatchedPixels: result.mismatchedPixels };
}

/** The diff under a header that says what its colours mean; its pixels are copied 1:1. */
function withDiffLegend(image: RgbaImage, scale: number): Buffer {
  const headerHeight = COMPARISON.header;
  const height = image.height / scale + headerHeight;
  const canvas = createFigureCanvas(MATCH_WIDTH, height, scale);
  const ctx = canvas.ctx;
  drawText(ctx, "Where the rasters differ", 10, 13, { size: 12, weight: 600, baseline: "middle" });
  const items = [
    {
      label: "Only in the reference (missed)",
      swatches: [{ kind: "band", color: OKABE_ITO.blue, alpha: 1 }] as const,
    },
    {
      label: "Only in the submission (extra)",
      swatches: [{ kind: "band", color: OKABE_ITO.vermillion, alpha: 1 }] as const,
    },
    {
      label: "The same in both",
      swatches: [{ kind: "band", color: "#B3B3B3", alpha: 1 }] as const,
    },
  ];
  const options = { fontSize: 10.5, horizontal: true, framed: false, swatchWidth: 12 };
  const size = legendSize(ctx, items, options);
  drawLegend(ctx, MATCH_WIDTH - LAYOUT.right - size.width, 3, items, options);
  const pixels = ctx.createImageData(image.width, image.height);
  pixels.data.set(image.data);
  // putImageData works in device pixels, whatever the context's scale.
  ctx.putImageData(pixels, 0, Math.round(headerHeight * scale));
  return encodePng(canvas);
}
