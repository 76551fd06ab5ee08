import type { FigureData, MatchFigureData } from "../checks/figure-data.js";
import { renderAutocorrelation } from "../render/autocorrelation-figure.js";
import { renderFiCurve } from "../render/fi-curve.js";
import {
  type Figure1ComparisonOptions,
  type Figure1Data,
  renderFigure1Comparison,
} from "../render/figure1.js";
import { type MatchFigure, renderMatch } from "../render/match-figure.js";

/**
 * The report's figures, each declared once: the file it is written to beside report.html, the
 * checks whose rows link to it, its words on the page, and what draws it from what. The page,
 * the links of the checklist and the writer of a team's folder all read this table, so a new
 * figure is one entry here, the render module that draws it, and (if it shows a check's
 * measurements) the data that check leaves in src/checks/figure-data.ts.
 */

/** What the figures are drawn from; a figure whose source is missing is not drawn. */
export interface FigureSources {
  /** What the public checks measured for their figures (never a hidden check's inputs). */
  checks?: FigureData;
  /** The submission's Figure 1 panels and the reference's, with the measures printed on them. */
  figure1?: {
    submission: Figure1Data;
    reference: Figure1Data;
    options: Figure1ComparisonOptions;
  };
}

export interface FigureSpec {
  /** The PNG's name next to the page when figures are linked. */
  fileName: string;
  /** The checks (check ids, a hidden repeat's included) whose rows say "See the figure". */
  checks: readonly string[];
  /** The link's words: "See the figure: <title>". */
  title: string;
  alt: string;
  /** HTML, written here and never from a submission. */
  caption: string;
  /** The PNG at the report's scale, or undefined when its source is missing. */
  draw(sources: FigureSources): Buffer | undefined;
}

// neuron.match's rasters and their diff come out of one drawing; each figure asks for its half.
const drawnMatches = new WeakMap<MatchFigureData, MatchFigure>();

function drawMatch(m: MatchFigureData | undefined): MatchFigure | undefined {
  if (m === undefined || m.stimulusSeeds.length === 0) return undefined;
  let drawn = drawnMatches.get(m);
  if (drawn === undefined) {
    drawn = renderMatch({
      durationMs: m.durationMs,
      referenceSpikesMs: m.referenceSpikesMs,
      submissionSpikesMs: m.submissionSpikesMs,
      currentPa: m.firstCurrentPa,
      dtMs: m.dtMs,
      rowLabels: m.stimulusSeeds.map((seed) => `seed ${seed}`),
    });
    drawnMatches.set(m, drawn);
  }
  return drawn;
}

/** The figures in the order the page shows them. */
export const FIGURES = {
  figure1: {
    fileName: "figure1.png",
    checks: ["figure1.A", "figure1.B", "figure1.contrast", "figure1.rate"],
    title: "Figure 1, yours and the reference's",
    alt: "Figure 1 of the submission above the reference's: voltage traces, current and spike raster of panels A and B",
    caption:
      "<strong>Figure 1.</strong> Yours (top) above the reference's (bottom), on the same scales. In panel A the trials should start together and drift apart after the first spikes; in panel B they should fire together, trial after trial.",
    draw: ({ figure1 }) =>
      figure1 && renderFigure1Comparison(figure1.submission, figure1.reference, figure1.options),
  },
  fi: {
    fileName: "fi-curve.png",
    checks: ["neuron.fi"],
    title: "firing rate against current",
    alt: "f-I curve: firing rate against constant current, the submission's points over the reference's accepted band",
    caption:
      "<strong>Firing rate against constant current</strong> (neuron.fi, noise off). Each of your points should sit in the shaded band the reference's faithful variants span; a diamond marks a rate outside it, a triangle one above the plot, a cross a current where no rate was measured.",
    draw: ({ checks }) => {
      const fi = checks?.fi;
      if (fi === undefined) return undefined;
      const medians = fi.referenceHz;
      return renderFiCurve(
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
    },
  },
  autocorrelation: {
    fileName: "autocorrelation.png",
    checks: ["stimulus.ou"],
    title: "autocorrelation of your OU current",
    alt: "Autocorrelation of the submission's OU current against lag, with the requested exponential",
    caption:
      "<strong>Autocorrelation of your OU current</strong> (stimulus.ou) against exp(\u2212lag / tau) for the tau that was asked for. The shaded band is the range of correlation times accepted; the diamond marks where your autocorrelation falls to 1/e.",
    draw: ({ checks }) => {
      const ac = checks?.autocorrelation;
      if (ac === undefined) return undefined;
      return renderAutocorrelation({
        dtMs: ac.dtMs,
        // A missing value is NaN to the figure, which then says the current does not fluctuate.
        autocorrelation: ac.autocorrelation.map((r) => r ?? Number.NaN),
        tauMs: ac.tauMs,
        tauMsEstimated: ac.tauMsEstimated,
        tauBandMs: ac.tauBandMs ?? undefined,
      });
    },
  },
  match: {
    fileName: "match.png",
    checks: ["neuron.match"],
    title: "spike rasters on the frozen currents",
    alt: "Spike rasters of the reference and the submission on the same frozen currents, noise off",
    caption:
      '<strong>Spike times on the same frozen currents, noise off</strong> (neuron.match). On each current, the reference\'s spikes <span class="key blue"></span>above yours <span class="key vermillion"></span>; they should line up to within a couple of milliseconds.',
    draw: ({ checks }) => drawMatch(checks?.match)?.figure,
  },
  matchDiff: {
    fileName: "match-diff.png",
    checks: [],
    title: "where the rasters differ",
    alt: "Pixel difference of the reference's raster and the submission's raster",
    caption:
      '<strong>Where the rasters differ.</strong> <span class="key blue"></span>a reference spike you did not fire, <span class="key vermillion"></span>a spike of yours the reference did not fire, <span class="key grey"></span>the same in both. A spike that is only a fraction of a millisecond off shows as a thin sliver of both colours.',
    draw: ({ checks }) => drawMatch(checks?.match)?.diff,
  },
} satisfies Record<string, FigureSpec>;

export type ReportFigure = keyof typeof FIGURES;

/** Every figure's key, in the page's order. */
export const FIGURE_KEYS = Object.keys(FIGURES) as ReportFigure[];

/** The file name of each figure next to the page when figures are linked. */
export const REPORT_IMAGE_FILES = Object.fromEntries(
  FIGURE_KEYS.map((key) => [key, FIGURES[key].fileName]),
) as { readonly [F in ReportFigure]: string };

/** The figure a check's row links to (a hidden repeat's id maps to its base check's figure). */
export function figureOfCheck(checkId: string): ReportFigure | undefined {
  const base = checkId.split(":")[0];
  return FIGURE_KEYS.find((key) => (FIGURES[key].checks as readonly string[]).includes(base));
}

/** Every figure whose source is there, drawn, in the page's order. */
export function drawFigures(sources: FigureSources): { [F in ReportFigure]?: Buffer } {
  const out: { [F in ReportFigure]?: Buffer } = {};
  for (const key of FIGURE_KEYS) {
    const png = FIGURES[key].draw(sources);
    if (png !== undefined) out[key] = png;
  }
  return out;
}
