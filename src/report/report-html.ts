import { validate } from "../protocol/schemas.js";
import type { CheckReport } from "../protocol/types.js";
import { checklistSection } from "./checklist-section.js";
import { escapeHtml as h } from "./escape-html.js";
import { figuresSection, shownFigures } from "./figures-section.js";
import { formatDate } from "./format.js";
import type { ImageMode } from "./image-source.js";
import { logSection } from "./log-section.js";
import { metricsSection } from "./metrics-section.js";
import { pageHead } from "./page-head.js";
import type { ReportAssets } from "./report-assets.js";
import { reportHeader } from "./report-header.js";
import { type Audience, reportView } from "./report-view.js";
import { runSection } from "./run-section.js";
import { REPORT_CSS } from "./stylesheet.js";

/**
 * One team's report as a single self-contained HTML page: the verdict and score, what to fix
 * first, the checklist with every observed value beside the band it was compared with, the
 * Figure 1 measures beside the reference's, the figures, how the code was run and what it
 * printed. No script, no network: style inline, figures embedded as data: URIs or linked as
 * PNG files next to the page. Everything that comes from the student is HTML-escaped. Each
 * section is a module of its own (report-header.ts, checklist-section.ts, ...).
 */

export interface ReportOptions {
  /**
   * "student" (default): hidden checks are not shown, only counted, and the score is that of
   * the public checks; "instructor": every check, marked hidden where it is.
   */
  audience?: Audience;
  /**
   * "embed" (default): figures given as bytes become data: URIs; "link": they are linked as
   * REPORT_IMAGE_FILES next to the page, which the caller writes (reportImageFiles). A figure
   * given as a file name is always linked.
   */
  images?: ImageMode;
  /** Device pixels per layout pixel of the figures given as bytes. Default 2. */
  imageScale?: number;
  /** The most characters of the log shown. Default 20000. */
  maxLogChars?: number;
  /** When the report was made. Default now. */
  generatedAt?: Date;
  /** spikegrade's version, when the report does not carry one. */
  version?: string;
}

const DEFAULTS = { imageScale: 2, maxLogChars: 20_000 };

/** A CheckReport that does not match its schema: nothing is rendered from it. */
export class InvalidReportError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`the check report cannot be rendered: ${problems.join("; ")}`);
    this.name = "InvalidReportError";
    this.problems = problems;
  }
}

/**
 * The report as an HTML page. The report is validated against the check-report schema first
 * (InvalidReportError lists what is wrong); a figure that is neither PNG bytes nor a plain
 * relative .png name is a RangeError.
 */
export function renderReportHtml(
  report: CheckReport,
  assets: ReportAssets = {},
  options: ReportOptions = {},
): string {
  const checked = validate("check-report", report);
  if (!checked.ok) throw new InvalidReportError(checked.errors.map((e) => e.message));
  const audience = options.audience ?? "student";
  const view = reportView(checked.value, audience);
  const images = {
    mode: options.images ?? "embed",
    scale: options.imageScale ?? DEFAULTS.imageScale,
  };
  const figures = shownFigures(assets, images.mode, images.scale);
  const version = report.spikegradeVersion ?? options.version ?? "unknown";
  const generatedAt = options.generatedAt ?? new Date();
  const title = `spikegrade report: ${report.team}`;
  return [
    ...pageHead({
      title,
      css: REPORT_CSS,
      // No script, no remote anything: the page may only show its own inline style and images.
      contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; img-src data: 'self'",
    }),
    "<main>",
    reportHeader(checked.value, view, audience),
    checklistSection(view, audience, figures, assets.tolerances),
    metricsSection(checked.value, assets),
    figuresSection(figures),
    runSection(checked.value, assets),
    logSection(checked.value, assets, view, audience, options.maxLogChars ?? DEFAULTS.maxLogChars),
    `<footer>Made by spikegrade ${h(version)} on ${h(formatDate(generatedAt))}${
      audience === "instructor" ? " \u00b7 instructor's copy: includes hidden checks" : ""
    }.</footer>`,
    "</main>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
