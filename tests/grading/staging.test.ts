import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadGradingReference } from "../../src/checks/load-reference.js";
import {
  graderFailureReport,
  installStagedTeam,
  MARKER_FILE,
  teamFolders,
  writeTeamOutputs,
} from "../../src/grading/team-output.js";

// Only the grader's main process writes OUT, and only what it checked of a worker's staging.

const made: string[] = [];
function folder(parent = tmpdir()): string {
  const dir = mkdtempSync(join(parent, "spikegrade-staging-"));
  made.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const reference = await loadGradingReference();
if (!reference.ok) throw new Error("no reference");
const checks = reference.value.rubric.checks.filter((c) => c.visibility === "public");

/** A worker's staging of a team, as writeTeamOutputs makes it. */
async function staging(): Promise<string> {
  const staged = folder();
  const report = graderFailureReport("team-07", [{ id: "s1", name: "Ada" }], checks, 0);
  const folders = { student: staged, instructor: staged };
  await writeTeamOutputs({ report, panels: undefined, isolationNote: undefined }, folders, {
    fingerprint: "f",
    hidden: false,
    hiddenSeeds: [],
    hiddenInputs: {},
    rubric: { sha256: "0".repeat(64), file: "rubric.json" },
    elapsedMs: 1,
  });
  return staged;
}

describe("installing a team's staged outputs", () => {
  it("moves a valid staging into OUT/<team> and OUT/.instructor/<team>, marker included, and drops an old figure", async () => {
    const folders = teamFolders(folder(), "team-07");
    mkdirSync(folders.student);
    writeFileSync(join(folders.student, "match.png"), "stale");
    // What spikegrade 0.1.0 left with the students' files goes too.
    writeFileSync(join(folders.student, "result.json"), "{}");
    writeFileSync(join(folders.student, MARKER_FILE), "{}");
    const installed = await installStagedTeam(await staging(), folders);
    expect(installed.ok).toBe(true);
    expect(readdirSync(folders.student).sort()).toEqual(["gradescope.json", "report.html"]);
    expect(readdirSync(folders.instructor).sort()).toEqual([MARKER_FILE, "result.json"].sort());
  });

  it.each([
    [
      "an unexpected file",
      (dir: string) => writeFileSync(join(dir, "evil.sh"), "x"),
      /unexpected file evil\.sh/,
    ],
    [
      "an invalid result.json",
      (dir: string) => writeFileSync(join(dir, "result.json"), '{"score": "all"}'),
      /result\.json that is not a valid check report/,
    ],
    [
      "a figure that is not a PNG",
      (dir: string) => writeFileSync(join(dir, "figure1.png"), "<script>"),
      /figure1\.png, which is not a PNG image/,
    ],
    [
      "a marker of the wrong shape",
      (dir: string) => writeFileSync(join(dir, MARKER_FILE), "[]"),
      /marker of the wrong shape/,
    ],
  ])("refuses %s, leaving OUT untouched", async (_, spoil, message) => {
    const staged = await staging();
    spoil(staged);
    const out = folder();
    expect(await installStagedTeam(staged, teamFolders(out, "team-07"))).toEqual({
      ok: false,
      message: expect.stringMatching(message),
    });
    expect(readdirSync(out)).toEqual([]);
  });

  it("refuses a staging outside the temporary folder", async () => {
    // The temporary folder made a subfolder of its own, so that a sibling is outside it wherever
    // the repository lies (a clone under /tmp, say).
    const base = folder();
    mkdirSync(join(base, "tmp"));
    const outside = join(base, "elsewhere");
    mkdirSync(outside);
    const before = process.env.TMPDIR;
    process.env.TMPDIR = join(base, "tmp");
    try {
      expect(await installStagedTeam(outside, teamFolders(join(base, "out"), "t"))).toEqual({
        ok: false,
        message: expect.stringMatching(/outside the temporary folder/),
      });
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
    }
  });
});
