import { doesNotApply } from "../checks/verdict.js";
import type { ClassIndexGradebook } from "./class-gradebook.js";

/** How one check went across the class. */
export interface CheckPassRate {
  id: string;
  title: string;
  hidden: boolean;
  pass: number;
  fail: number;
  error: number;
  /** Not run (after an earlier failure) though it was worth points. */
  skip: number;
  /** Teams it applied to: every team that has it, less those for which it was worth nothing (skipped as not applicable). */
  applicable: number;
}

/** The pass rate of each column: passes over the teams the check applied to. */
export function checkPassRates(
  gradebook: Pick<ClassIndexGradebook, "checks" | "teams">,
): CheckPassRate[] {
  return gradebook.checks.map((column) => {
    const rate: CheckPassRate = {
      id: column.id,
      title: column.title,
      hidden: column.visibility === "hidden",
      pass: 0,
      fail: 0,
      error: 0,
      skip: 0,
      applicable: 0,
    };
    for (const team of gradebook.teams) {
      const result = team.checks.find((c) => c.id === column.id);
      if (result === undefined || doesNotApply(result)) continue;
      rate.applicable++;
      rate[result.status]++;
    }
    return rate;
  });
}
