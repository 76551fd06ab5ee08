import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import type { Figure1Panels } from "../checks/index.js";
import { formatJson } from "../protocol/json-format.js";
import { readJsonFile } from "../protocol/read-json.js";
import { referenceDir } from "../protocol/reference-files.js";
import { validate } from "../protocol/schemas.js";
import type {
  CheckReport,
  Figure1Results,
  PanelMetrics,
  ReferenceFigure1,
} from "../protocol/types.js";
import type { Validation } from "../protocol/validation.js";
import { prepareFigure1Comparison } from "../render/figure1.js";
import { REPORT_IMAGE_FILES } from "../report/figures.js";
import { type ReportAssets, reportImageFiles } from "../report/report-assets.js";
import { renderReportHtml } from "../report/report-html.js";
import type { Audience } from "../report/report-view.js";
import { renderCheckFigures } from "./check-figures.js";
import type { CheckedSubmission } from "./check-submission.js";
import { writeAtomic } from "./write-atomic.js";

let referenceFigure: Promise<Validation<ReferenceFigure1>> | undefined;

/**
 * reference/figure1.json (by default the package's, read once per process), checked against its
 * schema: the figure, or messages naming what is wrong with the file.
 */
export function loadReferenceFigure(path?: string): Promise<Validation<ReferenceFigure1>> {
  const load = async (file: string): Promise<Validation<ReferenceFigure1>> => {
    const read = await readJsonFile(file, { label: file });
    return read.ok ? validate("reference-figure1", read.value, { root: file }) : read;
  };
  if (path !== undefined) return load(path);
  referenceFigure ??= load(join(referenceDir(), "figure1.json"));
  return referenceFigure;
}

/** The Figure 1 comparison's options: the measures printed over each half. */
function figure1Options(reference: ReferenceFigure1, measures: CheckReport["metrics"]) {
  return {
    submissionMeasures: measures ? numericMetrics(measures) : undefined,
    referenceMeasures: reference.metrics,
  };
}

/**
 * What every report needs ready before its submission is checked: the reference's figure read,
 * and the reference's half of the Figure 1 comparison drawn on the reference's own scales (those
 * of any submission whose traces stay in the reference's ranges). Called while the simulator
 * starts; a reference that cannot be read is left for writeSubmissionReport to report.
 */
export async function prepareReport(): Promise<void> {
  const loaded = await loadReferenceFigure();
  if (loaded.ok) prepareFigure1Comparison(loaded.value, figure1Options(loaded.value, undefined));
}

/** The submission's panels as a results object the figure code draws; undefined without both. */
function submissionFigure(panels: Figure1Panels | undefined): Figure1Results | undefined {
  if (!panels?.A || !panels.B) return undefined;
  return {
    protocol: "mainen-sejnowski-1995-figure1",
    dtMs: panels.dtMs,
    durationMs: panels.durationMs,
    onsetMs: panels.onsetMs,
    offsetMs: panels.offsetMs,
    panels: { A: panels.A, B: panels.B },
  };
}

export interface WrittenReport {
  resultJson: string;
  reportHtml: string;
  figures: string[];
}

/**
 * Writes a checked submission's result.json, its figures (every figure of src/report/figures.ts
 * whose source is there: the submission's Figure 1 above the reference's, and the figures of the
 * checks that left their data) and report.html, which links the figures beside it, into outDir.
 * A figure of an earlier run that this one does not draw is removed. result.json goes to
 * options.resultDir when given (a graded team's: the instructor's folder), else beside the report.
 */
export async function writeSubmissionReport(
  checked: CheckedSubmission,
  outDir: string,
  options: { audience: Audience; resultDir?: string },
): Promise<WrittenReport> {
  await mkdir(outDir, { recursive: true });
  const loaded = await loadReferenceFigure();
  if (!loaded.ok) {
    throw new Error(
      `the reference figure is broken (reinstall spikegrade): ${loaded.errors.map((e) => e.message).join("; ")}`,
    );
  }
  const reference = loaded.value;
  const assets: ReportAssets = {
    log: checked.report.log,
    isolationNote: checked.isolationNote,
    referenceMetrics: reference.metrics,
  };
  const figure = submissionFigure(checked.panels);
  const figure1 = figure && {
    submission: figure,
    reference,
    options: figure1Options(reference, checked.report.metrics),
  };
  Object.assign(assets, renderCheckFigures(checked.figures, figure1));
  const figures: string[] = [];
  for (const { fileName, png } of reportImageFiles(assets)) {
    const path = join(outDir, fileName);
    await writeAtomic(path, png);
    figures.push(path);
  }
  // A stale figure beside the new report would show a run that is no longer the submission's.
  for (const fileName of Object.values(REPORT_IMAGE_FILES)) {
    const path = join(outDir, fileName);
    if (!figures.includes(path)) await rm(path, { force: true });
  }
  const resultJson = join(options.resultDir ?? outDir, "result.json");
  await writeAtomic(resultJson, formatJson(checked.report));
  const reportHtml = join(outDir, "report.html");
  await writeAtomic(
    reportHtml,
    renderReportHtml(checked.report, assets, { audience: options.audience, images: "link" }),
  );
  return { resultJson, reportHtml, figures };
}

/** The report's metrics allow null for a measure that has no value; the figure wants numbers. */
function numericMetrics(m: { A: PanelMetrics; B: PanelMetrics }) {
  const n = (x: number | null) => x ?? Number.NaN;
  const panel = (p: PanelMetrics) => ({
    reliability: n(p.reliability),
    precisionMs: n(p.precisionMs),
    rcorr: n(p.rcorr),
    rateHz: n(p.rateHz),
  });
  return { A: panel(m.A), B: panel(m.B) };
}
