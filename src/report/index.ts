/**
 * The per-team HTML report: renderReportHtml turns a CheckReport (validated against its schema)
 * and optional figures into one self-contained page; reportImageFiles lists the PNGs a page in
 * "link" mode refers to. Which figures there are, and what draws each, is figures.ts.
 */
export { type Comparison, checkComparisons } from "./check-comparisons.js";
export { escapeHtml } from "./escape-html.js";
export { REPORT_IMAGE_FILES, type ReportFigure } from "./figures.js";
export { type ImageMode, isSafeImageName } from "./image-source.js";
export { type ReportAssets, reportImageFiles } from "./report-assets.js";
export { InvalidReportError, type ReportOptions, renderReportHtml } from "./report-html.js";
export { type Audience, type ReportView, reportView, splitHint } from "./report-view.js";
