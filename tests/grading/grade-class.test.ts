import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type GradeClassOptions, gradeClass } from "../../src/grading/grade-class.js";

import { mergeGradebooks } from "../../src/grading/merge.js";
import { validate } from "../../src/protocol/schemas.js";
import { readCsv } from "../helpers/csv-reader.js";

// A small class graded through the library, in worker processes as `grade` does it: statuses,
// the outputs of each team, reuse and regrading, shards and their merge, hidden checks.

const root = join(import.meta.dirname, "../..");
const scratch = mkdtempSync(join(tmpdir(), "spikegrade-grade-"));
const classDir = join(scratch, "class");
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function copy(from: string, team: string): void {
  cpSync(join(root, from), join(classDir, team), { recursive: true });
}

beforeAll(() => {
  copy("submissions/example-results", "results-a");
  copy("submissions/example-typescript", "ts-team");
  copy("tests/fixtures/broken/manifest-four-members", "four-members");
  copy("submissions/example-results", "crash-me");
  writeFileSync(join(classDir, "README.txt"), "the class\n");
  mkdirSync(join(classDir, ".cache"));
});

const options = (out: string, more: Partial<GradeClassOptions> = {}): GradeClassOptions => ({
  dir: classDir,
  out: join(scratch, out),
  jobs: 2,
  timeoutMs: 30_000,
  workerModule: join(import.meta.dirname, "crashing-worker.ts"),
  ...more,
});

const read = (path: string) => readFileSync(path, "utf8");

describe("grading a class", () => {
  let first: Awaited<ReturnType<typeof gradeClass>>;
  beforeAll(async () => {
    first = await gradeClass(options("out"));
  });

  it("grades every team, each with its status, and lists what it skipped", () => {
    const { gradebook } = first;
    expect(gradebook.teams.map((t) => [t.team, t.status])).toEqual([
      ["crash-me", "error"],
      ["four-members", "error"],
      ["results-a", "pass"],
      ["ts-team", "pass"],
    ]);
    expect(gradebook.skipped.map((s) => s.name)).toEqual([".cache", "README.txt"]);
    expect(first.graded).toHaveLength(4);
    const crashed = gradebook.teams[0];
    expect(crashed.message).toBe(
      "the grading process exited with code 7; it said: Segmentation fault in the grader",
    );
    // Its students still have their rows (read from the manifest), at 0 points.
    expect(crashed.members.map((m) => m.id)).toEqual(["s2190031", "s2190032"]);
    expect(gradebook.teams[1].message).toMatch(/^manifest: members has 4 students/);
  });

  it("writes gradebook.csv with one row per student and gradebook.json", () => {
    const rows = readCsv(read(join(scratch, "out", "gradebook.csv")));
    const header = rows[0];
    expect(header.slice(0, 6)).toEqual([
      "student_id",
      "student_name",
      "team",
      "score",
      "max_score",
      "status",
    ]);
    // message, then percent: added after the columns importers already rely on.
    expect(header.slice(-2)).toEqual(["message", "percent"]);
    expect(header).not.toContain("figure1.B:hidden");
    const students = rows.slice(1);
    // 2 + 1 (the invalid manifest's single anonymous row) + 2 + 3.
    expect(students.map((r) => [r[0], r[2], r[5]])).toEqual([
      ["s2190031", "crash-me", "error"],
      ["s2190032", "crash-me", "error"],
      ["", "four-members", "error"],
      ["s2190031", "results-a", "pass"],
      ["s2190032", "results-a", "pass"],
      ["s2190011", "ts-team", "pass"],
      ["s2190012", "ts-team", "pass"],
      ["s2190013", "ts-team", "pass"],
    ]);
    const json = JSON.parse(read(join(scratch, "out", "gradebook.json")));
    expect(json).toEqual(first.gradebook);
    expect(first.files).toEqual(
      ["gradebook.json", "gradebook.csv", "index.html"].map((f) => join(scratch, "out", f)),
    );
    expect(read(join(scratch, "out", "index.html"))).toContain("results-a/report.html");
    expect(json.warnings).toContain("student s2190031 is a member of crash-me, results-a");
  });

  it("writes each team's report.html, figure and a valid gradescope.json, and the instructor's result.json and grading.json apart", () => {
    for (const team of ["crash-me", "four-members", "results-a", "ts-team"]) {
      const dir = join(scratch, "out", team);
      const instructor = join(scratch, "out", ".instructor", team);
      const result = validate("check-report", JSON.parse(read(join(instructor, "result.json"))));
      expect(result.ok ? [] : result.errors).toEqual([]);
      const gradescope = validate("gradescope", JSON.parse(read(join(dir, "gradescope.json"))));
      expect(gradescope.ok ? [] : gradescope.errors).toEqual([]);
      expect(existsSync(join(dir, "report.html")), team).toBe(true);
      expect(existsSync(join(instructor, "grading.json")), team).toBe(true);
      expect(existsSync(join(dir, "result.json")), team).toBe(false);
      expect(existsSync(join(dir, "grading.json")), team).toBe(false);
    }
    expect(existsSync(join(scratch, "out", "ts-team", "figure1.png"))).toBe(true);
    // The student-facing files of the crashed team say it could not be graded, not the grader's
    // internals, which are the instructor's (gradebook, grading.json).
    const report = read(join(scratch, "out", "crash-me", "report.html"));
    expect(report).toContain("spikegrade could not grade this submission");
    expect(report).not.toContain("Segmentation fault");
    expect(read(join(scratch, "out", "crash-me", "gradescope.json"))).not.toContain("Segmentation");
  });

  it("reuses stored results on a rerun, except a grader failure; --force grades all again", async () => {
    const again = await gradeClass(options("out"));
    expect(again.graded).toEqual(["crash-me"]);
    expect(again.reused).toEqual(["four-members", "results-a", "ts-team"]);
    expect(again.gradebook).toEqual(first.gradebook);
    const forced = await gradeClass(options("out", { force: true, team: "results-a" }));
    expect(forced.graded).toEqual(["results-a"]);
    // --team rebuilds the gradebook from every team's stored result.
    expect(forced.gradebook.teams).toHaveLength(4);
  });

  it("grades a team again when a file of its folder changes", async () => {
    writeFileSync(join(classDir, "ts-team", "notes.md"), "a late change\n");
    const again = await gradeClass(options("out"));
    expect(again.graded).toEqual(["crash-me", "ts-team"]);
  });

  it("gives a team whose grading hangs an error after the wall limit, and grades the rest", async () => {
    copy("submissions/example-results", "hang-me");
    try {
      const hung = await gradeClass(options("out", { teamWallMs: 3000 }));
      const line = hung.gradebook.teams.find((t) => t.team === "hang-me");
      expect(line?.status).toBe("error");
      expect(line?.message).toBe("grading took longer than its wall limit of 3 s and was stopped");
      expect(hung.gradebook.teams.filter((t) => t.status === "pass")).toHaveLength(2);
    } finally {
      rmSync(join(classDir, "hang-me"), { recursive: true });
    }
  });
});

