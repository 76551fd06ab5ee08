import type { FigureData } from "../checks/index.js";
import { type drawFigures, FIGURE_KEYS, FIGURES, type FigureSources } from "../report/figures.js";

/** The report's figures, as PNG bytes at the report's scale. */
export type CheckFigures = ReturnType<typeof drawFigures>;

/** The figures drawn ahead (drawWhenIdle) from each run's figure data, before the report. */
const drawnAhead = new WeakMap<FigureData, CheckFigures>();
const scheduled = new WeakSet<FigureData>();

/**
 * Draws, as soon as the event loop is idle, each figure of the checks whose data has arrived in
 * figures since the last call (all but Figure 1, which needs the panels of the last checks): a
 * check is done, the next one's request is on its way to the simulator, and the grader would
 * otherwise wait for the answer doing nothing. renderCheckFigures then takes them as drawn.
 */
export function drawWhenIdle(figures: FigureData): void {
  if (scheduled.has(figures)) return;
  scheduled.add(figures);
  setImmediate(() => {
    scheduled.delete(figures);
    const drawn = drawnAhead.get(figures) ?? {};
    drawnAhead.set(figures, drawn);
    for (const key of FIGURE_KEYS) {
      if (key === "figure1" || drawn[key] !== undefined) continue;
      try {
        const png = FIGURES[key].draw({ checks: figures });
        if (png !== undefined) drawn[key] = png;
      } catch {
        // Drawn again by renderCheckFigures, where a figure that cannot be drawn is reported.
      }
    }
  });
}

/**
 * Draws every figure of the report whose source is there (src/report/figures.ts says which
 * figures there are and what draws each): the f-I curve of neuron.fi, the autocorrelation of
 * stimulus.ou's current and neuron.match's rasters with their pixel diff from the data those
 * checks left, and Figure 1, yours above the reference's, when its panels are given. A figure
 * drawWhenIdle drew already from the same data is taken as it is.
 */
export function renderCheckFigures(
  figures: FigureData | undefined,
  figure1?: FigureSources["figure1"],
): CheckFigures {
  const ahead = figures === undefined ? undefined : drawnAhead.get(figures);
  const out: CheckFigures = {};
  for (const key of FIGURE_KEYS) {
    const png = ahead?.[key] ?? FIGURES[key].draw({ checks: figures, figure1 });
    if (png !== undefined) out[key] = png;
  }
  return out;
}
