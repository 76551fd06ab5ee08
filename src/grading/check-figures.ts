import type { FigureData } from "../checks/index.js";
import { drawFigures, type FigureSources } from "../report/figures.js";

/** The report's figures, as PNG bytes at the report's scale. */
export type CheckFigures = ReturnType<typeof drawFigures>;

/**
 * Draws every figure of the report whose source is there (src/report/figures.ts says which
 * figures there are and what draws each): the f-I curve of neuron.fi, the autocorrelation of
 * stimulus.ou's current and neuron.match's rasters with their pixel diff from the data those
 * checks left, and Figure 1, yours above the reference's, when its panels are given.
 */
export function renderCheckFigures(
  figures: FigureData | undefined,
  figure1?: FigureSources["figure1"],
): CheckFigures {
  return drawFigures({ checks: figures, figure1 });
}