describe("shards", () => {
  it("grade every team exactly once, and merge into the gradebook of a whole run", async () => {
    // Shard 1 in the folder of the whole run (its results are reused), shard 2 elsewhere, as two
    // machines of a CI matrix would.
    const one = await gradeClass(options("out", { shard: { index: 1, count: 2 } }));
    const two = await gradeClass(options("shard-2", { shard: { index: 2, count: 2 } }));
    expect([...one.graded, ...one.reused].sort()).toEqual(["crash-me", "results-a"]);
    expect(two.graded).toEqual(["four-members", "ts-team"]);
    expect(readdirSync(join(scratch, "shard-2"))).toContain("gradebook.part-2-of-2.json");
    expect(existsSync(join(scratch, "shard-2", "gradebook.csv"))).toBe(false);

    const incomplete = await mergeGradebooks({ outs: [join(scratch, "shard-2")] });
    expect(incomplete.missing).toEqual(["1/2"]);

    const merged = await mergeGradebooks({
      outs: [join(scratch, "out"), join(scratch, "shard-2")],
      dest: join(scratch, "merged"),
    });
    expect(merged.missing).toEqual([]);
    expect(existsSync(join(scratch, "merged", "index.html"))).toBe(true);
    const whole = await gradeClass(options("out"));
    expect(whole.graded).toEqual(["crash-me"]);
    expect(merged.gradebook).toEqual(whole.gradebook);
    expect(read(join(scratch, "merged", "gradebook.csv"))).toBe(
      read(join(scratch, "out", "gradebook.csv")),
    );
    // Every report the merged gradebook names is beside it, and each team's instructor files.
    for (const team of merged.gradebook.teams) {
      expect(existsSync(join(scratch, "merged", team.report)), team.report).toBe(true);
      const instructor = join(scratch, "merged", ".instructor", team.team);
      expect(readdirSync(instructor).sort(), team.team).toEqual(["grading.json", "result.json"]);
    }
  });
});

describe("what gradeClass refuses from a caller, before anything is read or started", () => {
  it.each([
    [{ jobs: 0 }, "jobs must be a whole number of at least 1, not 0"],
    [{ jobs: 1.5 }, "jobs must be a whole number of at least 1, not 1.5"],
    [{ timeoutMs: 0 }, "the time limit must be a positive number of ms, not 0"],
    [{ timeoutMs: Number.POSITIVE_INFINITY }, "the time limit must be a positive number of ms"],
    [{ secret: "" }, "the course secret (SPIKEGRADE_SECRET) is empty"],
    [{ secret: "cs101" }, "the course secret (SPIKEGRADE_SECRET) is too easy to guess"],
    [{ secret: "aaaaaaaaaaaaaaaaaaaa" }, "use at least 16 random characters"],
  ] as [Partial<GradeClassOptions>, string][])("%o", async (bad, message) => {
    const out = join(scratch, "refused");
    await expect(gradeClass(options("refused", bad))).rejects.toThrow(message);
    expect(existsSync(out)).toBe(false);
  });
});
