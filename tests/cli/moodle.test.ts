import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseRawCsv } from "../../src/grading/raw-csv.js";
import { ROOT, runCli } from "../helpers/cli.js";
import { readCsv } from "../helpers/csv-reader.js";
import { type MoodleUpload, writeMoodleDownload, zipFolder } from "../helpers/moodle-download.js";
import { makeZip } from "../helpers/zip.js";

// A Moodle round trip as an instructor makes it: "Download all submissions" graded as it comes
// (the folder, then the zip: the same teams, reused), then "Download grading worksheet" filled
// and checked against what Moodle's upload reads; and the generic CSV for Excel.

const scratch = mkdtempSync(join(tmpdir(), "spikegrade-moodle-cli-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const out = join(scratch, "out");
const WORKSHEET = join(ROOT, "tests/fixtures/moodle/grading-worksheet.csv");

const spikegrade = (args: string[]) => runCli(args, { cwd: scratch, timeoutMs: 300_000 });

const figure1 = readFileSync(join(ROOT, "submissions/example-results/figure1.json"));
function results(team: string, members: [string, string][]): Record<string, string | Buffer> {
  return {
    "submission.json": JSON.stringify({
      team,
      members: members.map(([id, name]) => ({ id, name })),
      results: "figure1.json",
    }),
    "figure1.json": figure1,
  };
}

let folderRun: ReturnType<typeof spikegrade>;
let zipRun: ReturnType<typeof spikegrade>;
let folderGradebook: string;

beforeAll(async () => {
  const zipped = await makeZip(
    Object.entries(results("jo", [["s103", "Jo O'Brien"]])).map(([name, data]) => ({
      name: `jo/${name}`,
      data,
    })),
  );
  const red = results("red", [
    ["s105", "Ada Lovelace"],
    ["s106", "Alan Turing"],
  ]);
  const uploads: MoodleUpload[] = [
    { id: 101, name: "Ines Moreau", files: results("ines", [["s101", "Ines Moreau"]]) },
    {
      id: 102,
      name: "Zoë Õunapuu",
      files: Object.fromEntries(
        Object.entries(results("zoe", [["s102", "Zoë Õunapuu"]])).map(([p, d]) => [`zoe/${p}`, d]),
      ),
    },
    { id: 103, name: 'O\'Brien, Jo "JJ"', files: { "handin.zip": zipped } },
    {
      id: 104,
      name: "Ana Lima",
      files: {
        "figure1.ipynb": readFileSync(join(ROOT, "submissions/example-notebook/figure1.ipynb")),
      },
    },
    { id: 105, name: "Ada Lovelace", group: "Team Red", files: red },
    { id: 106, name: "Alan Turing", group: "Team Red", files: red },
    { id: 107, name: "Bob Stone", onlinetext: "<p>my notebook is on my laptop</p>" },
  ];
  writeMoodleDownload(join(scratch, "download"), uploads);
  writeFileSync(join(scratch, "download.zip"), await zipFolder(join(scratch, "download")));
  folderRun = spikegrade(["grade", join(scratch, "download"), "--out", out, "--jobs", "2"]);
  folderGradebook = readFileSync(join(out, "gradebook.json"), "utf8");
  zipRun = spikegrade(["grade", join(scratch, "download.zip"), "--out", out, "--jobs", "2"]);
});

describe("spikegrade grade on a Moodle download", () => {
  it("grades each participant's submission, skipping online text with advice", () => {
    expect(folderRun.code, folderRun.stderr).toBe(0);
    const gradebook = JSON.parse(readFileSync(join(out, "gradebook.json"), "utf8"));
    expect(
      gradebook.teams.map((t: { team: string; status: string }) => [t.team, t.status]),
    ).toEqual([
      ["ana-lima-104", "pass"],
      ["ines-moreau-101", "pass"],
      ["o-brien-jo-jj-103", "pass"],
      ["team-red-105", "pass"],
      ["zoe-ounapuu-102", "pass"],
    ]);
    expect(gradebook.skipped).toEqual([
      {
        name: "Bob Stone_107_assignsubmission_onlinetext_",
        reason:
          "Bob Stone (participant 107) handed in only online text, no files: ask them to upload their notebook (or submission folder) to the assignment and download the submissions again",
      },
    ]);
    expect(gradebook.warnings).toEqual([
      "handed in a notebook or .py without submission.json, so spikegrade wrote one from the Moodle participants (their names and numbers, not their student ids): ana-lima-104",
    ]);
    expect(folderRun.stdout).toContain(
      "Warning: handed in a notebook or .py without submission.json",
    );
  });

  it("takes the zip Moodle sends as the same class: every team reused, the same gradebook", () => {
    expect(zipRun.code, zipRun.stderr).toBe(0);
    expect(zipRun.stdout).toContain(
      "5 teams in the gradebook (0 graded now, 5 unchanged and reused)",
    );
    expect(readFileSync(join(out, "gradebook.json"), "utf8")).toBe(folderGradebook);
  });
});

describe("spikegrade export moodle", () => {
  it("fills the worksheet Moodle gave out, every other byte as it was, and lists who is left", () => {
    const dest = join(scratch, "filled.csv");
    const run = spikegrade(["export", "moodle", out, "--worksheet", WORKSHEET, "--out", dest]);
    expect(run.code, run.stderr).toBe(0);
    const given = parseRawCsv(readFileSync(WORKSHEET, "utf8")).records;
    const text = readFileSync(dest, "utf8");
    expect(text.startsWith("\uFEFFIdentifier,")).toBe(true);
    const filled = parseRawCsv(text).records;
    expect(filled).toHaveLength(given.length);
    for (const [r, record] of filled.entries()) {
      expect(record.end).toBe(given[r].end);
      for (const [c, field] of record.fields.entries()) {
        if (r === 0 || (c !== 4 && c !== 9)) expect(field.raw).toBe(given[r].fields[c].raw);
      }
    }
    const grades = filled.slice(1).map((rec) => [rec.fields[1].value, rec.fields[4].value]);
    expect(grades).toEqual([
      ["Ines Moreau", "100.00"],
      ["Zoë Õunapuu", "100.00"],
      ['O\'Brien, Jo "JJ"', "100.00"],
      ["Ana Lima", "100.00"],
      ["Ada Lovelace", "100.00"],
      ["Alan Turing", "100.00"],
      ["Bob Stone", ""],
      ["Eve Noshow", ""],
    ]);
    expect(filled[1].fields[9].value).toMatch(
      /^spikegrade \S+: 8 of 8 points \(100 %\); every check passed\./,
    );
    expect(run.stdout).toContain(
      "Worksheet: 8 participants; 6 graded (by participant number 6, email 0, full name 0); 6 feedback comments written",
    );
    expect(run.stdout).toContain("Participant 108 Eve Noshow: no submission of theirs was graded");
  });

  it("refuses a worksheet it cannot fill (exit 2), and an OUT that was never graded", () => {
    const scaled = join(scratch, "scale.csv");
    writeFileSync(scaled, readFileSync(WORKSHEET, "utf8").replace('"Maximum Grade"', "Scale"));
    const run = spikegrade(["export", "moodle", out, "--worksheet", scaled]);
    expect([run.code, run.stderr]).toEqual([2, expect.stringContaining("graded on a scale")]);
    const empty = spikegrade(["export", "csv", scratch]);
    expect([empty.code, empty.stderr]).toEqual([
      2,
      expect.stringContaining("holds no gradebook.json"),
    ]);
  });
});

describe("spikegrade export csv", () => {
  it("writes one row per student with each team's own percent; --excel starts with a BOM", () => {
    const plain = spikegrade(["export", "csv", out, "--out", join(scratch, "grades.csv")]);
    expect(plain.code, plain.stderr).toBe(0);
    const bytes = readFileSync(join(scratch, "grades.csv"));
    expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
    const excel = spikegrade([
      "export",
      "csv",
      out,
      "--excel",
      "--out",
      join(scratch, "excel.csv"),
    ]);
    expect(excel.code, excel.stderr).toBe(0);
    const withBom = readFileSync(join(scratch, "excel.csv"));
    expect([...withBom.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(withBom.subarray(3).equals(bytes)).toBe(true);
    const rows = readCsv(bytes.toString("utf8"));
    expect(rows[0].join(" ")).toBe(
      "student_id student_name team score max_score percent status message",
    );
    expect(rows.find((r) => r[0] === "s102")).toEqual([
      "s102",
      "Zoë Õunapuu",
      "zoe-ounapuu-102",
      "8",
      "8",
      "100",
      "pass",
      "",
    ]);
    const semicolon = spikegrade([
      "export",
      "csv",
      out,
      "--delimiter",
      "semicolon",
      "--out",
      join(scratch, "de.csv"),
    ]);
    expect(semicolon.code).toBe(0);
    expect(readFileSync(join(scratch, "de.csv"), "utf8").split("\r\n")[0]).toBe(
      "student_id;student_name;team;score;max_score;percent;status;message",
    );
  });
});
