import type { FigureData } from "../checks/index.js";
import { renderAutocorrelation } from "../render/autocorrelation-figure.js";
import { renderFiCurve } from "../render/fi-curve.js";
import { renderMatch } from "../render/match-figure.js";
import type { ReportAssets } from "../report/report-html.js";

/** The report's figures of the checks, as PNG bytes at the report's scale. */
export type CheckFigures = Pick<ReportAssets, "fi" | "autocorrelation" | "match" | "matchDiff">;

/**
 * Draws the figure of each check that left its data: the f-I curve of neuron.fi (the
 * submission's steady rates over the accepted band, the reference's median), the autocorrelation
 * of stimulus.ou's current against exp(-lag / tau) of the request, and neuron.match's rasters of
 * the reference above the submission's on the same frozen currents with their pixel diff.
 */
export function renderCheckFigures(figures: FigureData | undefined): CheckFigures {
  const out: CheckFigures = {};
  if (figures?.fi) {
    const fi = figures.fi;
    const medians = fi.referenceHz;
    out.fi = renderFiCurve(
      {
        currentsPa: fi.currentsPa,
        submissionHz: fi.rateHz,
        band: fi.band,
        inBand: fi.inBand,
        // The reference's line only where tolerances.json has every median.
        referenceHz: medians.every((m) => m !== null) ? (medians as number[]) : undefined,
      },
      { rheobasePa: fi.rheobasePa },
    );
  }
  if (figures?.autocorrelation) {
    const ac = figures.autocorrelation;
    out.autocorrelation = renderAutocorrelation({
      dtMs: ac.dtMs,
      // A missing value is NaN to the figure, which then says the current does not fluctuate.
      autocorrelation: ac.autocorrelation.map((r) => r ?? Number.NaN),
      tauMs: ac.tauMs,
      tauMsEstimated: ac.tauMsEstimated,
      tauBandMs: ac.tauBandMs ?? undefined,
    });
  }
  if (figures?.match && figures.match.stimulusSeeds.length > 0) {
    const m = figures.match;
    const drawn = renderMatch({
      durationMs: m.durationMs,
      referenceSpikesMs: m.referenceSpikesMs,
      submissionSpikesMs: m.submissionSpikesMs,
      currentPa: m.firstCurrentPa,
      dtMs: m.dtMs,
      rowLabels: m.stimulusSeeds.map((seed) => `seed ${seed}`),
    });
    out.match = drawn.figure;
    out.matchDiff = drawn.diff;
  }
  return out;
}
