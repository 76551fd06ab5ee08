import type { Gradebook, GradebookTeam } from "../protocol/types.js";
import { idKey } from "../protocol/validate-manifest.js";
import { notScoredNote } from "../report/written-answers.js";
import { gradePercent } from "./gradebook.js";
import { quotedField, type RawCsv, type RawField } from "./raw-csv.js";

/**
 * Moodle's offline grading worksheet (mod/assign's "Download grading worksheet"; docs/moodle.md
 * cites the sources): a CSV whose header names its columns in the site's language. These are the
 * English names; Moodle's import finds Identifier, Grade and Last modified (grade) by name, and
 * each feedback plugin's column by its name.
 */
const WORKSHEET_COLUMNS = {
  identifier: "Identifier",
  fullName: "Full name",
  email: "Email address",
  grade: "Grade",
  maxGrade: "Maximum Grade",
  canChange: "Grade can be changed",
  lastModified: "Last modified (grade)",
  feedback: "Feedback comments",
  scale: "Scale",
} as const;

/** How a worksheet's row was matched to the gradebook, first rule that applies. */
export type MatchRule = "participant number" | "email" | "email's name" | "full name";

export interface FilledRow {
  /** The row's Identifier ("Participant 123456") and Full name, as the worksheet gives them. */
  identifier: string;
  fullName: string;
  team?: string;
  matchedBy?: MatchRule;
  /** The grade written, as written ("14.29"); absent when left as it was. */
  grade?: string;
  feedback: "written" | "kept" | "none";
  /** Why the grade or the comment was left as it was. */
  note?: string;
}

export interface WorksheetReport {
  rows: FilledRow[];
  /** Gradebook students (and Moodle participants) that no row of the worksheet matched. */
  unmatchedStudents: { team: string; who: string }[];
}

export interface FillOptions {
  /** Fill the grade of a team in error too (the points it earned, usually 0). */
  fillErrors?: boolean;
  /** Replace a feedback comment that someone other than spikegrade wrote. */
  replaceFeedback?: boolean;
}

/** The worksheet's header was not one spikegrade can fill; the message says what to do. */
export class WorksheetError extends Error {
  override name = "WorksheetError";
}

type Columns = Record<keyof typeof WORKSHEET_COLUMNS, number>;

/** Each column's index, or WorksheetError naming what is missing. */
function findColumns(header: readonly RawField[]): Columns {
  const names = header.map((f) => f.value.trim().toLowerCase());
  const index = Object.fromEntries(
    Object.entries(WORKSHEET_COLUMNS).map(([key, name]) => [
      key,
      names.indexOf(name.toLowerCase()),
    ]),
  ) as Columns;
  const missing = (["identifier", "grade", "lastModified"] as const)
    .filter((k) => index[k] < 0)
    .map((k) => WORKSHEET_COLUMNS[k]);
  if (missing.length > 0) {
    throw new WorksheetError(
      `the worksheet has no ${missing.join(", ")} column, which Moodle's upload needs: give the file "Download grading worksheet" gives, untouched, downloaded with Moodle in English (its column names follow the site's language)`,
    );
  }
  if (index.maxGrade < 0) {
    throw new WorksheetError(
      index.scale >= 0
        ? "the assignment is graded on a scale: spikegrade fills point grades; set the assignment's Grade type to Point, with a Maximum grade, and download the worksheet again"
        : `the worksheet has no ${WORKSHEET_COLUMNS.maxGrade} column: give the file "Download grading worksheet" gives, untouched`,
    );
  }
  return index;
}

/**
 * Fills the worksheet's Grade and Feedback comments of every row that matches a gradebook
 * student and leaves every other field, the header, the row order and the file's form (byte
 * order mark, line endings, quoting) as they were. The grade is the team's score over its own
 * maximum times the row's Maximum Grade, rounded to the decimals that cell shows, with its
 * decimal separator.
 */
export function fillWorksheet(
  csv: RawCsv,
  gradebook: Gradebook,
  options: FillOptions = {},
): { csv: RawCsv; report: WorksheetReport } {
  if (csv.records.length === 0) throw new WorksheetError("the worksheet is empty");
  const columns = findColumns(csv.records[0].fields);
  const index = studentIndex(gradebook);
  const matched = new Set<string>();
  const rows: FilledRow[] = [];
  const records = csv.records.map((record, i) => {
    if (i === 0 || record.fields.every((f) => f.value.trim() === "")) return record;
    const cell = (c: number) => (c >= 0 ? (record.fields[c]?.value ?? "") : "");
    const found = matchRow(index, {
      identifier: cell(columns.identifier),
      email: cell(columns.email),
      fullName: cell(columns.fullName),
    });
    const base = { identifier: cell(columns.identifier), fullName: cell(columns.fullName) };
    if (typeof found === "string") {
      rows.push({ ...base, feedback: "none", note: found });
      return record;
    }
    for (const key of found.keys) matched.add(key);
    const filled = fillRow(
      record.fields,
      columns,
      found.team,
      gradebook.generatedBy.version,
      options,
    );
    rows.push({ ...base, team: found.team.team, matchedBy: found.rule, ...filled.row });
    return { ...record, fields: filled.fields };
  });
  const unmatchedStudents = index.everyone
    .filter((s) => !matched.has(s.key))
    .map(({ team, who }) => ({ team, who }));
  return { csv: { ...csv, records }, report: { rows, unmatchedStudents } };
}

