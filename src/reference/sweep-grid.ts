import { panelMetrics } from "../analysis/panel-metrics.js";
import { simulateLif } from "../model/lif.js";
import { ouCurrent, seedNormals } from "../model/stimulus.js";
import { CANONICAL, CANONICAL_NEURON, canonicalOu, sampleCount } from "../protocol/canonical.js";
import type {
  OuStimulusRequest,
  PanelMetrics,
  SweepMapId,
  SweepSettings,
} from "../protocol/types.js";

/**
 * The sweep behind `spikegrade sweep`: the course's question ("this noise can be characterised by
 * its amplitude and its characteristic time: what is the impact on the result?") asked of the
 * reference neuron over a grid. Each grid point is one Figure 1B: a frozen Ornstein-Uhlenbeck
 * current of that SD and correlation time, and `trials` runs of the reference LIF with intrinsic
 * noise, summarised by the measures the checks use.
 */

/** `from:to:count`: count values evenly spaced from `from` to `to`, both included. */
export interface GridRange {
  from: number;
  to: number;
  count: number;
}

/** The values of a range, rounded to 12 significant digits (0.1 * 3 reads 0.3). */
export function gridValues(range: GridRange): number[] {
  if (range.count === 1) return [range.from];
  const step = (range.to - range.from) / (range.count - 1);
  return Array.from({ length: range.count }, (_, i) =>
    Number((range.from + i * step).toPrecision(12)),
  );
}

/** The paper's Figure 1B: 100 pA SD, 3 ms correlation time, and the reference's 0.2 mV noise. */
export const PAPER_POINT = {
  sdPa: canonicalOu().sdPa,
  tauMs: canonicalOu().tauMs,
  noiseSdMv: CANONICAL_NEURON.noiseSdMv,
} as const;

/** Silence before and after the current, ms: the canonical 50 ms (its window is [50, 950) of 1000). */
const MARGIN_MS = CANONICAL.onsetMs;

/** The settings for a sweep of trials x durationMs at dtMs: the canonical current and seeds. */
export function sweepSettings(options: {
  trials: number;
  durationMs: number;
  dtMs: number;
  noiseSdMv: number;
}): SweepSettings {
  return {
    ...options,
    tauMs: PAPER_POINT.tauMs,
    meanPa: canonicalOu().meanPa,
    onsetMs: MARGIN_MS,
    offsetMs: options.durationMs - MARGIN_MS,
    stimulusSeed: CANONICAL.stimulusSeed,
    noiseSeed: CANONICAL.noiseSeed,
  };
}

/** The shortest trial a sweep runs, ms: 100 ms of current between the margins. */
export const MIN_SWEEP_DURATION_MS = 2 * MARGIN_MS + 100;

/** One grid point: the current's SD and correlation time, and the intrinsic noise. */
export interface SweepPoint {
  sdPa: number;
  tauMs: number;
  noiseSdMv: number;
}

/** The axes of both maps; the rows of each are the input SDs. */
export interface SweepAxes {
  sdPa: readonly number[];
  tauMs: readonly number[];
  noiseSdMv: readonly number[];
}

/** The column axis of a map: correlation time, or intrinsic noise. */
export function columnKey(id: SweepMapId): "tauMs" | "noiseSdMv" {
  return id === "sd-tau" ? "tauMs" : "noiseSdMv";
}

/** A map's points, row by row (input SD), each row across the column axis. */
export function mapPoints(id: SweepMapId, axes: SweepAxes, settings: SweepSettings): SweepPoint[] {
  const points: SweepPoint[] = [];
  for (const sdPa of axes.sdPa) {
    for (const x of axes[columnKey(id)]) {
      points.push(
        id === "sd-tau"
          ? { sdPa, tauMs: x, noiseSdMv: settings.noiseSdMv }
          : { sdPa, tauMs: settings.tauMs, noiseSdMv: x },
      );
    }
  }
  return points;
}

/** The request for a grid point's frozen current: the reference and a submission are asked alike. */
export function pointStimulus(settings: SweepSettings, point: SweepPoint): OuStimulusRequest {
  return {
    kind: "ou",
    dtMs: settings.dtMs,
    durationMs: settings.durationMs,
    onsetMs: settings.onsetMs,
    offsetMs: settings.offsetMs,
    meanPa: settings.meanPa,
    sdPa: point.sdPa,
    tauMs: point.tauMs,
    seed: settings.stimulusSeed,
  };
}

/** The normals of the last seed and length a grid point asked for: every point of a sweep shares them. */
let lastNormals: { seed: number; n: number; normals: Float64Array } | undefined;

/** The frozen current of a grid point, pA (the points' common normals drawn once a thread). */
function pointCurrent(settings: SweepSettings, point: SweepPoint): Float64Array {
  const request = pointStimulus(settings, point);
  const n = sampleCount(request.durationMs, request.dtMs);
  if (lastNormals?.seed !== request.seed || lastNormals.n !== n) {
    lastNormals = { seed: request.seed, n, normals: seedNormals(request.seed, n) };
  }
  return ouCurrent(request, lastNormals.normals);
}

/** The four measures of a grid point's trials, over the current's window (NaN where none). */
export function measureTrials(
  settings: SweepSettings,
  spikeTimesMs: readonly number[][],
): PanelMetrics<number> {
  return panelMetrics(spikeTimesMs, {
    window: { startMs: settings.onsetMs, endMs: settings.offsetMs },
  });
}

/** One grid point run on the reference neuron. */
export function measurePoint(settings: SweepSettings, point: SweepPoint): PanelMetrics<number> {
  const { spikeTimesMs } = simulateLif({
    dtMs: settings.dtMs,
    currentPa: pointCurrent(settings, point),
    trials: settings.trials,
    seed: settings.noiseSeed,
    recordVoltage: 0,
    neuron: { ...CANONICAL_NEURON, noiseSdMv: point.noiseSdMv },
  });
  return measureTrials(settings, spikeTimesMs);
}

/** Values an axis may have: 32 x 32 is the intended map; 256 x 256 already takes an hour. */
const MAX_GRID_COUNT = 256;

/**
 * What is wrong with a range, in words, or undefined: count a whole number from 1 to
 * MAX_GRID_COUNT, to at least from, a single value only where from = to, and every value at least
 * `least` (exclusive where `above`: a correlation time of 0 ms has no meaning).
 */
export function gridRangeProblem(
  range: GridRange,
  least: { value: number; above: boolean; unit: string },
): string | undefined {
  const { from, to, count } = range;
  if (!Number.isFinite(from) || !Number.isFinite(to)) return "from and to must be numbers";
  if (!Number.isInteger(count) || count < 1 || count > MAX_GRID_COUNT) {
    return `count must be a whole number from 1 to ${MAX_GRID_COUNT}`;
  }
  if (to < from) return `to (${to}) must not be below from (${from})`;
  if (count === 1 && to !== from) return "a count of 1 needs from = to";
  if (count > 1 && to === from) return "from = to gives one value: make the count 1";
  if (least.above ? !(from > least.value) : !(from >= least.value)) {
    return `from must be ${least.above ? "above" : "at least"} ${least.value}${least.unit}`;
  }
  return undefined;
}
