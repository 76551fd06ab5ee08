import { describe, expect, it } from "vitest";
import { check, report } from "../../tests/helpers/reports.js";
import { gradebookTeam } from "../grading/gradebook.js";
import { clock, formatDuration, progressBar, teamLine } from "./progress.js";

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
