import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gradeClass } from "../../src/grading/grade-class.js";
import { GradeSetupError } from "../../src/grading/grade-options.js";
import { mergeGradebooks } from "../../src/grading/merge.js";
import { MergeConflictError } from "../../src/grading/refusals.js";
import { referenceFile } from "../../src/protocol/reference-files.js";
import type { Rubric } from "../../src/protocol/types.js";
import { readCsv } from "../helpers/csv-reader.js";
import { gradeOptionsFor, resultsOnlyClass } from "../helpers/results-class.js";

// A course's own rubric (grade --rubric FILE): every output reads its points, it is part of what
// a stored result depends on, each team's grading.json records it, and merge refuses parts graded
// with different ones.

const scratch = mkdtempSync(join(tmpdir(), "spikegrade-rubric-"));
const classDir = join(scratch, "class");
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const read = (path: string) => readFileSync(path, "utf8");
const DEFAULT_TEXT = read(referenceFile("rubric.json"));

/** The default rubric with edit applied, written to name. */
function rubricFile(name: string, edit: (rubric: Rubric) => void, space = 2): string {
  const rubric: Rubric = JSON.parse(DEFAULT_TEXT);
  edit(rubric);
  const path = join(scratch, name);
  writeFileSync(path, JSON.stringify(rubric, null, space));
  return path;
}

/** figure1.B worth 5 and retitled, figure1.contrast worth nothing, figure1.rate left out. */
const reweight = (rubric: Rubric) => {
  const b = rubric.checks.find((c) => c.id === "figure1.B");
  const contrast = rubric.checks.find((c) => c.id === "figure1.contrast");
  if (b === undefined || contrast === undefined) throw new Error("the default rubric changed");
  b.points = 5;
  b.title = "panel B: reliable, precise spike timing";
  contrast.points = 0;
  rubric.checks = rubric.checks.filter((c) => c.id !== "figure1.rate");
};

let course: string;

beforeAll(() => {
  resultsOnlyClass(classDir);
  course = rubricFile("course.json", reweight);
});

const options = gradeOptionsFor(classDir, scratch);

describe("grading with a course's rubric", () => {
  let graded: Awaited<ReturnType<typeof gradeClass>>;
  beforeAll(async () => {
    graded = await gradeClass(options("out", { rubric: course }));
  });

  it("scores with its points in result.json, gradescope.json, the gradebook and the class page", () => {
    const team = join(scratch, "out", "results-a");
    // manifest 1 + load 1 + figure1.A 2 + figure1.B 5 + figure1.contrast 0; no figure1.rate.
    const result = JSON.parse(
      read(join(scratch, "out", ".instructor", "results-a", "result.json")),
    );
    expect([result.score, result.maxScore]).toEqual([9, 9]);
    const b = result.checks.find((c: { id: string }) => c.id === "figure1.B");
    expect([b.title, b.maxPoints]).toEqual(["panel B: reliable, precise spike timing", 5]);
    expect(result.checks.map((c: { id: string }) => c.id)).not.toContain("figure1.rate");

    const gradescope = JSON.parse(read(join(team, "gradescope.json")));
    // No top-level total (Gradescope sums the tests): the tests' maxima carry the course's points.
    const total = gradescope.tests.reduce(
      (s: number, t: { max_score: number }) => s + t.max_score,
      0,
    );
    expect(total).toBe(9);
    const test = gradescope.tests.find((t: { name: string }) => t.name.startsWith("figure1.B:"));
    expect([test.name, test.max_score]).toEqual([
      "figure1.B: panel B: reliable, precise spike timing",
      5,
    ]);

    const rows = readCsv(read(join(scratch, "out", "gradebook.csv")));
    const header = rows[0];
    expect(header).not.toContain("figure1.rate");
    const row = rows[1];
    expect(row[header.indexOf("max_score")]).toBe("9");
    expect(row[header.indexOf("figure1.B")]).toBe("5");
    expect(row[header.indexOf("figure1.contrast")]).toBe(""); // worth nothing: no cell
    expect(graded.gradebook.checks.find((c) => c.id === "figure1.B")?.points).toBe(5);
    expect(read(join(scratch, "out", "index.html"))).toContain(
      '<strong>9</strong> <span class="muted">/ 9</span>',
    );
  });

  it("records the rubric in each team's grading.json and gradebook line", () => {
    const marker = JSON.parse(
      read(join(scratch, "out", ".instructor", "results-a", "grading.json")),
    );
    expect(marker.rubric.file).toBe(course);
    expect(marker.rubric.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(graded.gradebook.teams.map((t) => t.rubric)).toEqual([
      marker.rubric.sha256,
      marker.rubric.sha256,
    ]);
    expect(graded.gradebook.warnings).toEqual([]);
  });

  it("grades again when the rubric's content changes, not when only its layout does", async () => {
    const relaid = rubricFile("course-relaid.json", reweight, 0);
    const same = await gradeClass(options("out", { rubric: relaid }));
    expect(same.reused).toEqual(["results-a", "results-b"]);
    const retitled = rubricFile("course-retitled.json", (rubric) => {
      reweight(rubric);
      rubric.checks[0].title = "your submission.json";
    });
    const again = await gradeClass(options("out", { rubric: retitled, team: "results-a" }));
    expect(again.graded).toEqual(["results-a"]);
    // The other team still holds the older rubric's result: the gradebook says so.
    expect(again.gradebook.warnings).toEqual([
      expect.stringMatching(
        /^graded with different rubrics \(rubric [0-9a-f]{12}: results-a; rubric [0-9a-f]{12}: results-b\): grade the class again without --team/,
      ),
    ]);
  });
});

describe("merge", () => {
  it("refuses parts graded with different rubrics, and writes nothing", async () => {
    await gradeClass(options("part-1", { shard: { index: 1, count: 2 } }));
    await gradeClass(options("part-2", { shard: { index: 2, count: 2 }, rubric: course }));
    const dest = join(scratch, "merged");
    const merging = mergeGradebooks({
      outs: [join(scratch, "part-1"), join(scratch, "part-2")],
      dest,
    });
    await expect(merging).rejects.toThrow(MergeConflictError);
    await expect(merging).rejects.toThrow(
      /^the parts were graded with different rubrics \(rubric [0-9a-f]{12}: results-a; rubric [0-9a-f]{12}: results-b\); grade them again with the same --rubric$/,
    );
    expect(existsSync(dest)).toBe(false);
  });
});

describe("a rubric a course may not use", () => {
  it("is refused before anything is graded or written, each problem at its place", async () => {
    const bad = rubricFile("bad.json", (rubric) => {
      const fi = rubric.checks.find((c) => c.id === "neuron.fi");
      if (fi?.parameters === undefined) throw new Error("the default rubric changed");
      fi.parameters.dtMs = [0.25];
    });
    const out = join(scratch, "refused");
    const grading = gradeClass(options("refused", { rubric: bad }));
    await expect(grading).rejects.toThrow(GradeSetupError);
    await expect(grading).rejects.toThrow(
      `${bad}: checks[6].parameters.dtMs of neuron.fi is [0.25]; it stays the default's [0.5, 0.1]`,
    );
    expect(existsSync(out)).toBe(false);
  });
});
