import type { SweepCells, SweepDocument, SweepMapDocument } from "../protocol/types.js";

/**
 * The two trends a sweep's reliability map should show, as the course asks of it ("what is the
 * impact on the result?"), read the same way off the reference's maps and off a submission's:
 * - reliability rises with the input's SD: the mean over the upper half of the SD rows (every
 *   correlation time) is at least RISE above the mean of the lowest SD's row (at SD 0, a constant
 *   current, whose trials drift apart);
 * - reliability falls as intrinsic noise grows: over the same upper rows, the mean of the lowest
 *   noise's column is at least FALL above the highest noise's.
 * A reading, not a grade: the thresholds hold on the reference's maps from a 4 x 4 grid of 10
 * trials up, and fail for a simulator whose trials never differ.
 */
export interface SweepTrend {
  id: "rises-with-sd" | "falls-with-noise";
  /** The mean reliability at the start and at the end of the trend, in [0, 1]. */
  from: number;
  to: number;
  holds: boolean;
}

const RISE = 0.2;
const FALL = 0.1;

/** The trends of one source's maps (reference or a team), where its maps have the cells to tell. */
export function sweepTrends(
  document: SweepDocument,
  source: Pick<SweepMapDocument, "source" | "team">,
): SweepTrend[] {
  const mapOf = (id: SweepMapDocument["id"]) =>
    document.maps.find((m) => m.id === id && m.source === source.source && m.team === source.team);
  const rows = document.axes.sdPa.length;
  const upper = Array.from({ length: rows }, (_, i) => i).filter((i) => i >= rows / 2 && i > 0);
  const trends: SweepTrend[] = [];
  const byTau = mapOf("sd-tau")?.reliability;
  if (byTau && upper.length > 0) {
    const from = mean(byTau[0]);
    const to = mean(upper.flatMap((i) => byTau[i]));
    if (from !== undefined && to !== undefined) {
      trends.push({ id: "rises-with-sd", from, to, holds: to - from >= RISE });
    }
  }
  const byNoise = mapOf("sd-noise")?.reliability;
  const columns = document.axes.noiseSdMv.length;
  if (byNoise && upper.length > 0 && columns > 1) {
    const from = mean(columnOf(byNoise, upper, 0));
    const to = mean(columnOf(byNoise, upper, columns - 1));
    if (from !== undefined && to !== undefined) {
      trends.push({ id: "falls-with-noise", from, to, holds: from - to >= FALL });
    }
  }
  return trends;
}

function columnOf(cells: SweepCells, rows: readonly number[], column: number): (number | null)[] {
  return rows.map((i) => cells[i][column]);
}

/** The mean of the cells, or undefined if any has no value (a map that stopped short). */
function mean(cells: readonly (number | null)[]): number | undefined {
  if (cells.length === 0 || cells.some((v) => v === null)) return undefined;
  return (cells as number[]).reduce((s, v) => s + v, 0) / cells.length;
}
