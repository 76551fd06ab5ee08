import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { validate } from "../../src/protocol/schemas.js";
import type { AnswersDocument } from "../../src/protocol/types.js";
import { ROOT, runCli } from "../helpers/cli.js";

const out = mkdtempSync(join(tmpdir(), "spikegrade-answers-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));
const TEMPLATE = join(ROOT, "tests/fixtures/answers/template.ipynb");

describe("spikegrade answers", () => {
  test("the bundled submissions: the example notebook answers all 17 questions of the template", () => {
    const run = runCli([
      "answers",
      join(ROOT, "submissions"),
      "--out",
      out,
      "--template",
      TEMPLATE,
    ]);
    expect(run.stderr).toMatch(/^Read 4 teams' notebooks: 17 questions, 17 answers\. Wrote /);
    expect(run.code).toBe(0);
    const document = JSON.parse(
      readFileSync(join(out, "answers", "answers.json"), "utf8"),
    ) as AnswersDocument;
    expect(validate("answers", document).ok).toBe(true);
    expect(document.template).toBe("template.ipynb");
    const notebook = document.teams.find((team) => team.team === "example-notebook");
    expect(notebook?.members.map((member) => member.name)).toEqual(["Noor Haddad", "Felix Brandt"]);
    expect(notebook?.answers.map((answer) => answer.found)).toEqual(Array(17).fill("after-prompt"));
    expect(notebook?.answers[1].cells[0].source).toMatch(/^R is the membrane's input resistance/);
    expect(notebook?.warnings).toEqual([]);
    const python = document.teams.find((team) => team.team === "example-python");
    expect(python).toMatchObject({ notebook: null, warnings: ["no notebook was handed in"] });
    // The pages to grade by question: an index and one page per question, the answer on it.
    expect(run.stderr).toContain(`Grade them by question: ${join(out, "answers", "index.html")}`);
    const q02 = readFileSync(join(out, "answers", "q02.html"), "utf8");
    expect(q02).toContain("R is the membrane");
    expect(existsSync(join(out, "answers", "q17.html"))).toBe(true);
  });

  test("a course rubric's questions give each answer its points field and its checks' verdicts", () => {
    const graded = join(out, "graded");
    const rubric = JSON.parse(readFileSync(join(ROOT, "reference/rubric.json"), "utf8"));
    rubric.questions = [{ id: "q02", title: "R and its unit", points: 2, checks: ["neuron.fi"] }];
    const file = join(out, "course-rubric.json");
    writeFileSync(file, JSON.stringify(rubric));
    // grade writes the same pages when a team handed in a notebook, the figures beside them.
    const grade = runCli([
      "grade",
      join(ROOT, "submissions"),
      "--out",
      graded,
      "--team",
      "example-notebook",
      "--rubric",
      file,
      "--template",
      TEMPLATE,
    ]);
    expect(grade.code, grade.stderr).toBe(0);
    expect(grade.stdout).toContain(
      `Written answers, by question: ${join(graded, "answers", "index.html")}`,
    );
    const fromGrade = readFileSync(join(graded, "answers", "q02.html"), "utf8");
    expect(fromGrade).toContain('src="../example-notebook/fi-curve.png"');
    expect(existsSync(join(graded, "example-notebook", "fi-curve.png"))).toBe(true);
    expect(fromGrade).toMatch(
      /<span class="mark pass">[^<]*<\/span> <span class="mono">neuron\.fi/,
    );
    rmSync(join(graded, "answers"), { recursive: true });
    const run = runCli([
      "answers",
      join(ROOT, "submissions"),
      "--out",
      graded,
      "--template",
      TEMPLATE,
      "--rubric",
      file,
    ]);
    expect(run.code, run.stderr).toBe(0);
    const q02 = readFileSync(join(graded, "answers", "q02.html"), "utf8");
    expect(q02).toMatch(/max="2"/);
    expect(q02).toContain("neuron.fi");
    expect(q02).toContain('src="../example-notebook/fi-curve.png"');
  });

  test("grade writes no answer pages for a class without a notebook", () => {
    const classDir = join(out, "class-without-notebooks");
    cpSync(join(ROOT, "submissions", "example-results"), join(classDir, "example-results"), {
      recursive: true,
    });
    const graded = join(out, "no-notebooks");
    const run = runCli(["grade", classDir, "--out", graded]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).not.toContain("Written answers");
    expect(existsSync(join(graded, "answers"))).toBe(false);
    expect(existsSync(join(graded, "gradebook.json"))).toBe(true);
  });

  test("a template that is not a notebook is misuse: exit 2, nothing written", () => {
    const run = runCli([
      "answers",
      join(ROOT, "submissions"),
      "--out",
      join(out, "second"),
      "--template",
      join(ROOT, "package.json"),
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--template: package\.json is not a Jupyter notebook/);
  });
});
