import { CANONICAL_NEURON } from "../protocol/canonical.js";
import { drawAxisBottom, drawAxisLeft } from "./axis.js";
import { type Box, insetBox, splitColumns, splitRows } from "./box.js";
import { canvasPixels, createFigureCanvas, encodePngSmallest } from "./canvas.js";
import type { Context, Series } from "./context.js";
import { INK, OKABE_ITO } from "./palette.js";
import { encodeRgbaPng, type OpaqueRows, opaqueRows, stackedPng } from "./png.js";
import { drawRaster } from "./raster.js";
import { type LinearScale, linearScale, niceTicks } from "./scale.js";
import { drawText } from "./text.js";
import { drawReferenceLine, drawTraces, type TraceInput } from "./trace.js";

/**
 * Figure 1 of Mainen & Sejnowski (1995), "Reliability of spike timing in neocortical neurons":
 * panel A (a constant current step) beside panel B (a frozen fluctuating current); in each,
 * the first voltage traces superimposed, the injected current and the raster of every trial.
 */

/** One panel's data; a Figure1Panel, with plain or typed arrays. */
export interface Figure1PanelData {
  currentPa: Series;
  spikeTimesMs: readonly Series[];
  voltageMv?: readonly Series[];
}

/** A Figure1Results (or anything shaped like it): sample i of every trace is at i * dtMs. */
export interface Figure1Data {
  dtMs: number;
  durationMs: number;
  onsetMs: number;
  offsetMs: number;
  panels: { A: Figure1PanelData; B: Figure1PanelData };
}

/** The measures printed under a panel's title (the keys of the report's metrics). */
export interface PanelMeasures {
  reliability?: number;
  precisionMs?: number;
  rcorr?: number;
  rateHz?: number;
}

export interface Figure1Options {
  measures?: { A?: PanelMeasures; B?: PanelMeasures };
  /** How many voltage traces (the first trials) are superimposed. Default 10. */
  traces?: number;
  /** Where each drawn spike starts: the neuron's threshold. Default the canonical -53 mV. */
  thresholdMv?: number;
  /** The lowest voltage the axis must show: the neuron's reset. Default the canonical -80 mV. */
  resetMv?: number;
  /** Nominal action-potential peak each spike is drawn up to. Default +20 mV. */
  spikePeakMv?: number;
  /** Device pixels per layout pixel: 2 renders the 900 x 600 layout as 1800 x 1200. */
  scale?: number;
}

export interface Figure1ComparisonOptions extends Omit<Figure1Options, "measures"> {
  submissionMeasures?: { A?: PanelMeasures; B?: PanelMeasures };
  referenceMeasures?: { A?: PanelMeasures; B?: PanelMeasures };
  /** Default "Submission". */
  submissionLabel?: string;
  /** Default "Reference". */
  referenceLabel?: string;
}

/** The data ranges shared by every panel drawn together, so they can be compared by eye. */
export interface Figure1Scales {
  timeMs: [number, number];
  voltageMv: [number, number];
  currentPa: [number, number];
  /** Raster rows: the largest trial count. */
  trials: number;
}

/** Layout size of one figure in layout pixels. */
const FIGURE1_SIZE = { width: 900, height: 600 } as const;
const LABEL_BAND = 34;

const DEFAULTS = { traces: 10, spikePeakMv: 20, scale: 2 };

/**
 * Renders Figure 1 of one data set as a PNG (1800 x 1200 pixels at the default scale): the
 * reference's own figure1.png, encoded by the encoder it is committed with.
 */
export function renderFigure1(data: Figure1Data, options: Figure1Options = {}): Buffer {
  const figure = createFigureCanvas(
    FIGURE1_SIZE.width,
    FIGURE1_SIZE.height,
    options.scale ?? DEFAULTS.scale,
  );
  const box = { x: 0, y: 0, ...FIGURE1_SIZE };
  drawFigure1(figure.ctx, box, data, figure1Scales([data], options), options);
  return encodePngSmallest(figure);
}

