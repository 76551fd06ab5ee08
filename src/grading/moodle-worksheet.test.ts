import { describe, expect, it } from "vitest";
import type { Gradebook, GradebookTeam } from "../protocol/types.js";
import { feedbackComment, fillWorksheet, scaledGrade, WorksheetError } from "./moodle-worksheet.js";
import { joinRawCsv, parseRawCsv } from "./raw-csv.js";

// A worksheet as Moodle writes it (docs/moodle.md): UTF-8 with a byte order mark, LF line ends,
// a field quoted when it holds a space, a comma or a quote (PHP's fputcsv).
const HEADER =
  'Identifier,"Full name","Email address",Status,Grade,"Maximum Grade","Grade can be changed","Last modified (submission)","Last modified (grade)","Feedback comments"';
const ROWS = [
  '"Participant 101","Ines Moreau",ines@uni.example,"Submitted for grading",,100.00,Yes,"Monday, 1 December 2026, 10:00 AM",-,',
  '"Participant 103","O\'Brien, Jo ""JJ""",jo@uni.example,"Submitted for grading",,"100,00",Yes,"Monday, 1 December 2026, 10:00 AM",-,',
  '"Participant 110","Eve Noshow",eve@uni.example,"No submission",,100.00,Yes,-,-,',
  '"Participant 111","Ingrid Other",s900@uni.example,"Submitted for grading",,100.00,Yes,-,-,',
  '"Participant 112","Karl Müller",karl@uni.example,"Submitted for grading",,100.00,Yes,-,-,"Good work, see me"',
  '"Participant 113","Lena Locked",lena@uni.example,"Submitted for grading",50.00,100.00,No,-,"Monday, 1 December 2026, 11:00 AM",',
  '"Participant 114","Max Error",max@uni.example,"Submitted for grading",,100.00,Yes,-,-,',
];
const WORKSHEET = `\uFEFF${[HEADER, ...ROWS].join("\n")}\n`;

function team(name: string, fields: Partial<GradebookTeam>): GradebookTeam {
  return {
    team: name,
    members: [],
    status: "pass",
    score: 0,
    maxScore: 21,
    message: "",
    checks: [],
    hidden: false,
    report: `${name}/report.html`,
    ...fields,
  };
}

const moodle = (id: string, name: string) => ({
  participants: [{ id, name }],
  entries: [`${name}_${id}_assignsubmission_file_`],
  builtManifest: false,
  notes: [],
});

const GRADEBOOK = {
  generatedBy: { name: "spikegrade", version: "0.1.0" },
  checks: [],
  teams: [
    team("ines-moreau-101", {
      score: 17,
      maxScore: 17,
      moodle: moodle("101", "Ines Moreau"),
      members: [{ id: "s101", name: "Ines M." }],
    }),
    team("o-brien-jo-jj-103", {
      score: 8,
      maxScore: 8,
      moodle: moodle("103", "O'Brien, Jo JJ"),
      members: [{ id: "s103", name: "Jo" }],
    }),
    team("ordinary", {
      score: 13,
      maxScore: 17,
      status: "fail",
      message: "failed: figure1.B",
      members: [{ id: "s900", name: "Ingrid Other" }],
    }),
    team("mueller", {
      score: 7,
      maxScore: 21,
      status: "fail",
      message: "failed: neuron.fi",
      members: [{ id: "km", name: "Karl Mu\u0308ller" }],
    }),
    team("locked", { score: 21, members: [{ id: "s113", name: "Lena Locked" }] }),
    team("crash", {
      status: "error",
      message: "load: simulator.py raised",
      members: [{ id: "s114", name: "Max Error" }],
    }),
    team("nobody", { score: 5, members: [{ id: "s999", name: "Not Enrolled" }] }),
  ],
  students: [],
  skipped: [],
  summary: {
    teams: 0,
    students: 0,
    pass: 0,
    fail: 0,
    error: 0,
    meanScore: null,
    maxScore: 0,
    meanPercent: null,
  },
  warnings: [],
} satisfies Gradebook;

