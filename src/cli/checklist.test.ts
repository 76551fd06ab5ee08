import { describe, expect, it } from "vitest";
import type { CheckResult } from "../protocol/types.js";
import { summaryLines } from "./checklist.js";

const plain = { color: false };

function result(id: string, status: CheckResult["status"], maxPoints = 1): CheckResult {
  const points = status === "pass" ? maxPoints : 0;
  return { id, title: id, status, points, maxPoints, visibility: "public", message: id };
}

describe("the checklist's closing line", () => {
  it("says every check passed only when every check applied", () => {
    const all = [result("manifest", "pass"), result("figure1.A", "pass")];
    expect(
      summaryLines(
        { score: 2, maxScore: 2, checks: all, hiddenChecks: 0, hiddenPoints: 0 },
        plain,
      )[0],
    ).toBe("Score 2/2 — every check passed");
    const resultsOnly = [...all, result("load", "skip", 0), result("neuron.fi", "skip", 0)];
    expect(
      summaryLines(
        { score: 2, maxScore: 2, checks: resultsOnly, hiddenChecks: 0, hiddenPoints: 0 },
        plain,
      )[0],
    ).toBe("Score 2/2 — every check that applies passed (2 do not apply to this submission)");
    const failing = [...all, result("neuron.fi", "fail")];
    expect(
      summaryLines(
        { score: 2, maxScore: 3, checks: failing, hiddenChecks: 0, hiddenPoints: 0 },
        plain,
      )[0],
    ).toBe("Score 2/3 — 1 failed");
  });

  it("tells the student what the grade is out of when hidden checks are still to come", () => {
    const all = [result("manifest", "pass"), result("neuron.fi", "pass", 2)];
    expect(
      summaryLines(
        { score: 3, maxScore: 3, checks: all, hiddenChecks: 4, hiddenPoints: 5 },
        plain,
      )[1],
    ).toBe(
      "4 hidden checks (5 points) run only at grading, on inputs you have not seen: the grade is out of 8.",
    );
    expect(
      summaryLines(
        { score: 3, maxScore: 3, checks: all, hiddenChecks: 1, hiddenPoints: 1 },
        plain,
      )[1],
    ).toBe(
      "1 hidden check (1 point) runs only at grading, on inputs you have not seen: the grade is out of 4.",
    );
    expect(
      summaryLines({ score: 3, maxScore: 3, checks: all, hiddenChecks: 0, hiddenPoints: 0 }, plain),
    ).toHaveLength(1);
  });
});