/**
 * Renders a submission's Figure 1 above the reference's, on the same scales, each under its
 * label, so panel A lies above panel A and a spike time reads off both at once.
 */
export function renderFigure1Comparison(
  submission: Figure1Data,
  reference: Figure1Data,
  options: Figure1ComparisonOptions = {},
): Buffer {
  const scale = options.scale ?? DEFAULTS.scale;
  // The submission's half on a canvas of its own; the reference's half, drawn and filtered ahead,
  // goes under it in the PNG.
  const figure = createFigureCanvas(FIGURE1_SIZE.width, HALF_HEIGHT, scale);
  const scales = comparisonScales([submission, reference], options);
  const [label, body] = halfRows(0);
  drawLabelBand(figure.ctx, label, options.submissionLabel ?? "Submission", OKABE_ITO.vermillion);
  drawFigure1(figure.ctx, body, submission, scales, {
    ...options,
    measures: options.submissionMeasures,
  });
  const below = referenceHalf(reference, scales, options);
  const top = canvasPixels(figure);
  const above = opaqueRows(top.width, top.height, top.data);
  if (above !== undefined && below !== undefined) return stackedPng([above, below]);
  // A half that is not opaque (none has been: each is drawn on white): both halves' pixels.
  const half = drawReferenceHalf(reference, scales, options);
  const whole = new Uint8ClampedArray(top.data.length + half.data.length);
  whole.set(top.data);
  whole.set(half.data, top.data.length);
  return encodeRgbaPng(top.width, top.height + half.height, whole);
}

/**
 * Draws ahead, and keeps, the reference's half of the comparisons whose data stays within the
 * reference's own ranges (every faithful submission's): renderFigure1Comparison with the same
 * reference and options then draws only the submission's half.
 */
export function prepareFigure1Comparison(
  reference: Figure1Data,
  options: Figure1ComparisonOptions = {},
): void {
  referenceHalf(reference, comparisonScales([reference], options), options);
}

/**
 * The comparison's scales: figure1Scales, the current's range out to the whole pA, so that a
 * submission whose current is the reference's to a few decimals (a simulator's own numpy, against
 * the reference file's rounded samples) draws on the reference's own scales, and the reference's
 * half drawn ahead serves it. A fraction of a pA on a range of some 700 moves no pixel one can see.
 */
function comparisonScales(datasets: readonly Figure1Data[], options: Figure1Options) {
  const scales = figure1Scales(datasets, options);
  const [lo, hi] = scales.currentPa;
  return { ...scales, currentPa: [Math.floor(lo), Math.ceil(hi)] as [number, number] };
}

/** Layout height of each half of the comparison: its label band above its Figure 1. */
const HALF_HEIGHT = LABEL_BAND + FIGURE1_SIZE.height;

/** The label band and the figure of the half of the comparison that starts at layout y top. */
function halfRows(top: number): Box[] {
  return splitRows({ x: 0, y: top, width: FIGURE1_SIZE.width, height: HALF_HEIGHT }, [
    { px: LABEL_BAND },
    { px: FIGURE1_SIZE.height },
  ]);
}

/**
 * The reference's half of each comparison, its rows filtered for the PNG (undefined: not opaque):
 * drawn once per process for each set of scales and options and kept (every faithful team's
 * comparison shares them), a few sets at a time (each some 7 MB). Keyed by the reference's data
 * object, which the report loads once per process.
 */
const referenceHalves = new WeakMap<Figure1Data, Map<string, OpaqueRows | undefined>>();
const HALVES_KEPT = 3;

function referenceHalf(
  reference: Figure1Data,
  scales: Figure1Scales,
  options: Figure1ComparisonOptions,
): OpaqueRows | undefined {
  // Everything the reference's half is drawn from but the reference's data itself.
  const key = JSON.stringify([
    scales,
    options.scale,
    options.traces,
    options.thresholdMv,
    options.resetMv,
    options.spikePeakMv,
    options.referenceMeasures,
    options.referenceLabel,
  ]);
  const kept = referenceHalves.get(reference) ?? new Map<string, OpaqueRows | undefined>();
  referenceHalves.set(reference, kept);
  if (kept.has(key)) return kept.get(key);
  const pixels = drawReferenceHalf(reference, scales, options);
  const rows = opaqueRows(pixels.width, pixels.height, pixels.data);
  if (kept.size >= HALVES_KEPT) kept.delete(kept.keys().next().value as string);
  kept.set(key, rows);
  return rows;
}

