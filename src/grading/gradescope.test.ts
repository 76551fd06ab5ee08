import { describe, expect, it } from "vitest";
import { check, report } from "../../tests/helpers/reports.js";
import { validate } from "../protocol/schemas.js";
import type { CheckResult } from "../protocol/types.js";
import { gradescopeResults } from "./gradescope.js";
import { REDACTED, redactReport } from "./redact.js";

describe("Gradescope results", () => {
  it("are valid, one test per check, hidden ones after publication and without their seeds", () => {
    const hidden: CheckResult = {
      ...check("figure1.B:hidden", "fail", 0, 1),
      message: "panel B on the frozen current of seed 1433413292 is unreliable",
    };
    const results = gradescopeResults(
      redactReport(
        report([check("manifest", "pass", 1), check("neuron.fi", "fail", 0, 2), hidden], {
          isolation: "bubblewrap",
        }),
        [1433413292],
      ),
    );
    const valid = validate("gradescope", results);
    expect(valid.ok ? [] : valid.errors).toEqual([]);
    // No top-level score: Gradescope totals the tests, and hides the total while one is hidden.
    expect(results.score).toBeUndefined();
    expect(results.stdout_visibility).toBe("hidden");
    expect(results.tests?.map((t) => [t.status, t.visibility, t.score, t.max_score])).toEqual([
      ["passed", "visible", 1, 1],
      ["failed", "visible", 0, 2],
      ["failed", "after_published", 0, 1],
    ]);
    expect(results.tests?.[2].output).toBe(
      `FAIL: panel B on the frozen current of seed ${REDACTED} is unreliable`,
    );
    expect(results.output).toContain("Public checks: 1/3 points, 1 of 2 passed.");
    expect(results.output).not.toContain("1433413292");
  });

  it("promise a results file no hidden check: none applies to it", () => {
    const notApplying: CheckResult = {
      ...check("figure1.B:hidden", "skip", 0, 0),
      visibility: "hidden",
      message: "a results-only submission has one panel B",
    };
    const results = gradescopeResults(
      report([check("figure1.A", "pass", 2), notApplying], { language: "results" }),
    );
    expect(results.output).not.toContain("hidden");
    expect(results.tests?.[1].output).toMatch(/^DOES NOT APPLY/);
  });
});
