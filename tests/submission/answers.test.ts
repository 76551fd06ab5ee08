/**
 * Written answers read from generated teams: the course's template (tests/fixtures/answers/)
 * filled in the ways teams do it (after the prompt, inside it, one answer for two prompts, an
 * image, an edited prompt, cells moved, nothing at all) and checked question by question.
 */

import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { validate } from "../../src/protocol/schemas.js";
import type { AnswersDocument, TeamAnswer } from "../../src/protocol/types.js";
import { classAnswers, type TeamNotebook } from "../../src/submission/answers/class-answers.js";
import { notebookCells } from "../../src/submission/answers/notebook-cells.js";

interface RawCell {
  cell_type: string;
  source: string | string[];
  outputs?: unknown[];
  metadata?: object;
}
interface RawNotebook {
  cells: RawCell[];
}

const TEMPLATE_PATH = join(import.meta.dirname, "..", "fixtures", "answers", "template.ipynb");
const template = (): RawNotebook => JSON.parse(readFileSync(TEMPLATE_PATH, "utf8"));
const text = (cell: RawCell) => (Array.isArray(cell.source) ? cell.source.join("") : cell.source);
/** A 1x1 PNG. */
const PNG =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

/** The index of the cell holding the n-th (0-based) prompt cell of the notebook. */
function promptCell(notebook: RawNotebook, n: number): number {
  const indices = notebook.cells.flatMap((cell, i) =>
    cell.cell_type === "markdown" && text(cell).includes("QUESTION") ? [i] : [],
  );
  return indices[n];
}

const md = (source: string): RawCell => ({ cell_type: "markdown", metadata: {}, source });

/** Fills the answer cell after the n-th prompt cell. */
function answerAfter(notebook: RawNotebook, n: number, cell: RawCell): void {
  notebook.cells[promptCell(notebook, n) + 1] = cell;
}

function templateCells() {
  const read = notebookCells(template());
  if (!read.ok) throw new Error(read.message);
  return read.cells;
}

function grade(teams: Record<string, unknown>, withTemplate = true): AnswersDocument {
  const notebooks: TeamNotebook[] = Object.entries(teams).map(([team, value]) => ({
    team,
    members: [{ id: `id-${team}`, name: team }],
    notebook: "figure1.ipynb",
    content: typeof value === "string" ? { ok: false, message: value } : { ok: true, value },
  }));
  return classAnswers({
    version: "0.1.0",
    ...(withTemplate ? { template: { name: "template.ipynb", cells: templateCells() } } : {}),
    teams: notebooks,
  });
}

function answersOf(document: AnswersDocument, team: string): TeamAnswer[] {
  const found = document.teams.find((entry) => entry.team === team);
  if (!found) throw new Error(`no team ${team}`);
  return found.answers;
}

/**
 * A team that answered in the cell after each prompt cell: "answer N" for the N-th prompt cell
 * (the 9th holds q09 to q11, so "answer 10" answers q12), followed by `by`.
 */
function diligent(by = ""): RawNotebook {
  const notebook = template();
  for (let n = 0; n < 15; n += 1) answerAfter(notebook, n, md(`answer ${n + 1}${by}`));
  return notebook;
}

describe("the template", () => {
  test("90 cells, 17 questions in template order, one cell holding three", () => {
    const document = grade({});
    expect(template().cells).toHaveLength(90);
    expect(document.questions.map((q) => q.id)).toEqual(
      Array.from({ length: 17 }, (_, i) => `q${String(i + 1).padStart(2, "0")}`),
    );
    expect(document.questions[1].prompt).toMatch(
      /^QUESTION: Set the parameter R to obtain about 10 spikes/,
    );
    expect(document.questions[6].section).toBe("3. Panel B: a fluctuating current, frozen");
    expect(document.questions.filter((q) => q.prompt.startsWith("QUESTION: ")).length).toBe(17);
    expect(validate("answers", document).ok).toBe(true);
  });

  test("the template itself, handed in untouched, answers nothing", () => {
    const answers = answersOf(grade({ lazy: template() }), "lazy");
    expect(answers.every((answer) => answer.found === "missing" && answer.cells.length === 0)).toBe(
      true,
    );
  });
});

