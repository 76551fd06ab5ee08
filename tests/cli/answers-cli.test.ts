import { mkdtempSync, readFileSync, rmSync } from "node:fs";
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
