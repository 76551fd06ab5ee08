import { bootstrapDifference } from "../analysis/bootstrap.js";
import { gaussianInnerProduct } from "../analysis/rcorr.js";
import { type AnalysisWindow, spikesInWindow } from "../analysis/window.js";
import { type CheckDefinition, checkFunction } from "./check.js";
import { requireFigure1, usable } from "./figure1-a.js";
import { FIGURE1_DEFAULTS } from "./figure1-source.js";
import { fmt, verdict } from "./verdict.js";

export interface Figure1ContrastParameters {
  /** Coverage of the bootstrap interval, in (0, 1). */
  level: number;
}

const TOLERANCE = "figure1.contrast.rcorrDifference";

/** One trial of a panel, with the cosine similarities of that panel's trials (rcorr's terms). */
interface Trial {
  index: number;
  similarity: readonly Float64Array[];
}

/** The pairwise cosine similarities of a panel's Gaussian-filtered trains over the window. */
export function similarityMatrix(
  spikeTimesMs: readonly number[][],
  window: AnalysisWindow,
  sigmaMs: number,
): Float64Array[] {
  const trains = spikeTimesMs.map((train) => spikesInWindow(train, window));
  const squaredNorms = trains.map((t) => gaussianInnerProduct(t, t, sigmaMs));
  const n = trains.length;
  const m = Array.from({ length: n }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    m[i][i] = 1;
    for (let j = i + 1; j < n; j++) {
      // As rcorr's cosine: 0 when either train is empty, never above 1 by rounding.
      const product = gaussianInnerProduct(trains[i], trains[j], sigmaMs);
      const [a, b] = [squaredNorms[i], squaredNorms[j]];
      m[i][j] = a > 0 && b > 0 ? Math.min(1, product / Math.sqrt(a * b)) : 0;
      m[j][i] = m[i][j];
    }
  }
  return m;
}

/**
 * rcorr of a resample of trials over the pairs of distinct original trials. A resample holds
 * copies of the same trial, and a copy agrees perfectly with itself: counting such pairs would
 * make every resample look more reliable than the panel is (see src/analysis/bootstrap.ts).
 * On the original trials it is rcorr itself. NaN when no pair of distinct trials is left.
 */
export function rcorrOfDistinctPairs(trials: readonly Trial[]): number {
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < trials.length; i++) {
    for (let j = i + 1; j < trials.length; j++) {
      if (trials[i].index === trials[j].index) continue;
      sum += trials[i].similarity[trials[i].index][trials[j].index];
      pairs++;
    }
  }
  return pairs > 0 ? sum / pairs : Number.NaN;
}

function asTrials(similarity: Float64Array[]): Trial[] {
  return similarity.map((_, index) => ({ index, similarity }));
}

export const figure1Contrast: CheckDefinition<Figure1ContrastParameters> = {
  id: "figure1.contrast",
  stage: "figure1",
  parameters: (p) => ({
    level: p.number("level", { above: 0, below: 1, what: "a coverage in (0, 1), e.g. 0.99" }),
  }),
  tolerances: () => [TOLERANCE],
  async run(context, p) {
    const source = requireFigure1(context);
    const defaults = context.figure1Defaults ?? FIGURE1_DEFAULTS;
    const a = usable(await source.panelA(defaults.aNoiseSeed), "panel A");
    const [first] = await source.panelsB(defaults.bStimulusSeeds.slice(0, 1), defaults.bNoiseSeed);
    const b = usable(first.outcome, "panel B");
    const { window, rcorr, bootstrap } = context.measures;
    const similarityA = similarityMatrix(a.panel.spikeTimesMs, window, rcorr.sigmaMs);
    const similarityB = similarityMatrix(b.panel.spikeTimesMs, window, rcorr.sigmaMs);
    const interval = bootstrapDifference(
      asTrials(similarityA),
      asTrials(similarityB),
      rcorrOfDistinctPairs,
      { resamples: bootstrap.resamples, seed: bootstrap.seed, level: p.level },
    );
    const reference = context.tolerances.measures[TOLERANCE];
    const percent = `${fmt(p.level * 100)}%`;
    const details = {
      observed: {
        rcorrA: a.metrics.rcorr,
        rcorrB: b.metrics.rcorr,
        rcorrDifference: interval.estimate,
        intervalLow: interval.lo,
        intervalHigh: interval.hi,
        finiteResamples: interval.finiteResamples,
      },
      expected: {
        intervalLow: "above 0",
        level: p.level,
        resamples: bootstrap.resamples,
        bootstrapSeed: bootstrap.seed,
        referenceMedian: reference?.quantiles["0.5"],
      },
    };
    const said = `rcorr of B minus A is ${fmt(interval.estimate)} (${percent} interval ${fmt(interval.lo)} to ${fmt(interval.hi)} over resampled trials)`;
    if (interval.lo > 0) {
      return verdict(
        context.check,
        "pass",
        `${said}: B is more reliable than A beyond chance`,
        details,
      );
    }
    return verdict(
      context.check,
      "fail",
      `${said}, which does not exclude 0: panel B is not clearly more reliable than panel A; the reference's difference is about ${fmt(reference?.quantiles["0.5"])}`,
      details,
    );
  },
};

/** figure1.contrast: B is more reliable than A beyond what resampling trials explains. */
export const figure1ContrastCheck = checkFunction(figure1Contrast);
