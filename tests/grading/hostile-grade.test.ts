import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gradeClass } from "../../src/grading/grade-class.js";

// A class with folders made to break the grading run itself: every team still gets its row,
// the outputs are written, and nothing a folder is named after lands in OUT.

const root = join(import.meta.dirname, "../..");
const scratch = mkdtempSync(join(tmpdir(), "spikegrade-grade-hostile-"));
const classDir = join(scratch, "class");
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const ESCAPED = "team\u001b[2J\u001b[32m17-17";

beforeAll(() => {
  const copy = (name: string) =>
    cpSync(join(root, "submissions/example-results"), join(classDir, name), { recursive: true });
  copy("good");
  copy("index.html");
  copy("gradebook.json");
  copy(ESCAPED);
  mkdirSync(join(classDir, "pipe"));
  execFileSync("mkfifo", [join(classDir, "pipe", "submission.json")]);
});

describe("grading a hostile class", () => {
  let result: Awaited<ReturnType<typeof gradeClass>>;
  beforeAll(async () => {
    result = await gradeClass({
      dir: classDir,
      out: join(scratch, "out"),
      jobs: 2,
      timeoutMs: 30_000,
    });
  }, 120_000);

  it("grades the good team, and the team whose manifest is a named pipe fails its manifest", () => {
    const rows = Object.fromEntries(result.gradebook.teams.map((t) => [t.team, t]));
    expect(Object.keys(rows).sort()).toEqual(["good", "pipe"]);
    expect(rows.good.status).toBe("pass");
    expect(rows.pipe.status).toBe("error");
    expect(rows.pipe.message).toBe(
      "manifest: submission.json is a named pipe; a submission holds only files and folders",
    );
  });

  it("skips folders whose names are not team names, saying so, and writes the gradebook", () => {
    const skipped = Object.fromEntries(result.gradebook.skipped.map((s) => [s.name, s.reason]));
    for (const name of ["index.html", "gradebook.json", ESCAPED]) {
      expect(skipped[name]).toMatch(/^its name is not a team name/);
    }
    expect(skipped["index.html"]).toContain("rename it, e.g. to index-html");
    const out = join(scratch, "out");
    expect(readFileSync(join(out, "index.html"), "utf8")).toMatch(/^<!doctype html>/i);
    expect(JSON.parse(readFileSync(join(out, "gradebook.json"), "utf8")).teams).toHaveLength(2);
    expect(readFileSync(join(out, "gradebook.csv"), "utf8")).not.toContain("\u001b");
    expect(existsSync(join(out, ESCAPED))).toBe(false);
  });
});
