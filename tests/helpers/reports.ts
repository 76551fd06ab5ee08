import { tally } from "../../src/checks/run-checks.js";
import type { CheckReport, CheckResult } from "../../src/protocol/types.js";

/** A course secret for tests of hidden inputs and redaction. */
export const SECRET = "course-secret-2025-abc";

export function check(
  id: string,
  status: CheckResult["status"],
  points: number,
  maxPoints = points,
) {
  return {
    id,
    title: id,
    status,
    points: status === "pass" ? maxPoints : points,
    maxPoints,
    visibility: id.endsWith(":hidden") ? "hidden" : "public",
    message: `${id} says ${status}`,
  } satisfies CheckResult;
}

export function report(checks: CheckResult[], extra: Partial<CheckReport> = {}): CheckReport {
  const { passed, score, maxScore } = tally(checks);
  return {
    team: "team-07",
    members: [
      { id: "s1", name: "Ada Lovelace" },
      { id: "s2", name: "Alan Turing" },
    ],
    passed,
    score,
    maxScore,
    checks,
    ...extra,
  };
}