interface Candidate {
  team: GradebookTeam;
  /** The keys this match accounts for, to list the students no row matched. */
  keys: string[];
}

interface StudentIndex {
  byParticipant: Map<string, Candidate>;
  byId: Map<string, Candidate>;
  byName: Map<string, Candidate[]>;
  everyone: { key: string; team: string; who: string }[];
}

/** How names compare: Unicode's composed form, case folded, spaces collapsed. */
const nameKey = (name: string) => name.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();

function studentIndex(gradebook: Gradebook): StudentIndex {
  const index: StudentIndex = {
    byParticipant: new Map(),
    byId: new Map(),
    byName: new Map(),
    everyone: [],
  };
  for (const team of gradebook.teams) {
    const participants = team.moodle?.participants ?? [];
    const keys = [
      ...participants.map((p) => `p:${p.id}`),
      ...team.members.map((m) => `m:${team.team}:${idKey(m.id)}`),
    ];
    const candidate = { team, keys };
    for (const p of participants) {
      index.byParticipant.set(p.id, candidate);
      index.everyone.push({
        key: `p:${p.id}`,
        team: team.team,
        who: `${p.name} (participant ${p.id})`,
      });
    }
    for (const m of team.members) {
      index.byId.set(idKey(m.id), candidate);
      if (participants.length === 0) {
        index.everyone.push({
          key: `m:${team.team}:${idKey(m.id)}`,
          team: team.team,
          who: `${m.name} (${m.id})`,
        });
      }
    }
    for (const name of new Set([...participants, ...team.members].map((x) => nameKey(x.name)))) {
      index.byName.set(name, [...(index.byName.get(name) ?? []), candidate]);
    }
  }
  return index;
}

/** The row's team by participant number, then email, then full name; else why none. */
function matchRow(
  index: StudentIndex,
  row: { identifier: string; email: string; fullName: string },
): (Candidate & { rule: MatchRule }) | string {
  const number = /(\d+)\s*$/.exec(row.identifier)?.[1];
  const byNumber = number === undefined ? undefined : index.byParticipant.get(number);
  if (byNumber !== undefined) return { ...byNumber, rule: "participant number" };
  const email = row.email.trim();
  if (email !== "") {
    const whole = index.byId.get(idKey(email));
    if (whole !== undefined) return { ...whole, rule: "email" };
    const local = index.byId.get(idKey(email.split("@")[0]));
    if (local !== undefined) return { ...local, rule: "email's name" };
  }
  const named = row.fullName.trim() === "" ? [] : (index.byName.get(nameKey(row.fullName)) ?? []);
  const teams = [...new Set(named.map((c) => c.team.team))];
  if (teams.length === 1) return { ...named[0], rule: "full name" };
  if (teams.length > 1) {
    return `its name matches students of ${teams.join(", ")}: fill this row by hand`;
  }
  return "no submission of theirs was graded (no participant number, email or name matched)";
}

