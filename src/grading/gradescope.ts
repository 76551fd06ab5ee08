import { tally } from "../checks/run-checks.js";
import { checkPassed, doesNotApply } from "../checks/verdict.js";
import type {
  CheckReport,
  CheckResult,
  GradescopeResults,
  GradescopeTest,
} from "../protocol/types.js";

const WORD: Record<CheckResult["status"], string> = {
  pass: "PASS",
  fail: "FAIL",
  error: "ERROR",
  skip: "NOT RUN",
};

/**
 * A team's result in Gradescope's results.json format: one test per check, in the order they
 * ran. Public checks are "visible"; hidden checks "after_published", so students see them only
 * once the instructor publishes the grades, and even then without the hidden inputs (the report
 * given is already redacted: redactReport). What a student sees before publication gives nothing
 * of the hidden checks away (docs/gradescope.md has the argument, from Gradescope's documented
 * fields): no top-level score (Gradescope totals the tests, and shows no total while a test is
 * not yet visible), no execution time, the run's stdout never shown, and the text above the
 * tests speaks of the public checks only and of how many hidden ones there are.
 */
export function gradescopeResults(report: CheckReport): GradescopeResults {
  const tests: GradescopeTest[] = report.checks.map((check, i) => {
    const hidden = check.visibility === "hidden";
    const { message } = check;
    const word = doesNotApply(check) ? "DOES NOT APPLY" : WORD[check.status];
    return {
      name: `${check.id}: ${check.title}`,
      number: String(i + 1),
      score: check.points,
      max_score: check.maxPoints,
      status: checkPassed(check) ? "passed" : "failed",
      visibility: hidden ? "after_published" : "visible",
      output: message === "" ? word : `${word}: ${message}`,
      output_format: "text",
      extra_data: { id: check.id, status: check.status },
    };
  });
  const publicChecks = report.checks.filter((c) => c.visibility !== "hidden");
  // A hidden check that does not apply (a results file) neither ran nor is to come.
  const ran = report.checks.filter((c) => c.visibility === "hidden" && !doesNotApply(c)).length;
  const shown = tally(publicChecks);
  const notRun = report.hiddenChecks ?? 0;
  const lines = [
    `Public checks: ${shown.score}/${shown.maxScore} points, ${shown.applicablePassed} of ${shown.applicable} passed.`,
  ];
  if (ran > 0) {
    lines.push(
      `${ran} hidden ${ran === 1 ? "check" : "checks"} ran on inputs you have not seen; ${ran === 1 ? "it is" : "they are"} shown when grades are published.`,
    );
  }
  if (notRun > 0) {
    lines.push(
      `${notRun} hidden ${notRun === 1 ? "check was" : "checks were"} not run in this grading.`,
    );
  }
  if (report.isolation) lines.push(`Isolation: ${report.isolation}`);
  return {
    output: lines.join("\n"),
    output_format: "text",
    test_output_format: "text",
    stdout_visibility: "hidden",
    tests,
  };
}

/**
 * The results of a submission spikegrade could not grade (no simulator found, the autograder
 * itself broken): 0 points and a text that says what to do. Gradescope takes them as they are;
 * none of the rubric's checks is listed, since none ran.
 */
export function gradescopeFailure(message: string): GradescopeResults {
  return {
    score: 0,
    output: message,
    output_format: "text",
    stdout_visibility: "hidden",
    tests: [],
  };
}
