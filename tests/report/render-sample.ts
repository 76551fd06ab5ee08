/**
 * Renders the sample report (tests/report/sample-report.ts) with real figures, to look at it as a
 * student or an instructor would:
 *
 *   node --import ./dev/register.mjs tests/report/render-sample.ts OUTDIR
 *
 * writes OUTDIR/report.html (student, figures embedded), OUTDIR/instructor.html,
 * OUTDIR/passing.html (every check passes, no figures) and OUTDIR/linked/report.html with its
 * PNGs beside it. The figures are of the reference model
 * with no refractory period, the bug the sample report describes.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ouStatistics } from "../../src/analysis/ou-statistics.js";
import { simulateLif } from "../../src/model/lif.js";
import { rheobasePa } from "../../src/model/lif-theory.js";
import { makeStimulus } from "../../src/model/stimulus.js";
import { CANONICAL_NEURON, canonicalOu } from "../../src/protocol/canonical.js";
import { packageRoot } from "../../src/protocol/package-root.js";
import type { Tolerances } from "../../src/protocol/types.js";
import { referenceFigure1 } from "../../src/reference/figure1.js";
import { renderAutocorrelation } from "../../src/render/autocorrelation-figure.js";
import { renderFiCurve } from "../../src/render/fi-curve.js";
import { renderFigure1Comparison } from "../../src/render/figure1.js";
import { renderMatch } from "../../src/render/match-figure.js";
import { type ReportAssets, reportImageFiles } from "../../src/report/report-assets.js";
import { renderReportHtml } from "../../src/report/report-html.js";
import { gradedReport, sampleReport } from "./sample-report.js";

const out = process.argv[2] ?? "/tmp/spikegrade-report";
const root = packageRoot();
const tolerances = JSON.parse(
  readFileSync(join(root, "reference", "tolerances.json"), "utf8"),
) as Tolerances;
const quantile = (name: string, level: string) => tolerances.measures[name].quantiles[level];

const buggy = { ...CANONICAL_NEURON, refractoryMs: 0 };
const reference = referenceFigure1();
const submission = referenceFigure1(buggy);
const figure1 = renderFigure1Comparison(submission, reference, {
  submissionMeasures: { A: submission.metrics.A, B: submission.metrics.B },
  referenceMeasures: { A: reference.metrics.A, B: reference.metrics.B },
  submissionLabel: "Submission: team-07",
});

// The f-I curve straight from the report's neuron.fi verdict, as a grader would draw it.
const fiCheck = sampleReport().checks.find((c) => c.id === "neuron.fi");
const fiComparisons = fiCheck?.comparisons ?? [];
if (fiComparisons.length === 0) throw new Error("the sample report's neuron.fi has no rates");
const fiData = {
  currentsPa: fiComparisons.map((c) => Number(/rate at (\d+) pA/.exec(c.measure)?.[1])),
  submissionHz: fiComparisons.map((c) => c.observed[0]?.value ?? null),
  band: fiComparisons.map((c) => ({ low: c.low ?? 0, high: c.high ?? c.low ?? 0 })),
  inBand: fiComparisons.map((c) => c.observed.every((o) => o.inBand)),
};
const fi = renderFiCurve(fiData, { rheobasePa: rheobasePa(CANONICAL_NEURON) });

const ou = makeStimulus({
  ...canonicalOu(0.5, 2021),
  durationMs: 10_000,
  onsetMs: 0,
  offsetMs: 10_000,
});
const stats = ouStatistics(ou, 0.5, { startMs: 0, endMs: 10_000, maxLagMs: 10 });
const autocorrelation = renderAutocorrelation({
  dtMs: 0.5,
  autocorrelation: stats.autocorrelation,
  tauMs: 3,
  tauMsEstimated: stats.tauMs,
  tauBandMs: {
    low: quantile("stimulus.ou.tauMs", "0.001"),
    high: quantile("stimulus.ou.tauMs", "0.999"),
  },
});

const seeds = [2021, 11, 12, 13, 14];
const currents = seeds.map((seed) => makeStimulus(canonicalOu(0.5, seed)));
const spikes = (neuron: typeof CANONICAL_NEURON) =>
  currents.map(
    (currentPa) =>
      simulateLif({
        dtMs: 0.5,
        currentPa,
        trials: 1,
        seed: 0,
        recordVoltage: 0,
        neuron: { ...neuron, noiseSdMv: 0 },
      }).spikeTimesMs[0],
  );
const match = renderMatch({
  durationMs: 1000,
  referenceSpikesMs: spikes(CANONICAL_NEURON),
  submissionSpikesMs: spikes(buggy),
  currentPa: currents[0],
  dtMs: 0.5,
  rowLabels: seeds.map((seed) => `seed ${seed}`),
});

const assets: ReportAssets = {
  figure1,
  fi,
  autocorrelation,
  match: match.figure,
  matchDiff: match.diff,
  referenceMetrics: reference.metrics,
  tolerances,
};
const generatedAt = new Date("2025-11-27T23:41:00Z");
mkdirSync(join(out, "linked"), { recursive: true });
writeFileSync(join(out, "report.html"), renderReportHtml(sampleReport(), assets, { generatedAt }));
writeFileSync(
  join(out, "instructor.html"),
  renderReportHtml(gradedReport(), assets, { generatedAt, audience: "instructor" }),
);
writeFileSync(
  join(out, "linked", "report.html"),
  renderReportHtml(sampleReport(), assets, { generatedAt, images: "link" }),
);
const passing = sampleReport();
passing.checks = passing.checks.map((c) => ({
  ...c,
  status: "pass",
  points: c.maxPoints,
  message: c.status === "pass" ? c.message : `${c.title}: as the reference`,
}));
passing.score = passing.maxScore;
passing.passed = true;
passing.log = "";
writeFileSync(join(out, "passing.html"), renderReportHtml(passing, {}, { generatedAt }));
for (const file of reportImageFiles(assets))
  writeFileSync(join(out, "linked", file.fileName), file.png);
for (const [name, png] of Object.entries({
  figure1,
  fi,
  autocorrelation,
  match: match.figure,
  diff: match.diff,
})) {
  writeFileSync(join(out, `${name}.png`), png);
}
