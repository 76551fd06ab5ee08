import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeClassIndex } from "../../src/grading/class-index-writer.js";
import { renderClassIndex } from "../../src/report/class-index.js";

const scratch = mkdtempSync(join(tmpdir(), "spikegrade-class-index-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const CLASS = {
  checks: [{ id: "manifest", title: "submission.json is valid" }],
  teams: [
    {
      team: "team-01",
      members: [{ id: "s1", name: "Ada" }],
      score: 1,
      maxScore: 1,
      status: "pass" as const,
      checks: [{ id: "manifest", status: "pass" as const, points: 1, maxPoints: 1 }],
    },
  ],
};

describe("writeClassIndex", () => {
  it("writes OUT/index.html whole, creating OUT, and leaves no temporary file", async () => {
    const out = join(scratch, "out", "nested");
    const path = await writeClassIndex(out, CLASS);
    expect(path).toBe(join(out, "index.html"));
    expect(readFileSync(path, "utf8")).toBe(renderClassIndex(CLASS));
    expect(readdirSync(out)).toEqual(["index.html"]);
  });

  it("replaces the page of an earlier run", async () => {
    const out = join(scratch, "again");
    await writeClassIndex(out, CLASS);
    const path = await writeClassIndex(out, { ...CLASS, teams: [] });
    expect(readFileSync(path, "utf8")).toContain("No team was graded.");
    expect(readdirSync(out)).toEqual(["index.html"]);
  });
});
