import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadGradingReference } from "../../src/checks/load-reference.js";
import { buildGradebook, gradebookTeam } from "../../src/grading/gradebook.js";
import { mergeGradebooks } from "../../src/grading/merge.js";
import { MergeSetupError } from "../../src/grading/refusals.js";
import {
  graderFailureReport,
  installStagedTeam,
  MARKER_FILE,
  readStoredTeam,
  teamFolders,
  writeTeamOutputs,
} from "../../src/grading/team-output.js";
import { loadReferenceFigure } from "../../src/grading/write-report.js";
import { formatJson } from "../../src/protocol/json-format.js";
import { validate } from "../../src/protocol/schemas.js";

// Every JSON file spikegrade reads back from disk passes its schema before it is trusted: a
// gradebook part (merge), a team's marker (resuming a grading), reference/figure1.json (reports).

const root = join(import.meta.dirname, "../..");
const made: string[] = [];
function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), "spikegrade-read-back-"));
  made.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const reference = await loadGradingReference();
if (!reference.ok) throw new Error("no reference");
const checks = reference.value.rubric.checks.filter((c) => c.visibility === "public");
const report = graderFailureReport("team-07", [{ id: "s1", name: "Ada" }], checks, 0);

/** A gradebook part of one team, as grade --shard 1/2 writes it. */
function part(): Record<string, unknown> {
  const gradebook = buildGradebook({
    version: "0.1.0",
    columns: checks.map((c) => ({
      id: c.id,
      title: c.title,
      points: c.points,
      visibility: c.visibility,
    })),
    teams: [gradebookTeam(report, { hidden: false })],
    skipped: [],
    shard: { index: 1, count: 2 },
  });
  return JSON.parse(formatJson(gradebook));
}

describe("merge: each gradebook part passes the gradebook schema", () => {
  it("a part as grade writes it is a valid gradebook", () => {
    expect(validate("gradebook", part())).toEqual({ ok: true, value: part() });
  });

  it("a part whose team line is malformed is refused, saying where", async () => {
    const out = folder();
    const spoilt = part();
    (spoilt.teams as Record<string, unknown>[])[0].score = "7";
    delete (spoilt.teams as Record<string, unknown>[])[0].members;
    const file = join(out, "gradebook.part-1-of-2.json");
    writeFileSync(file, formatJson(spoilt));
    const merging = mergeGradebooks({ outs: [out], dest: join(out, "merged") });
    await expect(merging).rejects.toThrow(MergeSetupError);
    await expect(merging).rejects.toThrow(
      `${file} is not a spikegrade gradebook: teams[0].members is missing; expected an array; teams[0].score is "7" (a string); expected a number`,
    );
  });
});

/** A worker's staging of a team, as writeTeamOutputs makes it. */
async function staging(): Promise<string> {
  const staged = folder();
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

/** A marker as writeTeamOutputs writes it, with spikegradeVersion a number. */
function spoilMarker(dir: string): void {
  const marker = JSON.parse(readFileSync(join(dir, MARKER_FILE), "utf8"));
  writeFileSync(join(dir, MARKER_FILE), JSON.stringify({ ...marker, spikegradeVersion: 3 }));
}

describe("a team's marker passes the grading-marker schema", () => {
  it("installing a staging refuses a malformed marker, saying what is wrong", async () => {
    const staged = await staging();
    spoilMarker(staged);
    expect(await installStagedTeam(staged, teamFolders(folder(), "team-07"))).toEqual({
      ok: false,
      message:
        "the worker staged a marker of the wrong shape: spikegradeVersion is 3; expected a string",
    });
  });

  it("a stored team with a malformed marker is not complete, so it is graded again", async () => {
    const folders = teamFolders(folder(), "team-07");
    expect((await installStagedTeam(await staging(), folders)).ok).toBe(true);
    expect((await readStoredTeam(folders))?.marker.fingerprint).toBe("f");
    spoilMarker(folders.instructor);
    expect(await readStoredTeam(folders)).toBeUndefined();
  });
});

describe("reference/figure1.json passes the reference-figure1 schema", () => {
  it("the package's figure loads", async () => {
    const loaded = await loadReferenceFigure();
    expect(loaded.ok ? [] : loaded.errors).toEqual([]);
  });

  it("a malformed copy gives messages naming the place, not a crash", async () => {
    const file = join(folder(), "figure1.json");
    copyFileSync(join(root, "reference", "figure1.json"), file);
    const figure = JSON.parse(readFileSync(file, "utf8"));
    delete figure.metrics.B.rateHz;
    figure.panels.A.spikeTimesMs = "none";
    writeFileSync(file, JSON.stringify(figure));
    expect(await loadReferenceFigure(file)).toEqual({
      ok: false,
      errors: [
        {
          path: "panels.A.spikeTimesMs",
          message: 'panels.A.spikeTimesMs is "none" (a string); expected an array',
        },
        {
          path: "metrics.B.rateHz",
          message: "metrics.B.rateHz is missing; expected a number in Hz",
        },
      ],
    });
  });
});
