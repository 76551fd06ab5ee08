import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkPassRates } from "./check-pass-rates.js";
import type { ClassIndexGradebook, ClassIndexTeam } from "./class-gradebook.js";
import { renderClassIndex } from "./class-index.js";
import { scoreHistogram } from "./score-histogram.js";
import { reportHref } from "./teams-section.js";

const COLUMNS = [
  { id: "manifest", title: "submission.json is valid" },
  { id: "neuron.fi", title: "firing rate against constant current" },
  { id: "figure1.B", title: "reliable timing" },
  { id: "neuron.fi:hidden", title: "on unseen inputs", visibility: "hidden" as const },
];

function team(
  name: string,
  statuses: ("pass" | "fail" | "error" | "skip")[],
  extra: Partial<ClassIndexTeam> = {},
): ClassIndexTeam {
  const checks = statuses.map((status, i) => ({
    id: COLUMNS[i].id,
    status,
    points: status === "pass" ? 2 : 0,
    maxPoints: 2,
  }));
  const score = checks.reduce((s, c) => s + c.points, 0);
  const status = statuses.every((s) => s === "pass") ? "pass" : "fail";
  return {
    team: name,
    members: [{ id: `${name}-1`, name: `${name} first` }],
    score,
    maxScore: 2 * statuses.length,
    status,
    checks,
    ...extra,
  };
}

const CLASS: ClassIndexGradebook = {
  checks: COLUMNS,
  teams: [
    team("team-b", ["pass", "fail", "pass", "pass"]),
    team("team-a", ["pass", "pass", "pass", "pass"]),
    team("team-c", ["pass", "fail", "error", "fail"]),
    team("team-d", ["fail", "skip", "skip", "skip"], {
      status: "error",
      message: "manifest: members holds 4 students",
    }),
  ],
};

describe("scoreHistogram", () => {
  it("has a bar per whole score when every team has the same whole maximum", () => {
    // Scores 6, 8, 2, 0 of 8.
    const histogram = scoreHistogram(CLASS.teams);
    expect(histogram.unit).toBe("points");
    expect(histogram.bins.map((b) => b.count)).toEqual([1, 0, 1, 0, 0, 0, 1, 0, 1]);
    expect(histogram.bins.map((b) => b.label)).toEqual([
      "0",
      "1",
      "2",
      "3",
      "4",
      "5",
      "6",
      "7",
      "8",
    ]);
  });

  it("bins tenths of each team's own maximum when the maxima differ", () => {
    const teams = [
      { score: 7, maxScore: 10 }, // 70%: the 70% bar, not the 60% one
      { score: 17, maxScore: 17 }, // 100%: the last bar
      { score: 0, maxScore: 17 },
      { score: 3, maxScore: 10 }, // 30%
      { score: 1, maxScore: 0 }, // no maximum: 0%
    ];
    const histogram = scoreHistogram(teams);
    expect(histogram.unit).toBe("percent");
    expect(histogram.bins.map((b) => b.count)).toEqual([2, 0, 0, 1, 0, 0, 0, 1, 0, 1]);
    expect(histogram.bins[7].label).toBe("70%");
  });

  it("labels a percentage histogram's bar edges, so a full score reads as 90 to 100%", () => {
    const teams = [
      { ...CLASS.teams[0], score: 17, maxScore: 17 },
      { ...CLASS.teams[1], score: 5, maxScore: 10 },
    ];
    const page = renderClassIndex({ ...CLASS, teams });
    const svg = /<svg class="histogram"[\s\S]*?<\/svg>/.exec(page)?.[0] ?? "";
    const ticks = [...svg.matchAll(/<text class="tick" x="([\d.]+)"[^>]*>(\d+%)<\/text>/g)];
    expect(ticks.map((t) => t[2])).toEqual(Array.from({ length: 11 }, (_, k) => `${k * 10}%`));
    // The 100% bar's centre lies between the 90% and 100% labels.
    const bar =
      /<rect class="bar" x="([\d.]+)"[^>]*width="([\d.]+)"[^>]*><title>1 team scored 90% to 100% inclusive/.exec(
        svg,
      );
    const centre = Number(bar?.[1]) + Number(bar?.[2]) / 2;
    expect(centre).toBeGreaterThan(Number(ticks[9][1]));
    expect(centre).toBeLessThan(Number(ticks[10][1]));
  });

  it("bins in tenths when a score is not whole", () => {
    expect(scoreHistogram([{ score: 7.5, maxScore: 10 }]).unit).toBe("percent");
  });
});