describe("Moodle's grading worksheet", () => {
  it("reads and writes back a worksheet byte for byte", () => {
    expect(joinRawCsv(parseRawCsv(WORKSHEET))).toBe(WORKSHEET);
    const crlf = WORKSHEET.replaceAll("\n", "\r\n").replace("\uFEFF", "");
    expect(joinRawCsv(parseRawCsv(crlf))).toBe(crlf);
  });

  it("fills Grade and Feedback comments of matched rows and leaves every other byte as it was", () => {
    const { csv, report } = fillWorksheet(parseRawCsv(WORKSHEET), GRADEBOOK);
    const before = parseRawCsv(WORKSHEET).records;
    csv.records.forEach((record, r) => {
      record.fields.forEach((field, c) => {
        if (c !== 4 && c !== 9)
          expect(field.raw, `row ${r} column ${c}`).toBe(before[r].fields[c].raw);
      });
    });
    const text = joinRawCsv(csv);
    expect(text.startsWith(`\uFEFF${HEADER}\n`)).toBe(true);
    expect(text.split("\n")).toHaveLength(WORKSHEET.split("\n").length);
    expect(report.rows.map((r) => [r.identifier, r.matchedBy, r.grade, r.feedback])).toEqual([
      ["Participant 101", "participant number", "100.00", "written"],
      // Its Maximum Grade has a decimal comma: so has its grade, quoted in a comma-separated file.
      ["Participant 103", "participant number", "100,00", "written"],
      ["Participant 110", undefined, undefined, "none"],
      ["Participant 111", "email's name", "76.47", "written"],
      ["Participant 112", "full name", "33.33", "kept"],
      ["Participant 113", "full name", undefined, "none"],
      ["Participant 114", "full name", undefined, "written"],
    ]);
    expect(csv.records[2].fields[4].raw).toBe('"100,00"');
    expect(report.rows[2].note).toBe(
      "no submission of theirs was graded (no participant number, email or name matched)",
    );
    expect(report.rows[5].note).toBe(
      "Moodle says its grade cannot be changed (locked or overridden)",
    );
    expect(report.rows[6].note).toMatch(
      /^crash ended in error \(load: simulator.py raised\): grade it by hand/,
    );
    expect(report.unmatchedStudents).toEqual([{ team: "nobody", who: "Not Enrolled (s999)" }]);
  });

  it("fills a team in error, and replaces others' comments, only when asked", () => {
    const { report } = fillWorksheet(parseRawCsv(WORKSHEET), GRADEBOOK, {
      fillErrors: true,
      replaceFeedback: true,
    });
    expect(report.rows[4].feedback).toBe("written");
    expect(report.rows[6].grade).toBe("0.00");
  });

  it("scales each team's own score to Maximum Grade, rounded to the decimals Moodle shows", () => {
    expect(scaledGrade(8, 8, "100.00")).toEqual({ value: 100, text: "100.00" });
    expect(scaledGrade(13, 17, "100.00")).toEqual({ value: 76.47, text: "76.47" });
    expect(scaledGrade(13, 17, "20,0")).toEqual({ value: 15.3, text: "15,3" });
    expect(scaledGrade(1, 8, "10")).toEqual({ value: 1, text: "1" });
    expect(scaledGrade(1, 8, "ten")).toBe('its Maximum Grade "ten" is not a number');
  });

  it("writes a comment a student may read: public checks named, hidden ones counted", () => {
    const checks = [
      { id: "manifest", status: "pass", points: 1, maxPoints: 1 },
      { id: "figure1.B", status: "fail", points: 0, maxPoints: 2 },
      { id: "neuron.fi", status: "error", points: 0, maxPoints: 2 },
      { id: "figure1.B:hidden", status: "fail", points: 0, maxPoints: 2 },
    ] as const;
    const failing = team("t", {
      score: 13,
      maxScore: 17,
      status: "fail",
      // The instructor's message, which names a hidden check, stays out of the comment.
      message: "failed: figure1.B, figure1.B:hidden; errors: neuron.fi",
      checks: [...checks],
    });
    expect(feedbackComment(failing, "0.1.0")).toBe(
      "spikegrade 0.1.0: 13 of 17 points (76.5 %); failed: figure1.B; ended in error: neuron.fi; 1 hidden check did not pass. Your report (report.html) shows every check, its figures and its log.",
    );
    const broken = team("b", {
      status: "error",
      message: 'load: <b> & "c" \\',
      checks: [{ id: "load", status: "error", points: 0, maxPoints: 1 }],
    });
    expect(feedbackComment(broken, "<0.1>")).toBe(
      "spikegrade &#60;0.1&#62;: 0 of 21 points (0 %); the simulator did not load, so no check was run. Your report (report.html) shows every check, its figures and its log.",
    );
  });

  it("refuses a worksheet it cannot fill, saying what to download instead", () => {
    const scale = WORKSHEET.replace('"Maximum Grade"', "Scale");
    expect(() => fillWorksheet(parseRawCsv(scale), GRADEBOOK)).toThrow(/graded on a scale/);
    const german = WORKSHEET.replace("Identifier", "Kennung");
    expect(() => fillWorksheet(parseRawCsv(german), GRADEBOOK)).toThrow(WorksheetError);
    expect(() => fillWorksheet(parseRawCsv(german), GRADEBOOK)).toThrow(
      /no Identifier column.*in English/,
    );
  });
});
