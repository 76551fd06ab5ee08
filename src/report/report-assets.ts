import type { PanelMetrics, Tolerances } from "../protocol/types.js";
import { FIGURE_KEYS, FIGURES, type ReportFigure } from "./figures.js";

/**
 * Figures and extras a report shows; each is optional. A figure (figures.ts FIGURES) is PNG bytes
 * or the name of a PNG next to the page.
 */
export interface ReportAssets extends Partial<Record<ReportFigure, Buffer | string>> {
  /** What the simulator printed; overrides report.log. */
  log?: string;
  /** What the isolation blocks and why it was chosen (the simulator's isolationNote). */
  isolationNote?: string;
  /** The reference's Figure 1 measures, shown beside the submission's. */
  referenceMetrics?: { A: PanelMetrics; B: PanelMetrics };
  /** reference/tolerances.json: the reference's median and range beside each measure. */
  tolerances?: Tolerances;
}

/** The figures given as bytes, with the file names "link" mode refers to them by. */
export function reportImageFiles(assets: ReportAssets): { fileName: string; png: Buffer }[] {
  const out: { fileName: string; png: Buffer }[] = [];
  for (const key of FIGURE_KEYS) {
    const asset = assets[key];
    if (Buffer.isBuffer(asset)) out.push({ fileName: FIGURES[key].fileName, png: asset });
  }
  return out;
}
