import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportCsv, exportMoodle } from "../../src/grading/export.js";
import { gradeClass } from "../../src/grading/grade-class.js";
import { parseRawCsv } from "../../src/grading/raw-csv.js";
import { referenceFile } from "../../src/protocol/reference-files.js";
import type { Gradebook, ManualScores, Rubric } from "../../src/protocol/types.js";
import { runCli } from "../helpers/cli.js";
import { readCsv } from "../helpers/csv-reader.js";
import { gradeOptionsFor, resultsOnlyClass } from "../helpers/results-class.js";

// grade --manual FILE: the written answers' scores reach every output (gradebook.json and .csv,
// the class page, each team's report, the Moodle worksheet and the generic CSV) without grading
// any team again; a question not scored yet is said so, never counted as a 0 that reads as a
// grade; a file that cannot be used is misuse, and nothing is written.

const scratch = mkdtempSync(join(tmpdir(), "spikegrade-manual-"));
const classDir = join(scratch, "class");
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const read = (path: string) => readFileSync(path, "utf8");
const options = gradeOptionsFor(classDir, scratch);

/** The default rubric with two questions: the course's brief graded by hand. */
function courseRubric(): string {
  const rubric: Rubric = JSON.parse(read(referenceFile("rubric.json")));
  rubric.questions = [
    { id: "q01", title: "What is frozen noise?", points: 2, checks: ["figure1.B"] },
    { id: "q02", title: "Conclude", points: 3 },
  ];
  const path = join(scratch, "course.json");
  writeFileSync(path, JSON.stringify(rubric, null, 2));
  return path;
}

const SCORES: ManualScores = {
  format: "spikegrade-manual-scores",
  version: 1,
  questions: [
    { id: "q01", points: 2 },
    { id: "q02", points: 3 },
  ],
  scores: {
    "results-a": {
      q01: { points: 1.5, comment: "The <b>unit</b> is missing." },
      q02: { points: null },
    },
    "results-b": { q01: { points: 2 }, q02: { points: 3, comment: "Clear." } },
    ghost: { q01: { points: 1 } },
  },
};

function manualFile(name: string, value: unknown): string {
  const path = join(scratch, name);
  writeFileSync(path, typeof value === "string" ? value : JSON.stringify(value));
  return path;
}

let rubric: string;
let checksOnly: Gradebook;
/** gradebook.csv's columns without manual scores: each keeps its place with them. */
let checksOnlyHeader: string[];
/** A team's gradescope.json before the manual scores. */
let checksOnlyGradescope: string;
let graded: Awaited<ReturnType<typeof gradeClass>>;
const out = join(scratch, "out");

beforeAll(async () => {
  resultsOnlyClass(classDir);
  rubric = courseRubric();
  checksOnly = (await gradeClass(options("out"))).gradebook;
  checksOnlyHeader = readCsv(read(join(out, "gradebook.csv")))[0];
  checksOnlyGradescope = read(join(out, "results-a", "gradescope.json"));
  graded = await gradeClass(options("out", { rubric, manual: manualFile("scores.json", SCORES) }));
});

const teamOf = (gradebook: Gradebook, name: string) => {
  const team = gradebook.teams.find((t) => t.team === name);
  if (team === undefined) throw new Error(`no ${name}`);
  return team;
};

