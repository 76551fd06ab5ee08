import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { readCsv } from "../helpers/csv-reader.js";
import { generateClass } from "./class30.js";

// The whole command on a class of 30 teams (examples, broken fixtures, hostile simulators) on two
// cores: every student has a row with the status their team earned, and grading finishes (exit 0).

const scratch = mkdtempSync(join(tmpdir(), "spikegrade-class30-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("a class of 30 teams", () => {
  // Thirty teams, each through every check at two time steps: a few minutes on two busy cores.
  it("gets one row per student, each with its team's expected status, and exit 0", {
    timeout: 900_000,
  }, () => {
    const classDir = join(scratch, "class");
    const { expected, rows } = generateClass(classDir);
    expect(Object.keys(expected)).toHaveLength(30);
    const out = join(scratch, "out");
    const run = runCli(["grade", classDir, "--out", out, "--jobs", "2", "--timeout", "5"], {
      timeoutMs: 850_000,
    });
    expect(run.code, run.stderr).toBe(0);
    const csv = readCsv(readFileSync(join(out, "gradebook.csv"), "utf8"));
    const header = csv[0];
    const status = header.indexOf("status");
    const team = header.indexOf("team");
    const students = csv.slice(1);
    expect(students).toHaveLength(Object.values(rows).reduce((a, b) => a + b, 0));
    const got: Record<string, string> = {};
    const count: Record<string, number> = {};
    for (const row of students) {
      got[row[team]] = row[status];
      count[row[team]] = (count[row[team]] ?? 0) + 1;
    }
    expect(got).toEqual(expected);
    expect(count).toEqual(rows);
    // The awkward names came through whole (the formula one made inert).
    const names = students.map((r) => r[1]);
    expect(names).toContain('Lovelace, Ada "Countess"');
    expect(names).toContain('\'=HYPERLINK("http://x")');
    expect(names).toContain("Zoë Õunapuu, Jr.");
    expect(run.stdout).toContain("30 teams in the gradebook (30 graded now");
  });
});