/** The device pixels of the reference's half of a comparison. */
function drawReferenceHalf(
  reference: Figure1Data,
  scales: Figure1Scales,
  options: Figure1ComparisonOptions,
): ReturnType<typeof canvasPixels> {
  const half = createFigureCanvas(FIGURE1_SIZE.width, HALF_HEIGHT, options.scale ?? DEFAULTS.scale);
  // Drawn where it sits in the comparison, moved up by a whole number of device pixels, so that
  // its pixels are those the comparison would have drawn in place.
  half.ctx.translate(0, -HALF_HEIGHT);
  const [label, body] = halfRows(HALF_HEIGHT);
  drawLabelBand(half.ctx, label, options.referenceLabel ?? "Reference", OKABE_ITO.blue);
  drawFigure1(half.ctx, body, reference, scales, {
    ...options,
    measures: options.referenceMeasures,
  });
  return canvasPixels(half);
}

/**
 * The shared data ranges of several data sets: time from 0 to the longest duration; voltage from
 * reset to the nominal spike peak, widened (to 10 mV) only for excursions of more than 3 mV past
 * them, as noise after a reset makes; current over every sample and 0, with 5% headroom.
 */
export function figure1Scales(
  datasets: readonly Figure1Data[],
  options: Figure1Options = {},
): Figure1Scales {
  const peak = options.spikePeakMv ?? DEFAULTS.spikePeakMv;
  const threshold = options.thresholdMv ?? CANONICAL_NEURON.thresholdMv;
  const reset = options.resetMv ?? CANONICAL_NEURON.resetMv;
  const traces = options.traces ?? DEFAULTS.traces;
  let durationMs = 0;
  let trials = 1;
  const voltage = { lo: Number.POSITIVE_INFINITY, hi: Number.NEGATIVE_INFINITY };
  const current = { lo: 0, hi: 0 };
  for (const data of datasets) {
    if (Number.isFinite(data.durationMs)) durationMs = Math.max(durationMs, data.durationMs);
    for (const panel of [data.panels.A, data.panels.B]) {
      trials = Math.max(trials, panel.spikeTimesMs.length);
      extend(current, panel.currentPa);
      for (const trace of (panel.voltageMv ?? []).slice(0, traces)) extend(voltage, trace);
    }
  }
  // A diverging submission must not squash everyone's traces into a line: clamp to what a
  // membrane can plausibly do, and let the plot clip the rest.
  const vLo = Math.max(-150, Math.min(reset, threshold, voltage.lo + 3));
  const vHi = Math.min(100, Math.max(peak, threshold, voltage.hi - 3));
  const iLo = Math.max(-5000, current.lo);
  const iHi = Math.min(5000, current.hi);
  const headroom = iHi > iLo ? 0.05 * (iHi - iLo) : 1;
  return {
    timeMs: [0, durationMs > 0 ? durationMs : 1],
    voltageMv: [Math.floor(vLo / 10) * 10, Math.ceil(vHi / 10) * 10],
    currentPa: [iLo - headroom, iHi + headroom],
    trials,
  };
}

function extend(range: { lo: number; hi: number }, values: Series) {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    if (v < range.lo) range.lo = v;
    if (v > range.hi) range.hi = v;
  }
}

