import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadRubric } from "../../src/checks/load-reference.js";
import { clock, formatDuration, progressBar, teamLine } from "../../src/cli/progress.js";
import { csvField, csvRecord, inertText } from "../../src/grading/csv.js";
import { discoverTeams, parseShard, shardOf } from "../../src/grading/discover.js";
import { folderFiles, gradingFingerprint } from "../../src/grading/fingerprint.js";
import {
  buildGradebook,
  gradebookColumns,
  gradebookCsv,
  gradebookTeam,
  oneLine,
  teamStatus,
} from "../../src/grading/gradebook.js";
import { gradescopeResults } from "../../src/grading/gradescope.js";
import {
  deriveHiddenInputs,
  HIDDEN_DT_CHOICES_MS,
  hiddenDtMs,
  hiddenSeed,
  secretId,
} from "../../src/grading/hidden-inputs.js";
import { REDACTED, redactReport, redactSeeds } from "../../src/grading/redact.js";
import { validate } from "../../src/protocol/schemas.js";
import type { CheckReport, CheckResult, RubricCheck } from "../../src/protocol/types.js";
import { readCsv } from "./csv-reader.js";

const scratch = mkdtempSync(join(tmpdir(), "spikegrade-pieces-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const SECRET = "course-secret-2025-abc";

function check(id: string, status: CheckResult["status"], points: number, maxPoints = points) {
  return {
    id,
    title: id,
    status,
    points: status === "pass" ? maxPoints : points,
    maxPoints,
    visibility: id.endsWith(":hidden") ? "hidden" : "public",
    message: `${id} says ${status}`,
  } satisfies CheckResult;
}

function report(checks: CheckResult[], extra: Partial<CheckReport> = {}): CheckReport {
  return {
    team: "team-07",
    members: [
      { id: "s1", name: "Ada Lovelace" },
      { id: "s2", name: "Alan Turing" },
    ],
    passed: checks.every((c) => c.status === "pass" || (c.status === "skip" && c.maxPoints === 0)),
    score: checks.reduce((s, c) => s + c.points, 0),
    maxScore: checks.reduce((s, c) => s + c.maxPoints, 0),
    checks,
    ...extra,
  };
}

describe("hidden inputs", () => {
  // Values computed independently with Python's hmac module:
  // hmac.new(secret, b"spikegrade/hidden-input/v1\0<check id>\0<name>", sha256), first 4 bytes
  // big-endian, top bit cleared; dt: the first 4 bytes modulo 3 into [0.1, 0.25, 0.5].
  it("are HMAC-SHA256 of the secret, the check id and the parameter's name", () => {
    expect(hiddenSeed(SECRET, "stimulus.ou:hidden", "seed")).toBe(2127240651);
    expect(hiddenSeed(SECRET, "figure1.B:hidden", "stimulusSeeds[0]")).toBe(1433413292);
    expect(hiddenSeed(SECRET, "figure1.B:hidden", "noiseSeed")).toBe(198502195);
    expect(hiddenDtMs(SECRET, "stimulus.ou:hidden")).toBe(0.25);
    expect(secretId(SECRET)).toBe("573f5710f13ba232");
    expect(hiddenSeed(`${SECRET}x`, "stimulus.ou:hidden", "seed")).not.toBe(2127240651);
  });

  it("replace every seed and dt of every hidden check, lists keeping their length", async () => {
    const rubric = await loadRubric();
    if (!rubric.ok) throw new Error("the package's rubric does not load");
    const { byCheck, seeds } = deriveHiddenInputs(SECRET, rubric.value);
    const hidden = rubric.value.checks.filter((c) => c.visibility === "hidden");
    expect(Object.keys(byCheck).sort()).toEqual(hidden.map((c) => c.id).sort());
    expect(byCheck["figure1.B:hidden"]).toEqual({
      stimulusSeeds: [1433413292, 1229112978, 728896500, 22809061],
      noiseSeed: 198502195,
    });
    // A list of time steps becomes the one unseen time step.
    expect(byCheck["stimulus.ou:hidden"]).toEqual({ seed: 2127240651, dtMs: [0.25] });
    const match = byCheck["neuron.match:hidden"];
    expect(match.stimulusSeeds).toHaveLength(5);
    expect(new Set(match.stimulusSeeds as number[]).size).toBe(5);
    expect(match.dtMs).toHaveLength(1);
    expect(HIDDEN_DT_CHOICES_MS).toContain((match.dtMs as number[])[0]);
    // Everything else stays the rubric's: currents, quantiles.
    expect(byCheck["neuron.fi:hidden"].currentsPa).toBeUndefined();
    for (const seed of seeds) {
      expect(Number.isInteger(seed) && seed >= 0 && seed <= 2 ** 31 - 1).toBe(true);
    }
    expect(seeds).toHaveLength(1 + 4 + 1 + 5);
  });
});

describe("redaction", () => {
  it("replaces whole integers that are hidden seeds, and nothing else", () => {
    const text =
      "seed 1433413292: spikes at 1433413292.5 ms, id 14334132920, {'seed': 1433413292}, 01433413292";
    expect(redactSeeds(text, [1433413292])).toBe(
      `seed ${REDACTED}: spikes at 1433413292.5 ms, id 14334132920, {'seed': ${REDACTED}}, ${REDACTED}`,
    );
    expect(redactSeeds("nothing to hide", [])).toBe("nothing to hide");
  });

  it("finds a seed as programs print it: grouped, as a float, in hex, octal and binary", () => {
    const seed = 1433413292;
    const spelt = [
      "1,433,413,292",
      "1_433_413_292",
      "1433413292.0",
      "1.433413292e+09",
      "1.433413292E9",
      `0x${seed.toString(16)}`,
      seed.toString(16).toUpperCase(),
      `0o${seed.toString(8)}`,
      `0b${seed.toString(2)}`,
    ];
    for (const text of spelt)
      expect(redactSeeds(`got ${text}!`, [seed]), text).toBe(`got ${REDACTED}!`);
  });

  it("covers every message a student reads, public ones too, and hidden checks' time steps", () => {
    const seed = 1433413292;
    const publicCheck = {
      ...check("neuron.fi", "error", 0, 2),
      message: `Python raised ValueError in simulate_neuron: remembered ${seed}`,
    };
    const hiddenCheck = {
      ...check("figure1.B:hidden", "fail", 0, 1),
      message: "panel B at dt 0.25 ms is unreliable",
    };
    const redacted = redactReport(
      report([publicCheck, hiddenCheck], { log: `request seed=${seed} dt=0.25, then dt=0.5` }),
      [seed],
    );
    expect(redacted.checks.map((c) => c.message)).toEqual([
      `Python raised ValueError in simulate_neuron: remembered ${REDACTED}`,
      `panel B at dt ${REDACTED} ms is unreliable`,
    ]);
    // 0.25 ms is a time step only hidden checks use; 0.5 ms is public.
    expect(redacted.log).toBe(`request seed=${REDACTED} dt=${REDACTED}, then dt=0.5`);
  });
});

describe("CSV", () => {
  it("quotes what RFC 4180 requires, doubles quotes, ends records with CRLF", () => {
    expect(csvRecord(["a", "b,c", 'say "hi"', "two\nlines", 3.5])).toBe(
      'a,"b,c","say ""hi""","two\nlines",3.5\r\n',
    );
  });

  it("makes formula-looking text inert, but not numbers", () => {
    expect(inertText("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    for (const lead of ["+", "-", "@", "\t", "\r"]) expect(inertText(`${lead}x`)).toBe(`'${lead}x`);
    expect(inertText("Ada")).toBe("Ada");
    expect(csvField(-1)).toBe("-1");
  });

  it("round-trips names with commas, quotes, line breaks and accents through a strict reader", () => {
    const names = [
      'Lovelace, Ada "Countess"',
      "Zoë Ō'Brien",
      "two\r\nlines",
      "trailing space ",
      "=cmd|' /C calc'!A0",
      "",
    ];
    const line = gradebookTeam(
      report([check("manifest", "pass", 1), check("load", "pass", 1)], {
        members: names.map((name, i) => ({ id: `s${i}`, name })),
      }),
      { hidden: false },
    );
    const columns = gradebookColumns(
      [
        { id: "manifest", title: "m", points: 1, visibility: "public" },
        { id: "load", title: "l", points: 1, visibility: "public" },
      ],
      [line],
    );
    const gradebook = buildGradebook({ version: "0", columns, teams: [line], skipped: [] });
    const rows = readCsv(gradebookCsv(gradebook));
    expect(rows[0]).toEqual([
      "student_id",
      "student_name",
      "team",
      "score",
      "max_score",
      "status",
      "manifest",
      "load",
      "message",
    ]);
    expect(rows.slice(1).map((r) => r[1])).toEqual(
      names.map((n) => (n.startsWith("=") ? `'${n}` : n)),
    );
    expect(rows.slice(1).every((r) => r.length === rows[0].length)).toBe(true);
  });
});

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
    expect(readCsv(gradebookCsv(gradebook)).slice(1)).toEqual([
      ["", "", "broken", "0", "2", "error", "0", "0", "", "", "manifest: manifest says fail"],
      ["s1", "Ada Lovelace", "team-07", "2", "4", "fail", "1", "1", "0", "", "failed: neuron.fi"],
      ["s2", "Alan Turing", "team-07", "2", "4", "fail", "1", "1", "0", "", "failed: neuron.fi"],
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
  });
});

describe("Gradescope results", () => {
  it("are valid, one test per check, hidden ones after publication and without their seeds", () => {
    const hidden: CheckResult = {
      ...check("figure1.B:hidden", "fail", 0, 1),
      message: "panel B on the frozen current of seed 1433413292 is unreliable",
    };
    const results = gradescopeResults(
      redactReport(
        report([check("manifest", "pass", 1), check("neuron.fi", "fail", 0, 2), hidden], {
          isolation: "bubblewrap",
        }),
        [1433413292],
      ),
    );
    const valid = validate("gradescope", results);
    expect(valid.ok ? [] : valid.errors).toEqual([]);
    expect(results.score).toBe(1);
    expect(results.max_score).toBe(4);
    expect(results.tests.map((t) => [t.status, t.visibility, t.score, t.max_score])).toEqual([
      ["passed", "visible", 1, 1],
      ["failed", "visible", 0, 2],
      ["failed", "after_published", 0, 1],
    ]);
    expect(results.tests[2].output).toBe(
      `FAIL: panel B on the frozen current of seed ${REDACTED} is unreliable`,
    );
    expect(results.output).toContain("Public checks: 1/3 points, 1 of 2 passed.");
    expect(results.output).not.toContain("1433413292");
  });
});

describe("finding the teams", () => {
  it("lists folders with a submission.json and says why everything else is skipped", async () => {
    const dir = join(scratch, "class");
    for (const team of ["team-b", "team-a", "no-manifest", ".git"]) {
      mkdirSync(join(dir, team), { recursive: true });
    }
    writeFileSync(join(dir, "team-a", "submission.json"), "{}");
    writeFileSync(join(dir, "team-b", "submission.json"), "{}");
    writeFileSync(join(dir, "notes.txt"), "");
    symlinkSync(join(dir, "team-a"), join(dir, "link"));
    mkdirSync(join(dir, "out"));
    writeFileSync(join(dir, "out", "submission.json"), "{}");
    const found = await discoverTeams(dir, join(dir, "out"));
    expect(found.teams.map((t) => t.team)).toEqual(["team-a", "team-b"]);
    expect(found.skipped).toEqual([
      { name: ".git", reason: "a hidden (dot) entry" },
      { name: "link", reason: "a symbolic link, not a folder of the class" },
      { name: "no-manifest", reason: "no submission.json in it" },
      { name: "notes.txt", reason: "a file, not a folder" },
      { name: "out", reason: "the output folder (--out)" },
    ]);
  });

  it("splits a class into shards counted from 1, every team in exactly one", () => {
    const teams = ["a", "b", "c", "d", "e"];
    expect(shardOf(teams, { index: 1, count: 2 })).toEqual(["a", "c", "e"]);
    expect(shardOf(teams, { index: 2, count: 2 })).toEqual(["b", "d"]);
    expect(shardOf(teams, { index: 3, count: 3 })).toEqual(["c"]);
    expect(parseShard("2/8")).toEqual({ ok: true, shard: { index: 2, count: 8 } });
    for (const bad of ["0/2", "3/2", "1/0", "two", "1/2/3"]) expect(parseShard(bad).ok).toBe(false);
  });
});

describe("the fingerprint", () => {
  const base = {
    rubric: { checks: [] },
    tolerances: { measures: {} },
    referenceFigure: "f",
    spikegradeVersion: "1",
    options: { includeHidden: false, timeoutMs: 60_000 },
  };

  it("changes with any file's content, not with caches or the listing's order", async () => {
    const dir = join(scratch, "team");
    mkdirSync(join(dir, "lib"), { recursive: true });
    writeFileSync(join(dir, "simulator.py"), "print(1)\n");
    writeFileSync(join(dir, "lib", "b.py"), "x = 1\n");
    const before = await folderFiles(dir);
    expect(before.map(([p]) => p)).toEqual(["lib/b.py", "simulator.py"]);
    mkdirSync(join(dir, "__pycache__"));
    writeFileSync(join(dir, "__pycache__", "b.pyc"), "bytes");
    expect(await folderFiles(dir)).toEqual(before);
    writeFileSync(join(dir, "lib", "b.py"), "x = 2\n");
    const after = await folderFiles(dir);
    expect(gradingFingerprint({ ...base, files: after })).not.toBe(
      gradingFingerprint({ ...base, files: before }),
    );
  });

  it("changes with the rubric, the version and the options, not with key order", () => {
    const files: [string, string][] = [["a", "1"]];
    const f = gradingFingerprint({ ...base, files });
    expect(gradingFingerprint({ ...base, files, rubric: { checks: [1] } })).not.toBe(f);
    expect(gradingFingerprint({ ...base, files, spikegradeVersion: "2" })).not.toBe(f);
    expect(
      gradingFingerprint({ ...base, files, options: { includeHidden: true, timeoutMs: 60_000 } }),
    ).not.toBe(f);
    expect(
      gradingFingerprint({ ...base, files, options: { timeoutMs: 60_000, includeHidden: false } }),
    ).toBe(f);
  });
});

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