describe("answers in the places teams put them", () => {
  test("after each prompt: the team's cell only, not the template's code between prompts", () => {
    const answers = answersOf(grade({ diligent: diligent() }), "diligent");
    expect(answers[1]).toEqual({
      questionId: "q02",
      found: "after-prompt",
      promptEdited: false,
      cells: [{ kind: "markdown", source: "answer 2", outputs: [] }],
    });
    // The cell of three prompts is followed by one answer: each of the three shows it.
    expect(answers.slice(8, 11).map((a) => a.cells[0]?.source)).toEqual([
      "answer 9",
      "answer 9",
      "answer 9",
    ]);
    expect(answers[16].cells.map((c) => c.source)).toEqual(["answer 15"]);
  });

  test("a code cell the team changed is part of its answer, with its saved text", () => {
    const notebook = template();
    const at = promptCell(notebook, 1);
    notebook.cells[at + 1] = md("R is the input resistance, in MOhm.");
    notebook.cells[at + 2] = {
      cell_type: "code",
      source: "R_MOHM = 135.0",
      outputs: [{ output_type: "stream", name: "stdout", text: ["11 spikes\n"] }],
    };
    const q02 = answersOf(grade({ t: notebook }), "t")[1];
    expect(q02.cells).toEqual([
      { kind: "markdown", source: "R is the input resistance, in MOhm.", outputs: [] },
      { kind: "code", source: "R_MOHM = 135.0", outputs: [{ kind: "text", text: "11 spikes\n" }] },
    ]);
  });

  test("inside the prompt cell, after the prompt's text", () => {
    const notebook = template();
    const at = promptCell(notebook, 6);
    notebook.cells[at].source =
      `${text(notebook.cells[at])}\n\nIt is an OU current, the same in every trial.`;
    notebook.cells[at + 1] = md("Your answer here");
    const q07 = answersOf(grade({ t: notebook }), "t")[6];
    expect(q07.found).toBe("inside-prompt");
    expect(q07.cells.map((c) => c.source)).toEqual([
      "It is an OU current, the same in every trial.",
    ]);
  });

  test("inside the cell of three prompts, one answer after each", () => {
    const notebook = template();
    const at = promptCell(notebook, 8);
    notebook.cells[at].source = text(notebook.cells[at])
      .split("\n\n")
      .map((prompt, k) => `${prompt}\nAnswer: part ${k + 1}`)
      .join("\n\n");
    const answers = answersOf(grade({ t: notebook }), "t");
    expect(answers.slice(8, 11).map((a) => [a.found, a.cells[0]?.source])).toEqual([
      ["inside-prompt", "Answer: part 1"],
      ["inside-prompt", "Answer: part 2"],
      ["inside-prompt", "Answer: part 3"],
    ]);
    expect(answers.slice(8, 11).every((a) => !a.promptEdited)).toBe(true);
  });

  test("two prompt cells put side by side with one answer under both", () => {
    const notebook = template();
    const first = promptCell(notebook, 12);
    // Delete q15's answer cell: q15's prompt now sits right above q16's.
    notebook.cells.splice(first + 1, 1);
    answerAfter(notebook, 13, md("Both: no dendrites, no channels; timing carries information."));
    const answers = answersOf(grade({ t: notebook }), "t");
    expect(answers[14].found).toBe("after-prompt");
    expect(answers[14].cells).toEqual(answers[15].cells);
    expect(answers[15].cells[0].source).toMatch(/^Both:/);
  });

  test("a missing answer, and a deleted prompt, are missing with a warning for the latter", () => {
    const notebook = diligent();
    answerAfter(notebook, 3, md("Your answer here"));
    // q06's prompt and its answer cell deleted.
    notebook.cells.splice(promptCell(notebook, 5), 2);
    const document = grade({ t: notebook });
    const answers = answersOf(document, "t");
    expect(answers[3]).toMatchObject({ found: "missing", cells: [] });
    expect(answers[4].cells.map((c) => c.source)).toEqual(["answer 5"]);
    expect(answers[5]).toMatchObject({ found: "missing", cells: [] });
    expect(document.teams[0].warnings).toEqual([
      expect.stringMatching(/^q06: its prompt is not in the notebook/),
    ]);
  });

  test("an image answer: the PNG the notebook saved, as base64; HTML and SVG omitted", () => {
    const notebook = template();
    answerAfter(notebook, 4, {
      cell_type: "code",
      source: "raster(ax, spikes_a)",
      outputs: [
        {
          output_type: "display_data",
          data: { "image/png": `${PNG.slice(0, 20)}\n${PNG.slice(20)}`, "text/plain": "<Figure>" },
        },
        {
          output_type: "display_data",
          data: { "text/html": "<script>alert(1)</script>", "text/plain": "table" },
        },
        { output_type: "display_data", data: { "image/svg+xml": "<svg onload=alert(1)/>" } },
        { output_type: "display_data", data: { "image/png": "PHNjcmlwdD4=" } },
        {
          output_type: "error",
          ename: "NameError",
          evalue: "name 'ax' is not defined",
          traceback: [],
        },
      ],
    });
    const q05 = answersOf(grade({ t: notebook }), "t")[4];
    expect(q05.cells[0].outputs).toEqual([
      { kind: "image", mime: "image/png", base64: PNG },
      { kind: "text", text: "table" },
      { kind: "omitted", reason: "text/html output is not shown (only text, PNG and JPEG are)" },
      {
        kind: "omitted",
        reason: "image/svg+xml output is not shown (only text, PNG and JPEG are)",
      },
      { kind: "omitted", reason: "image/png output is not a PNG image" },
      { kind: "error", ename: "NameError", evalue: "name 'ax' is not defined" },
    ]);
    expect(JSON.stringify(q05)).not.toMatch(/<script|<svg/);
  });

  test("a prompt the team reworded still finds its answer, marked edited", () => {
    const notebook = diligent();
    notebook.cells[promptCell(notebook, 1)].source =
      "QUESTION 2: we set R to get about ten spikes. Interpretation of this parameter, and its unit?";
    const answers = answersOf(grade({ t: notebook }), "t");
    expect(answers[1]).toMatchObject({ found: "after-prompt", promptEdited: true });
    expect(answers[1].cells[0].source).toBe("answer 2");
    expect(answers.filter((a) => a.promptEdited)).toHaveLength(1);
  });

  test("cells moved: a question answered at the end of the notebook is still found", () => {
    const notebook = diligent();
    const at = promptCell(notebook, 2);
    const moved = notebook.cells.splice(at, 2);
    notebook.cells.push(...moved);
    const answers = answersOf(grade({ t: notebook }), "t");
    expect(answers[2].cells.map((c) => c.source)).toEqual(["answer 3"]);
    expect(answers[3].cells.map((c) => c.source)).toEqual(["answer 4"]);
  });
});