describe("checkPassRates", () => {
  it("counts each status over the teams a check applied to", () => {
    const rates = checkPassRates(CLASS);
    expect(rates.map((r) => [r.id, r.pass, r.fail, r.error, r.skip, r.applicable])).toEqual([
      ["manifest", 3, 1, 0, 0, 4],
      ["neuron.fi", 1, 2, 0, 1, 4],
      ["figure1.B", 2, 0, 1, 1, 4],
      ["neuron.fi:hidden", 2, 1, 0, 1, 4],
    ]);
    expect(rates[3].hidden).toBe(true);
  });

  it("leaves out teams for which the check was worth nothing, or did not run", () => {
    const results = team("results", ["pass", "skip", "pass", "pass"]);
    const notApplicable = {
      ...results,
      checks: results.checks.map((c) => (c.status === "skip" ? { ...c, maxPoints: 0 } : c)),
    };
    const noHidden = { ...team("nohidden", ["pass", "pass", "pass"]) };
    const rates = checkPassRates({ checks: COLUMNS, teams: [notApplicable, noHidden] });
    expect(rates[1]).toMatchObject({ pass: 1, skip: 0, applicable: 1 });
    expect(rates[3]).toMatchObject({ pass: 1, applicable: 1 });
  });
});

describe("reportHref", () => {
  it("is the team's report beside the page, each segment encoded", () => {
    expect(reportHref({ team: "team-07" })).toBe("team-07/report.html");
    expect(reportHref({ team: "x", report: "team 7/report.html" })).toBe("team%207/report.html");
    expect(reportHref({ team: "x", report: "/etc/../../passwd" })).toBe("etc/passwd");
    expect(reportHref({ team: "javascript:alert(1)" })).toBe("javascript%3Aalert(1)/report.html");
  });
});