describe("grade --manual FILE", () => {
  it("grades no team again: the questions are no part of what a stored result depends on", () => {
    expect(graded.graded).toEqual([]);
    expect(graded.reused).toEqual(["results-a", "results-b"]);
  });

  it("gradebook.json: each question's points or null, the total, and what is not scored yet", () => {
    const saved: Gradebook = JSON.parse(read(join(out, "gradebook.json")));
    const a = teamOf(saved, "results-a");
    const base = teamOf(checksOnly, "results-a");
    expect(saved.questions).toEqual([
      { id: "q01", title: "What is frozen noise?", points: 2 },
      { id: "q02", title: "Conclude", points: 3 },
    ]);
    expect(a.manual).toEqual({
      checksScore: base.score,
      checksMaxScore: base.maxScore,
      questions: [
        { id: "q01", points: 1.5, maxPoints: 2, comment: "The <b>unit</b> is missing." },
        { id: "q02", points: null, maxPoints: 3 },
      ],
      notScored: 1,
    });
    expect([a.score, a.maxScore]).toEqual([base.score + 1.5, base.maxScore + 5]);
    const b = teamOf(saved, "results-b");
    expect([b.score, b.manual?.notScored]).toEqual([teamOf(checksOnly, "results-b").score + 5, 0]);
    // A team with a question to score has no grade yet: the class mean is b's alone.
    expect(saved.summary.meanPercent).toBe(Math.round((1000 * b.score) / b.maxScore) / 10);
    expect(saved.summary.meanScore).toBe(b.score);
    expect(saved.warnings).toContain(
      "the manual scores name teams that are not in the class, whose scores count nowhere (a renamed folder?): ghost",
    );
  });

  it("gradebook.csv: every earlier column in its place, one column per question and the note last", () => {
    const rows = readCsv(read(join(out, "gradebook.csv")));
    const header = rows[0];
    expect(header.slice(0, checksOnlyHeader.length)).toEqual(checksOnlyHeader);
    expect(header.slice(-5)).toEqual(["message", "percent", "q01", "q02", "written_answers"]);
    const cell = (row: string[], name: string) => row[header.indexOf(name)];
    const a = rows.find((r) => r[2] === "results-a") as string[];
    const b = rows.find((r) => r[2] === "results-b") as string[];
    expect([cell(a, "q01"), cell(a, "q02"), cell(a, "percent")]).toEqual(["1.5", "", ""]);
    expect(cell(a, "written_answers")).toBe("1 question not scored yet");
    const bTeam = teamOf(graded.gradebook, "results-b");
    expect([cell(b, "q02"), cell(b, "percent"), cell(b, "written_answers")]).toEqual([
      "3",
      String(Math.round((1000 * bTeam.score) / bTeam.maxScore) / 10),
      "",
    ]);
  });

  it("the class page: a column per question, and 'not scored' where it is not", () => {
    const page = read(join(out, "index.html"));
    expect(page).toContain('title="q02: Conclude (3 points, graded by hand)"');
    expect(page).toContain('title="q02: not scored yet"><span class="muted">not scored</span>');
    expect(page).toContain("1 question not scored yet");
  });

  it("each team's report: the points and the comment under Written answers, escaped", () => {
    const report = read(join(out, "results-a", "report.html"));
    expect(report).toContain('<h2 id="written-title">Written answers</h2>');
    expect(report).toContain("<strong>1.5</strong> of 2 points");
    expect(report).toContain("The &lt;b&gt;unit&lt;/b&gt; is missing.");
    expect(report).toContain('Conclude: <span class="muted">not scored yet</span>');
    expect(report.indexOf("Written answers")).toBeLessThan(report.indexOf("<footer>"));
  });

  it("gradescope.json keeps the checks alone: Gradescope grades written answers its own way", () => {
    expect(read(join(out, "results-a", "gradescope.json"))).toBe(checksOnlyGradescope);
    expect(checksOnlyGradescope).not.toContain("q01");
  });

  it("the exports: no grade or percent until every question is scored, then the total", async () => {
    const worksheet = manualFile(
      "worksheet.csv",
      [
        'Identifier,"Full name","Email address",Status,Grade,"Maximum Grade","Grade can be changed","Last modified (grade)","Feedback comments"',
        '"Participant 1","Ines Moreau",s2190031@uni.example,"Submitted for grading",,100.00,Yes,-,',
        '"Participant 2",Bo,s2@uni.example,"Submitted for grading",,100.00,Yes,-,',
        "",
      ].join("\n"),
    );
    const filled = join(scratch, "filled.csv");
    await exportMoodle({ out, worksheet, dest: filled });
    const rows = parseRawCsv(read(filled)).records.map((r) => r.fields.map((f) => f.value));
    const b = teamOf(graded.gradebook, "results-b");
    expect(rows[1][4]).toBe("");
    expect(rows[1][8]).toContain("1 question not scored yet");
    expect(rows[2][4]).toBe(((100 * b.score) / b.maxScore).toFixed(2));
    expect(rows[2][8]).toContain(`written answers 5 of 5`);

    const generic = join(scratch, "export.csv");
    await exportCsv({ out, dest: generic, csv: {} });
    const csv = readCsv(read(generic));
    const a = csv.find((r) => r[2] === "results-a") as string[];
    const bRow = csv.find((r) => r[2] === "results-b") as string[];
    expect([a[5], a[7]]).toEqual(["", expect.stringContaining("1 question not scored yet")]);
    expect(bRow[5]).toBe(String(Math.round((1000 * b.score) / b.maxScore) / 10));
  });
});

describe("a manual-scores file that cannot be used is misuse, and nothing is written", () => {
  const refused = [
    ["an unknown question", { ...SCORES, scores: { "results-a": { q09: { points: 1 } } } }, "q09"],
    [
      "points over the maximum",
      { ...SCORES, scores: { "results-a": { q01: { points: 2.5 } } } },
      "more than the 2",
    ],
    ["not JSON", "{ q01: 2", "manual"],
  ] as const;
  it.each(refused)("%s", (name, value, said) => {
    const where = join(scratch, `refused-${name.replaceAll(" ", "-")}`);
    const file = manualFile(`${name.replaceAll(" ", "-")}.json`, value);
    const run = runCli(["grade", classDir, "--out", where, "--rubric", rubric, "--manual", file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(said);
    expect(existsSync(where)).toBe(false);
  });
});
