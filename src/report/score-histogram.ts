import type { ClassIndexTeam } from "./class-gradebook.js";

/** One bar of the score histogram: teams whose score lies in [low, high) (the last bar: [low, high]). */
export interface ScoreBin {
  label: string;
  low: number;
  high: number;
  count: number;
}

export interface ScoreHistogram {
  /** "points": one bar per whole score; "percent": ten bars of the maximum's tenths. */
  unit: "points" | "percent";
  bins: ScoreBin[];
}

/** The most bars of whole points; a larger maximum is binned in tenths. */
const MAX_POINT_BARS = 40;

/**
 * The score distribution: one bar per whole score 0..max when every team has the same whole
 * maximum (at most 40) and whole scores; otherwise ten bars of the fraction of each team's own
 * maximum (0-10%, ..., 90-100%, a full score in the last).
 */
export function scoreHistogram(
  teams: readonly Pick<ClassIndexTeam, "score" | "maxScore">[],
): ScoreHistogram {
  const max = teams.length > 0 ? teams[0].maxScore : 0;
  const whole =
    teams.length > 0 &&
    Number.isInteger(max) &&
    max >= 1 &&
    max <= MAX_POINT_BARS &&
    teams.every(
      (t) => t.maxScore === max && Number.isInteger(t.score) && t.score >= 0 && t.score <= max,
    );
  if (whole) {
    const bins = Array.from({ length: max + 1 }, (_, k) => ({
      label: String(k),
      low: k,
      high: k + 1,
      count: 0,
    }));
    for (const t of teams) bins[t.score].count++;
    return { unit: "points", bins };
  }
  const bins = Array.from({ length: 10 }, (_, k) => ({
    label: `${k * 10}%`,
    low: k * 10,
    high: (k + 1) * 10,
    count: 0,
  }));
  for (const t of teams) {
    const fraction = t.maxScore > 0 ? Math.min(1, Math.max(0, t.score / t.maxScore)) : 0;
    // The epsilon keeps 0.7 * 10 = 6.999... out of the bar below.
    bins[Math.min(9, Math.floor(fraction * 10 + 1e-9))].count++;
  }
  return { unit: "percent", bins };
}