describe("notebooks that are not what they should be", () => {
  test("not JSON, the wrong shape, no notebook: a warning on the team's line", () => {
    const document = grade({
      broken: "figure1.ipynb is not valid JSON at line 3 column 1: unexpected end",
      shape: [1, 2, 3],
      fine: diligent(),
    });
    const warnings = Object.fromEntries(document.teams.map((t) => [t.team, t.warnings]));
    expect(warnings.broken).toEqual([
      "figure1.ipynb is not valid JSON at line 3 column 1: unexpected end",
    ]);
    expect(warnings.shape).toEqual([
      "figure1.ipynb is not a Jupyter notebook (a JSON object with cells)",
    ]);
    expect(warnings.fine).toEqual([]);
    expect(answersOf(document, "broken").every((a) => a.found === "missing")).toBe(true);
    expect(validate("answers", document).ok).toBe(true);
  });

  test("nbformat 3: worksheets, code in input, pyout and pyerr", () => {
    const v3 = {
      nbformat: 3,
      worksheets: [
        {
          cells: [
            { cell_type: "heading", level: 2, source: "Noise" },
            {
              cell_type: "markdown",
              source:
                "QUESTION: what is the nature of the noise used in the article? why can it be described as frozen noise?",
            },
            {
              cell_type: "code",
              input: "x = 1",
              outputs: [
                { output_type: "pyout", png: PNG, text: "x" },
                { output_type: "pyerr", ename: "E", evalue: "v" },
              ],
            },
          ],
        },
      ],
    };
    const q07 = answersOf(grade({ old: v3 }), "old")[6];
    expect(q07).toMatchObject({ found: "after-prompt", promptEdited: false });
    expect(q07.cells[0]).toEqual({
      kind: "code",
      source: "x = 1",
      outputs: [
        { kind: "image", mime: "image/png", base64: PNG },
        { kind: "error", ename: "E", evalue: "v" },
      ],
    });
  });

  test("a huge cell and a huge output are cut with a note", () => {
    const notebook = template();
    answerAfter(notebook, 0, {
      cell_type: "code",
      source: "x".repeat(60_000),
      outputs: [{ output_type: "stream", name: "stdout", text: "y".repeat(30_000) }],
    });
    const cell = answersOf(grade({ t: notebook }), "t")[0].cells[0];
    expect(cell.source).toMatch(/\[cut by spikegrade: the cell holds 60000 characters\]$/);
    expect(cell.outputs[0]).toMatchObject({ kind: "text", truncated: true });
    expect((cell.outputs[0] as { text: string }).text).toHaveLength(20_000);
  });

  test("property: any notebook of random cells gives a valid document, never an exception", () => {
    const source = fc.oneof(
      fc.string(),
      fc.array(fc.string(), { maxLength: 3 }),
      fc.constant("QUESTION: x?\n\nAnswer: y"),
      fc.anything(),
    );
    const cell = fc.record(
      {
        cell_type: fc.constantFrom("markdown", "code", "raw", "heading", 7),
        source: source,
        input: source,
        level: fc.anything(),
        outputs: fc.oneof(
          fc.anything(),
          fc.array(
            fc.record(
              {
                output_type: fc.constantFrom("stream", "error", "display_data", "pyout"),
                text: fc.anything(),
                data: fc.anything(),
                png: fc.anything(),
              },
              { requiredKeys: [] },
            ),
            { maxLength: 3 },
          ),
        ),
      },
      { requiredKeys: [] },
    );
    const notebook = fc.oneof(
      fc.record({ cells: fc.array(cell, { maxLength: 12 }) }),
      fc.anything(),
    );
    fc.assert(
      fc.property(
        fc.array(notebook, { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        (notebooks, withTemplate) => {
          const teams = Object.fromEntries(notebooks.map((value, i) => [`team-${i}`, value]));
          const document = grade(teams, withTemplate);
          expect(validate("answers", document).ok).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("without a template: prompts matched across the class", () => {
  test("the questions are the class's, one team's edit does not rename one", () => {
    const edited = diligent(" by a");
    edited.cells[promptCell(edited, 1)].source =
      "QUESTION 2: we set R to get about ten spikes. Interpretation of this parameter, and its unit?";
    const document = grade({ a: edited, b: diligent(" by b"), c: diligent(" by c") }, false);
    expect(document.template).toBeUndefined();
    expect(document.questions).toHaveLength(17);
    expect(document.questions[1].prompt).toMatch(/^QUESTION: Set the parameter R/);
    expect(answersOf(document, "a")[1]).toMatchObject({
      promptEdited: true,
      cells: [{ source: "answer 2 by a" }],
    });
    // The template's code, in every notebook, is left out as in the template's case.
    expect(answersOf(document, "b")[1].cells.map((c) => c.source)).toEqual(["answer 2 by b"]);
  });
});
