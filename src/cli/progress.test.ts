import { describe, expect, it } from "vitest";
import { check, report } from "../../tests/helpers/reports.js";
import { buildGradebook, gradebookTeam } from "../grading/gradebook.js";
import { clock, formatDuration, gradeSummary, progressBar, teamLine } from "./progress.js";

describe("the terminal's lines", () => {
  it("formats durations, the bar and a team's line", () => {
    expect(formatDuration(3140)).toBe("3.1 s");
    expect(formatDuration(125_000)).toBe("2 min 05 s");
    expect(clock(3_723_000)).toBe("1:02:03");
    expect(
      progressBar(
        { done: 12, total: 30, failed: 2, errors: 1, elapsedMs: 41_000, leftMs: 62_000 },
        10,
      ),
    ).toBe("████░░░░░░ 12/30 teams  0:41 elapsed  ~1:02 left  2 failed, 1 error");
    const line = gradebookTeam(
      report([
        check("manifest", "pass", 1),
        check("neuron.fi", "fail", 0, 2),
        check("figure1.A", "fail", 0, 2),
      ]),
      { hidden: false },
    );
    expect(teamLine(line, { elapsedMs: 3100, reused: false })).toBe(
      "team-07    1/5  2 failed  3.1 s",
    );
    expect(teamLine(line, { elapsedMs: 0, reused: true, nameWidth: 9 })).toBe(
      "team-07      1/5  2 failed  unchanged, reused",
    );
  });
});

describe("the closing summary's mean", () => {
  const team = (name: string, checks: Parameters<typeof report>[0]) =>
    gradebookTeam(report(checks, { team: name }), { hidden: false });
  const simulator = (name: string, points: number) =>
    team(name, [check("manifest", "pass", 1), check("neuron.fi", "fail", points - 1, 21)]);
  const resultsOnly = team("results", [check("figure1.A", "pass", 8, 8)]);
  const summary = (teams: ReturnType<typeof team>[]) =>
    gradeSummary({
      gradebook: buildGradebook({ version: "0", columns: [], teams, skipped: [] }),
      graded: teams.length,
      reused: 0,
      elapsedMs: 1000,
      files: [],
      out: "out",
    })[1];

  it("is a mean score where every team has the same maximum", () => {
    expect(summary([simulator("a", 11), simulator("b", 22)])).toContain(
      "mean score 16.5 of 22 (75%)",
    );
  });

  it("is only a mean percentage where the maxima differ, which it names", () => {
    // 8/8 and 11/22 average to 75 %, not to 9.5 points of some maximum.
    const line = summary([simulator("a", 11), resultsOnly]);
    expect(line).toContain(
      "mean 75% of each team's attainable points (teams are scored out of 8, 22)",
    );
    expect(line).not.toContain("mean score");
  });

  it("is of the teams whose written answers are all scored, and says how many wait", () => {
    const waiting = {
      ...simulator("b", 22),
      manual: { checksScore: 22, checksMaxScore: 22, questions: [], notScored: 2 },
    };
    const line = summary([simulator("a", 11), waiting]);
    expect(line).toContain(
      "mean score 11 of 22 (50%) (1 team left out until its written answers are all scored)",
    );
  });
});

describe("the closing summary's counts", () => {
  it("add up to the gradebook's teams when --team graded one of them", () => {
    const teams = ["a", "b", "c", "d"].map((name) =>
      gradebookTeam(report([check("manifest", "pass", 1)], { team: name }), { hidden: false }),
    );
    const [first] = gradeSummary({
      gradebook: buildGradebook({ version: "0", columns: [], teams, skipped: [] }),
      graded: 1,
      reused: 0,
      elapsedMs: 1000,
      files: [],
      out: "out",
    });
    expect(first).toBe(
      "4 teams in the gradebook (1 graded now, 0 unchanged and reused, 3 not asked for (--team) and left as stored) in 1.0 s",
    );
  });
});
