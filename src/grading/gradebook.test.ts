import { describe, expect, it } from "vitest";
import { readCsv } from "../../tests/helpers/csv-reader.js";
import { check, report } from "../../tests/helpers/reports.js";
import type { RubricCheck } from "../protocol/types.js";
import {
  buildGradebook,
  gradebookColumns,
  gradebookCsv,
  gradebookTeam,
  oneLine,
  percentOf,
  teamStatus,
} from "./gradebook.js";

describe("a team's status and message", () => {
  it("is error when the manifest or the load did not pass", () => {
    const manifest = report([check("manifest", "fail", 0, 1), check("load", "skip", 0, 1)]);
    expect(teamStatus(manifest)).toEqual({
      status: "error",
      message: "manifest: manifest says fail",
    });
    const load = report([check("manifest", "pass", 1), check("load", "fail", 0, 1)]);
    expect(teamStatus(load).status).toBe("error");
    const broke = report([
      check("manifest", "pass", 1),
      check("load", "pass", 1),
      check("stimulus.step", "error", 0, 1),
      check("neuron.fi", "error", 0, 2),
      check("figure1.B:hidden", "skip", 0, 0),
    ]);
    expect(teamStatus(broke)).toEqual({
      status: "error",
      message: "every check ended in error; the first, stimulus.step: stimulus.step says error",
    });
    expect(teamStatus(report([check("manifest", "pass", 1)]), "worker died\nbadly")).toEqual({
      status: "error",
      message: "worker died; badly",
    });
  });

  it("is fail with the failing and erring ids, pass with no message", () => {
    const graded = report([
      check("manifest", "pass", 1),
      check("load", "pass", 1),
      check("neuron.fi", "fail", 0, 2),
      check("neuron.rest", "error", 0, 1),
      check("stimulus.step", "skip", 0, 0),
    ]);
    expect(teamStatus(graded)).toEqual({
      status: "fail",
      message: "failed: neuron.fi; errors: neuron.rest",
    });
    expect(teamStatus(report([check("manifest", "pass", 1)]))).toEqual({
      status: "pass",
      message: "",
    });
    // A course's rubric gave figure1.rate 0 points: it still ran, failed, and is why.
    const unweighted = report([check("manifest", "pass", 1), check("figure1.rate", "fail", 0, 0)]);
    expect(teamStatus(unweighted)).toEqual({ status: "fail", message: "failed: figure1.rate" });
    expect(oneLine("a\n\n  b   c\r\nd", 6)).toBe("a; b …");
  });
});

describe("the gradebook", () => {
  const rubric: RubricCheck[] = [
    { id: "manifest", title: "m", points: 1, visibility: "public" },
    { id: "load", title: "l", points: 1, visibility: "public" },
    { id: "neuron.fi", title: "f", points: 2, visibility: "public" },
    { id: "stimulus.step", title: "s", points: 1, visibility: "public" },
    { id: "neuron.fi:hidden", title: "fh", points: 1, visibility: "hidden" },
  ];

  it("has one row per student, points in the check cells, hidden columns only where run", () => {
    const a = gradebookTeam(
      report([
        check("manifest", "pass", 1),
        check("load", "pass", 1),
        check("neuron.fi", "fail", 0, 2),
        check("stimulus.step", "skip", 0, 0),
      ]),
      { hidden: false },
    );
    const broken = gradebookTeam(
      report([check("manifest", "fail", 0, 1), check("load", "skip", 0, 1)], {
        team: "broken",
        members: [],
      }),
      { hidden: false },
    );
    const columns = gradebookColumns(rubric, [a, broken]);
    expect(columns.map((c) => c.id)).toEqual(["manifest", "load", "neuron.fi", "stimulus.step"]);
    const gradebook = buildGradebook({
      version: "9.9.9",
      columns,
      teams: [a, broken],
      skipped: [{ name: "notes.txt", reason: "a file, not a folder" }],
    });
    expect(gradebook.teams.map((t) => t.team)).toEqual(["broken", "team-07"]);
    expect(gradebook.summary).toEqual({
      teams: 2,
      students: 2,
      pass: 0,
      fail: 1,
      error: 1,
      meanScore: 1,
      maxScore: 4,
      // broken: 0 of 2, team-07: 2 of 4.
      meanPercent: 25,
    });
    expect(readCsv(gradebookCsv(gradebook)).map((row) => row.join("|"))).toEqual([
      expect.stringMatching(/\|message\|percent$/),
      "||broken|0|2|error|0|0|||manifest: manifest says fail|0",
      "s1|Ada Lovelace|team-07|2|4|fail|1|1|0||failed: neuron.fi|50",
      "s2|Alan Turing|team-07|2|4|fail|1|1|0||failed: neuron.fi|50",
    ]);
    const hidden = gradebookTeam(
      report([check("manifest", "pass", 1), check("neuron.fi:hidden", "pass", 1)], {
        team: "h",
        // The same student, the id in another case: the manifest's rule folds case.
        members: [{ id: "S1", name: "Ada again" }],
      }),
      { hidden: true },
    );
    const mixed = buildGradebook({
      version: "0",
      columns: gradebookColumns(rubric, [a, hidden]),
      teams: [a, hidden],
      skipped: [],
    });
    expect(mixed.checks.map((c) => c.id)).toContain("neuron.fi:hidden");
    expect(mixed.warnings).toEqual([
      "student S1 (also written s1) is a member of h, team-07",
      "graded without the hidden checks (their hidden cells are empty): team-07",
    ]);
    const unnamed = gradebookTeam(
      report([check("manifest", "fail", 0, 1)], {
        team: "fresh",
        members: [{ id: "your-student-id", name: "Your Name" }],
      }),
      { hidden: false },
    );
    const withPlaceholder = buildGradebook({
      version: "0",
      columns: gradebookColumns(rubric, [a, unnamed]),
      teams: [a, unnamed],
      skipped: [],
    });
    expect(withPlaceholder.warnings).toContain(
      "still listing spikegrade init's placeholder student (your-student-id) instead of its members: fresh",
    );
  });

  it("gives each team's percent of its own maximum, and warns of manifests spikegrade wrote", () => {
    // A results-only team's 8 of 8 is 100 %, not 8 of the 17 a simulator team can earn.
    expect(percentOf(8, 8)).toBe(100);
    expect(percentOf(13, 17)).toBe(76.5);
    expect(percentOf(0, 0)).toBeUndefined();
    const line = gradebookTeam(report([check("manifest", "pass", 1)], { team: "ana-lima-104" }), {
      hidden: false,
    });
    const moodle = {
      participants: [{ id: "104", name: "Ana Lima" }],
      entries: ["Ana Lima_104_assignsubmission_file_"],
      builtManifest: true,
      notes: [],
    };
    const gradebook = buildGradebook({
      version: "0",
      columns: [],
      teams: [{ ...line, moodle }],
      skipped: [],
    });
    expect(gradebook.warnings).toEqual([
      "handed in a notebook or .py without submission.json, so spikegrade wrote one from the Moodle participants (their names and numbers, not their student ids): ana-lima-104",
    ]);
  });
});