describe("renderClassIndex", () => {
  const html = renderClassIndex(CLASS);

  it("lists the teams by name, each linked to its report, one mark per check", () => {
    const rows = [...html.matchAll(/<tr class="(pass|fail|error)">[\s\S]*?<\/tr>/g)];
    expect(rows.map((r) => /<a href="([^"]+)">/.exec(r[0])?.[1])).toEqual([
      "team-a/report.html",
      "team-b/report.html",
      "team-c/report.html",
      "team-d/report.html",
    ]);
    for (const row of rows) expect(row[0].match(/class="mark-cell"/g)).toHaveLength(4);
    // The score sorts as a fraction of the team's own maximum: team-b has 6 of 8.
    expect(rows[1][0]).toContain('<td class="num" data-sort="0.75"><strong>6</strong>');
    // team-c: pass, fail, error, fail, each with its symbol and its word.
    const c = rows[2][0];
    expect(
      [
        ...c.matchAll(
          /<span class="mark (\w+)" aria-hidden="true">(.)<\/span><span class="sr">([\w ]+)<\/span>/g,
        ),
      ].map((m) => m.slice(1).join(" ")),
    ).toEqual(["pass \u2713 pass", "fail \u2717 fail", "error ! error", "fail \u2717 fail"]);
  });

  it("says why a team broke, and sums up the class", () => {
    expect(html).toContain("manifest: members holds 4 students");
    expect(html).toContain("4 teams");
    expect(html).toContain("mean score 4 of 8");
    expect(html).toContain("\u2713 1 passed");
    expect(html).toContain("! 1 broke");
  });

  it("gives only a mean percentage where teams are scored out of different maxima", () => {
    // 6 of 8 (75 %) and 2 of 4 (50 %): a "mean score 4" would be of no maximum at all.
    const mixed = renderClassIndex({
      checks: COLUMNS,
      teams: [team("team-b", ["pass", "fail", "pass", "pass"]), team("team-r", ["pass", "fail"])],
    });
    expect(mixed).toContain("mean 62.5% of the attainable points (teams are scored out of 4, 8)");
    expect(mixed).not.toContain("mean score");
    // The note under the histogram too: percentages, as its bars are, not points of no maximum.
    expect(mixed).toContain("Median 62.5%, mean 62.5% of each team's maximum.");
    expect(mixed).not.toMatch(/Median [\d.]+, mean/);
  });

  it("has a sortable header per column, the team's sorted at first", () => {
    const head = /<thead>([\s\S]*?)<\/thead>/.exec(html)?.[1] ?? "";
    expect(head.match(/<button type="button">/g)).toHaveLength(4 + COLUMNS.length);
    expect(head.match(/aria-sort="ascending"/g)).toHaveLength(1);
    expect(head).toContain("neuron.fi:hidden \u2020");
  });

  it("runs only its own script, allowed by its hash", () => {
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)];
    expect(scripts).toHaveLength(1);
    const hash = createHash("sha256").update(scripts[0][1]).digest("base64");
    expect(html).toContain(`script-src 'sha256-${hash}'`);
    expect(html).toContain("default-src 'none'");
  });

  it("escapes everything that comes from a submission", () => {
    const evil = renderClassIndex({
      checks: COLUMNS,
      teams: [
        team('t"><script>alert(1)</script>', ["pass"], {
          members: [{ id: "<img src=x onerror=alert(2)>", name: "O'Brien & <b>Co</b>" }],
          status: "error",
          message: "</td><script>alert(3)</script>",
        }),
      ],
      warnings: ["<i>two teams</i>"],
      skipped: [{ name: "<svg onload=alert(4)>", reason: "a file" }],
    });
    expect(evil.match(/<script>/g)).toHaveLength(1);
    expect(evil).not.toMatch(/<img|<b>|<i>|<svg onload/);
    expect(evil).toContain("O&#39;Brien &amp; &lt;b&gt;Co&lt;/b&gt;");
    expect(evil).toContain("&lt;/td&gt;&lt;script&gt;alert(3)&lt;/script&gt;");
    expect(evil).toContain('href="t%22%3E%3Cscript%3Ealert(1)%3C/script%3E/report.html"');
  });

  it("is the same page for the same grades, and says so when no team was graded", () => {
    expect(renderClassIndex(CLASS)).toBe(html);
    const empty = renderClassIndex({ checks: COLUMNS, teams: [] });
    expect(empty).toContain("No team was graded.");
    expect(empty).not.toContain('id="teams"');
    expect(empty).toContain("0 teams");
  });

  it("leaves a team out of the histogram and its median while its written answers wait to be scored", () => {
    const waiting = (name: string, notScored: number, score: number): ClassIndexTeam =>
      team(name, ["pass", "pass", "pass", "pass"], {
        score,
        maxScore: 12,
        manual: {
          questions: [
            { id: "q01", points: 1, maxPoints: 2 },
            { id: "q02", points: notScored > 0 ? null : 2, maxPoints: 2 },
          ],
          notScored,
        },
      });
    const page = renderClassIndex({
      checks: COLUMNS,
      teams: [waiting("team-a", 0, 9), waiting("team-b", 1, 4)],
    });
    const svg = /<svg class="histogram"[\s\S]*?<\/svg>/.exec(page)?.[0] ?? "";
    expect(svg).toContain("Score distribution of 1 team");
    expect(page).toContain("1 team is left out until its written answers are all scored.");
    // The mean above it is team-a's alone, as the histogram's is.
    expect(page).toContain("mean score 9 of 12");
    const none = renderClassIndex({ checks: COLUMNS, teams: [waiting("team-b", 1, 4)] });
    expect(none).not.toContain('<svg class="histogram"');
    expect(none).not.toContain("NaN");
    expect(none).toContain("no mean until the written answers are scored");
    expect(none).toContain("1 team is left out until its written answers are all scored.");
  });

  it("draws a bar per score with its count", () => {
    const svg = /<svg class="histogram"[\s\S]*?<\/svg>/.exec(html)?.[0] ?? "";
    expect(svg.match(/<rect class="bar"/g)).toHaveLength(4);
    expect(svg).toContain("1 team scored 6");
  });
});
