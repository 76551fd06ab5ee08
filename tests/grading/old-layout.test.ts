import { existsSync, mkdtempSync, readdirSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gradeClass } from "../../src/grading/grade-class.js";
import { mergeGradebooks } from "../../src/grading/merge.js";
import { gradeOptionsFor, RESULTS_TEAMS, resultsOnlyClass } from "../helpers/results-class.js";

// An OUT written by spikegrade 0.1.0 kept result.json and grading.json in OUT/<team>/, with the
// students' files. Such a result is never read there: its team is graded again, and that grading
// (or a merge copying it) leaves the students' folder without them.

const scratch = mkdtempSync(join(tmpdir(), "spikegrade-old-layout-"));
const classDir = join(scratch, "class");
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
beforeAll(() => resultsOnlyClass(classDir));
const options = gradeOptionsFor(classDir, scratch);
const TEAMS = RESULTS_TEAMS;

/** A graded OUT turned into 0.1.0's layout: each team's instructor files back beside its report. */
function toOldLayout(out: string, teams: readonly string[]): void {
  for (const team of teams) {
    for (const name of ["result.json", "grading.json"]) {
      renameSync(join(out, ".instructor", team, name), join(out, team, name));
    }
  }
  rmSync(join(out, ".instructor"), { recursive: true });
}

const instructorFiles = (dir: string) =>
  readdirSync(dir).filter((n) => n === "result.json" || n === "grading.json");

describe("an OUT of spikegrade 0.1.0", () => {
  it("is graded again, team by team, and each grading moves the instructor's files out", async () => {
    const out = join(scratch, "out");
    const first = await gradeClass(options("out"));
    toOldLayout(out, TEAMS);
    const one = await gradeClass(options("out", { team: "results-a" }));
    expect(one.graded).toEqual(["results-a"]);
    expect(instructorFiles(join(out, "results-a"))).toEqual([]);
    const other = one.gradebook.teams.find((t) => t.team === "results-b");
    expect(other?.status).toBe("error");
    expect(other?.message).toBe(
      "graded by an earlier spikegrade, which kept result.json and grading.json in results-b/ with the students' files: grade the class without --team to grade it again (its next grading moves them to .instructor/results-b/)",
    );
    const all = await gradeClass(options("out"));
    expect(all.graded).toEqual(["results-b"]);
    expect(all.reused).toEqual(["results-a"]);
    expect(all.gradebook).toEqual(first.gradebook);
    for (const team of TEAMS) {
      expect(instructorFiles(join(out, team))).toEqual([]);
      expect(readdirSync(join(out, ".instructor", team)).sort()).toEqual([
        "grading.json",
        "result.json",
      ]);
    }
  });

  it("merged from an old part, lands in the new layout", async () => {
    const part = join(scratch, "part-2");
    await gradeClass(options("part-2", { shard: { index: 2, count: 2 } }));
    toOldLayout(part, ["results-b"]);
    await gradeClass(options("part-1", { shard: { index: 1, count: 2 } }));
    const dest = join(scratch, "merged");
    const merged = await mergeGradebooks({ outs: [join(scratch, "part-1"), part], dest });
    expect(merged.missing).toEqual([]);
    expect(instructorFiles(join(dest, "results-b"))).toEqual([]);
    expect(existsSync(join(dest, ".instructor", "results-b", "result.json"))).toBe(true);
    expect(existsSync(join(dest, ".instructor", "results-b", "grading.json"))).toBe(true);
  });
});