/** Draws one whole Figure 1 (both panels) into `box` on the given scales. */
function drawFigure1(
  ctx: Context,
  box: Box,
  data: Figure1Data,
  scales: Figure1Scales,
  options: Figure1Options = {},
) {
  const inner = insetBox(box, { top: 10, right: 16, bottom: 6, left: 10 });
  const [left, right] = splitColumns(inner, [{ weight: 1 }, { weight: 1 }], 30);
  drawPanel(ctx, left, {
    letter: "A",
    title: stepTitle(data.panels.A.currentPa, data),
    panel: data.panels.A,
    dtMs: data.dtMs,
    measures: options.measures?.A,
    scales,
    options,
  });
  drawPanel(ctx, right, {
    letter: "B",
    title: "Frozen fluctuating current",
    panel: data.panels.B,
    dtMs: data.dtMs,
    measures: options.measures?.B,
    scales,
    options,
  });
}

/** "Constant current 150 pA": the mean current inside the stimulus window, to the pA. */
export function stepTitle(currentPa: Series, data: Figure1Data): string {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < currentPa.length; i++) {
    const t = i * data.dtMs;
    if (t >= data.onsetMs && t < data.offsetMs && Number.isFinite(currentPa[i])) {
      sum += currentPa[i];
      count++;
    }
  }
  if (count === 0) return "Constant current";
  const mean = Math.round(sum / count);
  return `Constant current ${mean === 0 ? 0 : mean} pA`;
}

/** The measures line under a panel title, e.g. "reliability 0.93 · precision 0.6 ms". */
export function measuresText(measures: PanelMeasures | undefined): string {
  if (!measures) return "";
  const parts: string[] = [];
  const fixed = (v: number, d: number) => (Number.isFinite(v) ? v.toFixed(d) : "n/a");
  if (measures.reliability !== undefined)
    parts.push(`reliability ${fixed(measures.reliability, 2)}`);
  if (measures.precisionMs !== undefined)
    parts.push(`precision ${fixed(measures.precisionMs, 1)} ms`);
  if (measures.rcorr !== undefined) parts.push(`rcorr ${fixed(measures.rcorr, 2)}`);
  if (measures.rateHz !== undefined) parts.push(`rate ${fixed(measures.rateHz, 1)} Hz`);
  return parts.join("  \u00b7  ");
}

interface PanelSpec {
  letter: string;
  title: string;
  panel: Figure1PanelData;
  dtMs: number;
  measures: PanelMeasures | undefined;
  scales: Figure1Scales;
  options: Figure1Options;
}

const AXIS_GUTTER = 58;

function drawPanel(ctx: Context, column: Box, spec: PanelSpec) {
  const [header, body] = splitRows(column, [{ px: 46 }, { weight: 1 }]);
  drawPanelHeader(ctx, header, spec);
  const plots = insetBox(body, { left: AXIS_GUTTER });
  const [voltageBox, currentBox, rasterBox] = splitRows(
    insetBox(plots, { bottom: 38 }),
    [{ weight: 2.5 }, { weight: 1 }, { weight: 1.6 }],
    20,
  );
  const time = linearScale(spec.scales.timeMs, [plots.x, plots.x + plots.width]);
  drawVoltage(ctx, voltageBox, time, spec);
  drawCurrent(ctx, currentBox, time, spec);
  drawTrials(ctx, rasterBox, time, spec);
  drawAxisBottom(ctx, rasterBox, time, {
    ticks: niceTicks(spec.scales.timeMs[0], spec.scales.timeMs[1], 5),
    label: "Time (ms)",
    offset: 6,
  });
}

function drawPanelHeader(ctx: Context, header: Box, spec: PanelSpec) {
  drawText(ctx, spec.letter, header.x, header.y + 17, { size: 20, weight: 700 });
  drawText(ctx, spec.title, header.x + 24, header.y + 16, { size: 13, weight: 600 });
  const line = measuresText(spec.measures);
  if (line) drawText(ctx, line, header.x + 24, header.y + 34, { size: 10, color: INK.muted });
}

