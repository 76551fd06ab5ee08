import { cpSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { GradeClassOptions } from "../../src/grading/grade-class.js";
import { ROOT } from "./cli.js";

/** The teams resultsOnlyClass makes. */
export const RESULTS_TEAMS = ["results-a", "results-b"] as const;

/**
 * A class of two results-only teams (the example's Figure 1 data: their checks take a second or
 * two and start no simulator), each with students of its own, so no warning of a shared member.
 */
export function resultsOnlyClass(classDir: string): void {
  for (const team of RESULTS_TEAMS) {
    cpSync(join(ROOT, "submissions/example-results"), join(classDir, team), { recursive: true });
  }
  const manifest = {
    team: "results-b",
    members: [{ id: "s2", name: "Bo" }],
    results: "figure1.json",
  };
  writeFileSync(join(classDir, "results-b", "submission.json"), JSON.stringify(manifest));
}

/** gradeClass's options for classDir graded into scratch/out, two teams at a time. */
export function gradeOptionsFor(
  classDir: string,
  scratch: string,
): (out: string, more?: Partial<GradeClassOptions>) => GradeClassOptions {
  return (out, more = {}) => ({
    dir: classDir,
    out: join(scratch, out),
    jobs: 2,
    timeoutMs: 30_000,
    ...more,
  });
}
