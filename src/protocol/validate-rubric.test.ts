import { describe, expect, test } from "vitest";
import { rubric, tolerances } from "../../tests/protocol/examples.js";
import type { Rubric } from "./types.js";
import { rubricProblems, validateRubric } from "./validate-rubric.js";

describe("rubric semantics", () => {
  test("the example rubric and tolerances agree", () => {
    expect(validateRubric(rubric, tolerances)).toEqual({ ok: true, value: rubric });
  });

  test("a repeated id, and a tolerance that does not exist", () => {
    const bad: Rubric = structuredClone(rubric);
    bad.checks.push({ ...bad.checks[1], tolerances: ["figure1.B.reliabilty"] });
    expect(rubricProblems(bad, tolerances)).toEqual([
      {
        path: "checks[3].id",
        message:
          "checks[3].id figure1.B repeats checks[1].id; give a repeat a variant, e.g. figure1.B:hidden",
      },
      {
        path: "checks[3].tolerances[0]",
        message:
          'checks[3].tolerances[0] "figure1.B.reliabilty" is not in tolerances.json (did you mean "figure1.B.reliability"?)',
      },
    ]);
  });

  test("a question id twice, and a question naming a check the rubric does not have", () => {
    const bad: Rubric = structuredClone(rubric);
    bad.questions = [
      { id: "q01", title: "Frozen noise", points: 2, checks: ["figure1.B", "figure1.b"] },
      { id: "q01", title: "Conclude", points: 1 },
    ];
    expect(rubricProblems(bad, tolerances)).toEqual([
      {
        path: "questions[0].checks[1]",
        message:
          'questions[0].checks[1] "figure1.b" is not a check of this rubric (did you mean "figure1.B"?)',
      },
      {
        path: "questions[1].id",
        message: "questions[1].id q01 repeats questions[0].id; give each question its own id",
      },
    ]);
  });

  test("without tolerances, names are not checked", () => {
    const bad: Rubric = structuredClone(rubric);
    bad.checks[1].tolerances = ["nowhere"];
    expect(rubricProblems(bad)).toEqual([]);
  });

  test("a rubric that fails its schema is reported by the schema", () => {
    const checked = validateRubric({
      checks: [{ id: "figure1.C", title: "x", points: -1, visibility: "secret" }],
    });
    expect(checked.ok ? [] : checked.errors.map((error) => error.path)).toEqual([
      "measures",
      "checks[0].id",
      "checks[0].points",
      "checks[0].visibility",
    ]);
  });
});