function drawVoltage(ctx: Context, box: Box, time: LinearScale, spec: PanelSpec) {
  const { panel, options, scales } = spec;
  const v = linearScale(scales.voltageMv, [box.y + box.height, box.y]);
  drawAxisLeft(ctx, box, v, { label: "Membrane potential (mV)", tickCount: 5 });
  const count = Math.min(options.traces ?? DEFAULTS.traces, panel.voltageMv?.length ?? 0);
  if (count === 0) {
    drawNote(ctx, box, "no voltage traces submitted");
    return;
  }
  const threshold = options.thresholdMv ?? CANONICAL_NEURON.thresholdMv;
  const peak = options.spikePeakMv ?? DEFAULTS.spikePeakMv;
  drawReferenceLine(ctx, box, v, threshold, INK.faint);
  const traces: TraceInput[] = [];
  for (let k = 0; k < count; k++) {
    const spikes = panel.spikeTimesMs[k] ?? [];
    const marks = [];
    for (let j = 0; j < spikes.length; j++)
      marks.push({ atMs: spikes[j], from: threshold, to: peak });
    traces.push({ values: panel.voltageMv?.[k] ?? [], dtMs: spec.dtMs, marks });
  }
  drawTraces(ctx, bleed(box), time, v, traces, {
    color: OKABE_ITO.blue,
    alpha: 0.5,
    lineWidth: 0.7,
    resolution: devicePixel(options),
  });
}

function drawCurrent(ctx: Context, box: Box, time: LinearScale, spec: PanelSpec) {
  const current = linearScale(spec.scales.currentPa, [box.y + box.height, box.y]);
  drawAxisLeft(ctx, box, current, { label: "Current (pA)", tickCount: 3 });
  drawReferenceLine(ctx, box, current, 0, INK.faint);
  drawTraces(ctx, bleed(box), time, current, [{ values: spec.panel.currentPa, dtMs: spec.dtMs }], {
    color: INK.text,
    lineWidth: 0.7,
    resolution: devicePixel(spec.options),
  });
}

function drawTrials(ctx: Context, box: Box, time: LinearScale, spec: PanelSpec) {
  const rows = spec.scales.trials;
  const trains = spec.panel.spikeTimesMs;
  // Trial k sits at the centre of row k - 1; the axis runs from trial 1 (top) to the last.
  const trial = linearScale([0.5, rows + 0.5], [box.y, box.y + box.height]);
  drawAxisLeft(ctx, box, trial, {
    ticks: rows > 1 ? [1, rows] : [1],
    label: "Trial",
    offset: 4,
  });
  if (trains.length === 0) {
    drawNote(ctx, box, "no trials");
    return;
  }
  if (trains.every((train) => train.length === 0)) {
    drawNote(ctx, box, "no spikes in any trial");
    return;
  }
  drawRaster(ctx, box, time, trains, { rows, color: INK.text, lineWidth: 0.9 });
}

/** One device pixel in layout pixels: the finest detail a decimated trace needs. */
function devicePixel(options: Figure1Options): number {
  return 1 / (options.scale ?? DEFAULTS.scale);
}

/** A plot box grown by a pixel so lines at the edge of the domain are not cut in half. */
function bleed(box: Box): Box {
  return insetBox(box, { top: -1.5, bottom: -1.5, left: -1.5, right: -1.5 });
}

function drawNote(ctx: Context, box: Box, text: string) {
  drawText(ctx, text, box.x + box.width / 2, box.y + box.height / 2, {
    size: 11,
    color: INK.muted,
    align: "center",
    baseline: "middle",
  });
}

function drawLabelBand(ctx: Context, box: Box, label: string, color: string) {
  ctx.save();
  ctx.fillStyle = color;
  ctx.fillRect(box.x + 10, box.y + 10, 4, box.height - 14);
  ctx.restore();
  drawText(ctx, label, box.x + 20, box.y + box.height - 9, { size: 15, weight: 700 });
  ctx.save();
  ctx.strokeStyle = INK.faint;
  ctx.lineWidth = 0.8;
  ctx.beginPath();
  ctx.moveTo(box.x + 10, box.y + box.height - 0.5);
  ctx.lineTo(box.x + box.width - 16, box.y + box.height - 0.5);
  ctx.stroke();
  ctx.restore();
}