/** The row's fields with the grade and comment filled, and what was done. */
function fillRow(
  fields: readonly RawField[],
  columns: Columns,
  team: GradebookTeam,
  version: string,
  options: FillOptions,
): { fields: RawField[]; row: Pick<FilledRow, "grade" | "feedback" | "note"> } {
  const out = [...fields];
  const value = (c: number) => (c >= 0 ? (fields[c]?.value ?? "") : "");
  if (/^no$/i.test(value(columns.canChange).trim())) {
    return {
      fields: out,
      row: {
        feedback: "none",
        note: "Moodle says its grade cannot be changed (locked or overridden)",
      },
    };
  }
  const notes: string[] = [];
  let grade: string | undefined;
  if (team.status === "error" && !options.fillErrors) {
    notes.push(
      `${team.team} ended in error (${team.message}): grade it by hand, or pass --fill-errors`,
    );
  } else if ((team.manual?.notScored ?? 0) > 0) {
    notes.push(
      `${team.team} has ${notScoredNote(team.manual?.notScored ?? 0)}: score ${(team.manual?.notScored ?? 0) === 1 ? "it" : "them"} and run grade --manual again (the grade stays empty until then)`,
    );
  } else {
    const scaled = scaledGrade(team.score, team.maxScore, value(columns.maxGrade));
    if (typeof scaled === "string") notes.push(scaled);
    else {
      grade = scaled.text;
      // "81,25" in a comma-separated file needs its quotes.
      out[columns.grade] = /[",;\t]/.test(grade)
        ? quotedField(grade)
        : { raw: grade, value: grade };
    }
  }
  let feedback: FilledRow["feedback"] = "none";
  if (columns.feedback >= 0) {
    const old = value(columns.feedback).trim();
    if (old === "" || old.startsWith(FEEDBACK_START) || options.replaceFeedback) {
      out[columns.feedback] = quotedField(feedbackComment(team, version));
      feedback = "written";
    } else {
      feedback = "kept";
      notes.push("kept the feedback comment already there (--replace-feedback replaces it)");
    }
  }
  return {
    fields: out,
    row: {
      ...(grade !== undefined ? { grade } : {}),
      feedback,
      ...(notes.length > 0 ? { note: notes.join("; ") } : {}),
    },
  };
}

/**
 * score / maxScore of Maximum Grade, rounded half up to the decimals the Maximum Grade cell
 * shows (Moodle writes the grade item's decimals, 2 by default) and written with its decimal
 * separator ("100,00" gives "81,25"); or why it cannot be.
 */
export function scaledGrade(
  score: number,
  maxScore: number,
  maxGradeCell: string,
): { value: number; text: string } | string {
  const cell = /^\s*(\d+)(?:([.,])(\d+))?\s*$/.exec(maxGradeCell);
  if (cell === null) return `its Maximum Grade ${JSON.stringify(maxGradeCell)} is not a number`;
  if (maxScore <= 0) return "its team could earn no points: nothing to scale";
  const [, whole, separator = ".", fraction = ""] = cell;
  const maxGrade = Number(`${whole}.${fraction || "0"}`);
  const factor = 10 ** fraction.length;
  const value = Math.min(
    maxGrade,
    Math.round((score / maxScore) * maxGrade * factor + 1e-9) / factor,
  );
  return { value, text: value.toFixed(fraction.length).replace(".", separator) };
}

/** How every comment spikegrade writes starts, so that a later run knows it may replace it. */
const FEEDBACK_START = "spikegrade";

/**
 * The comment for a team, which its students read: its points and percent, and the public checks
 * that did not pass. Hidden checks are only counted (their ids and messages stay with the
 * instructor, as in the student's report), and no grader message is copied in. Moodle keeps
 * feedback comments as HTML, so the characters HTML gives a meaning (and the backslash, which
 * PHP's CSV reader treats as an escape) are written as entities.
 */
export function feedbackComment(team: GradebookTeam, version: string): string {
  const percent = gradePercent(team);
  const points = `${team.score} of ${team.maxScore} points${percent === undefined ? "" : ` (${percent} %)`}`;
  const text = `${FEEDBACK_START} ${version}: ${points}${writtenAnswers(team)}; ${verdict(team)}. Your report (report.html) shows every check, its figures and its log.`;
  return text.replace(/[&<>"\\]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The written answers' share of the points, when the gradebook has manual scores. */
function writtenAnswers(team: GradebookTeam): string {
  if (team.manual === undefined) return "";
  const { checksScore, checksMaxScore, notScored } = team.manual;
  const pending = notScored > 0 ? `, ${notScoredNote(notScored)}` : "";
  return ` (checks ${checksScore} of ${checksMaxScore}, written answers ${round3(team.score - checksScore)} of ${round3(team.maxScore - checksMaxScore)}${pending})`;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** What did not pass, in words a student may read. */
function verdict(team: GradebookTeam): string {
  if (team.status === "pass") return "every check passed";
  const notPassed = team.checks.filter((c) => c.maxPoints > 0 && c.status !== "pass");
  const start = notPassed.find((c) => c.id === "manifest" || c.id === "load");
  if (start !== undefined) {
    return start.id === "manifest"
      ? "submission.json is not valid, so nothing was run"
      : "the simulator did not load, so no check was run";
  }
  const hidden = notPassed.filter((c) => c.id.endsWith(":hidden")).length;
  const parts = [
    ...(["fail", "error", "skip"] as const).flatMap((status) => {
      const ids = notPassed.filter((c) => c.status === status && !c.id.endsWith(":hidden"));
      const word = { fail: "failed", error: "ended in error", skip: "not run" }[status];
      return ids.length > 0 ? [`${word}: ${ids.map((c) => c.id).join(", ")}`] : [];
    }),
    ...(hidden > 0 ? [`${hidden} hidden ${hidden === 1 ? "check" : "checks"} did not pass`] : []),
  ];
  return parts.length > 0 ? parts.join("; ") : "not every check passed";
}
