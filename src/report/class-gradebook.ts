import type { CheckStatus } from "../protocol/types.js";

/**
 * What the class page shows: the grader's gradebook, or any object of this shape. Every number
 * and status in it is the grader's (each check's verdict, each team's tally); the page counts
 * and draws them, and never decides a pass of its own.
 */

/** One student. */
export interface ClassIndexMember {
  id: string;
  name: string;
}

/** One check of one team. */
export interface ClassIndexCheckResult {
  id: string;
  status: CheckStatus;
  points: number;
  maxPoints: number;
}

/** One team's line. */
export interface ClassIndexTeam {
  team: string;
  members: readonly ClassIndexMember[];
  score: number;
  maxScore: number;
  /** pass: every check passed; fail: graded, some check did not pass; error: it could not be graded. */
  status: "pass" | "fail" | "error";
  /** Why it failed or broke, in one line. */
  message?: string;
  checks: readonly ClassIndexCheckResult[];
  /** The team's report relative to the page. Default `<team>/report.html`. */
  report?: string;
  /** The written answers graded by hand, when the gradebook has them (score includes them). */
  manual?: {
    questions: readonly { id: string; points: number | null; maxPoints: number }[];
    notScored: number;
  };
}

/** What the class's means and histogram read of a team. */
type Scored = { score: number; maxScore: number; manual?: { notScored: number } };

/**
 * The teams whose score is a grade: a team with written answers not scored yet has none (its
 * total counts them as 0), so the class's means and histogram leave it out until they are.
 */
export function gradedTeams<T extends Scored>(teams: readonly T[]): T[] {
  return teams.filter((t) => (t.manual?.notScored ?? 0) === 0);
}

/**
 * The mean over the graded teams (gradedTeams) of score / maxScore, in percent with 1 decimal,
 * or null without one that can score: the class's mean wherever teams are scored out of
 * different maxima.
 */
export function meanPercent(teams: readonly Scored[]): number | null {
  const scored = gradedTeams(teams).filter((t) => t.maxScore > 0);
  if (scored.length === 0) return null;
  const mean = scored.reduce((s, t) => s + t.score / t.maxScore, 0) / scored.length;
  return Math.round(mean * 1000) / 10;
}

/** A check column, in the rubric's order. */
export interface ClassIndexColumn {
  id: string;
  title: string;
  visibility?: "public" | "hidden";
}

/** What the page shows: the grader's gradebook, or any object of this shape. */
export interface ClassIndexGradebook {
  checks: readonly ClassIndexColumn[];
  /** The questions graded by hand, when the gradebook has manual scores. */
  questions?: readonly { id: string; title: string; points: number }[];
  teams: readonly ClassIndexTeam[];
  /** Folders that were not graded, and why. */
  skipped?: readonly { name: string; reason: string }[];
  /** Things an instructor should look at. */
  warnings?: readonly string[];
  generatedBy?: { version: string };
}
