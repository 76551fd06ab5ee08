import { existsSync } from "node:fs";
import { readdir, readFile, realpath, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { readJsonFile } from "../protocol/read-json.js";
import { validate } from "../protocol/schemas.js";
import type { Gradebook } from "../protocol/types.js";
import { notScoredNote } from "../report/written-answers.js";
import { csvRecord } from "./csv.js";
import { PART_FILE } from "./grade-class.js";
import { gradePercent } from "./gradebook.js";
import {
  type FillOptions,
  fillWorksheet,
  WorksheetError,
  type WorksheetReport,
} from "./moodle-worksheet.js";
import { joinRawCsv, parseRawCsv } from "./raw-csv.js";
import { ExportError } from "./refusals.js";
import { writeAtomic } from "./write-atomic.js";

/** OUT/gradebook.json, checked against its schema, or ExportError saying what to run first. */
async function readGradebook(out: string): Promise<Gradebook> {
  const path = join(out, "gradebook.json");
  if (!existsSync(path)) {
    const parts = existsSync(out) ? (await readdir(out)).filter((n) => PART_FILE.test(n)) : [];
    throw new ExportError(
      parts.length > 0
        ? `${out} holds the parts of a sharded grading but no gradebook.json: run spikegrade merge ${out} first`
        : `${out} holds no gradebook.json: run spikegrade grade DIR --out ${out} first`,
    );
  }
  const read = await readJsonFile(path, { label: "gradebook.json" });
  const checked = read.ok ? validate("gradebook", read.value, { maxErrors: 5 }) : read;
  if (!checked.ok) {
    throw new ExportError(
      `${path} cannot be used: ${checked.errors.map((e) => e.message).join("; ")}; run spikegrade grade again to rewrite it`,
    );
  }
  return checked.value;
}

/** The largest worksheet read: Moodle's for a few thousand students is well below. */
const MAX_WORKSHEET_BYTES = 50 * 1024 * 1024;

/** The worksheet's text, or ExportError when it is missing, too big or not UTF-8. */
async function readWorksheet(path: string): Promise<string> {
  const info = await stat(path).catch(() => undefined);
  if (info === undefined || !info.isFile()) throw new ExportError(`${path} is not a file`);
  if (info.size > MAX_WORKSHEET_BYTES) throw new ExportError(`${path} is larger than 50 MB`);
  try {
    // ignoreBOM keeps the byte order mark in the text, so that it is written back too.
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(await readFile(path));
  } catch {
    throw new ExportError(
      `${path} is not UTF-8 (a spreadsheet may have saved it in another encoding): give the file Moodle's "Download grading worksheet" gives, untouched`,
    );
  }
}

export interface MoodleExport {
  report: WorksheetReport;
  written: string;
}

/**
 * Fills Moodle's grading worksheet from OUT's gradebook (fillWorksheet) and writes it to dest,
 * atomically; the worksheet itself is never written.
 */
export async function exportMoodle(options: {
  out: string;
  worksheet: string;
  dest: string;
  fill?: FillOptions;
}): Promise<MoodleExport> {
  const gradebook = await readGradebook(options.out);
  const text = await readWorksheet(options.worksheet);
  if (resolve(options.dest) === (await realpath(options.worksheet))) {
    throw new ExportError(
      "--out names the worksheet itself: write the filled one to another file, so that Moodle's stays as it gave it",
    );
  }
  try {
    const filled = fillWorksheet(parseRawCsv(text), gradebook, options.fill);
    await writeAtomic(options.dest, joinRawCsv(filled.csv));
    return { report: filled.report, written: options.dest };
  } catch (error) {
    if (error instanceof WorksheetError)
      throw new ExportError(`${options.worksheet}: ${error.message}`);
    throw error;
  }
}

/** The field separator of a generic CSV, by name. */
export const DELIMITERS = { comma: ",", semicolon: ";", tab: "\t" } as const;

export interface CsvExportOptions {
  /** A UTF-8 byte order mark first, so that Excel on Windows reads "Zoë" as UTF-8. */
  excel?: boolean;
  delimiter?: keyof typeof DELIMITERS;
}

/** The generic CSV's columns. */
const CSV_COLUMNS = [
  "student_id",
  "student_name",
  "team",
  "score",
  "max_score",
  "percent",
  "status",
  "message",
];

/**
 * One row per student for any LMS's import: id, name, team, score, the team's own maximum, the
 * percent of it (gradePercent: empty while some written answer is not scored), status and message. Records end in CRLF; with the semicolon (the
 * list separator where the decimal separator is a comma), numbers are written with decimal
 * commas; --excel adds the byte order mark.
 */
function classCsv(gradebook: Gradebook, options: CsvExportOptions = {}): string {
  const delimiter = DELIMITERS[options.delimiter ?? "comma"];
  const number = (x: number | undefined) =>
    x === undefined ? "" : delimiter === ";" ? String(x).replace(".", ",") : x;
  let text = options.excel ? "\uFEFF" : "";
  text += csvRecord(CSV_COLUMNS, delimiter);
  for (const team of gradebook.teams) {
    const people = team.members.length > 0 ? team.members : [{ id: "", name: "" }];
    for (const person of people) {
      text += csvRecord(
        [
          person.id,
          person.name,
          team.team,
          number(team.score),
          number(team.maxScore),
          number(gradePercent(team)),
          team.status,
          messageOf(team),
        ],
        delimiter,
      );
    }
  }
  return text;
}

/** The team's message, and how many of its questions are not scored yet (its percent is empty). */
function messageOf(team: Gradebook["teams"][number]): string {
  const notScored = team.manual?.notScored ?? 0;
  if (notScored === 0) return team.message;
  return [team.message, notScoredNote(notScored)].filter(Boolean).join("; ");
}

/** Writes classCsv of OUT's gradebook to dest, atomically. */
export async function exportCsv(options: {
  out: string;
  dest: string;
  csv: CsvExportOptions;
}): Promise<{ written: string; rows: number }> {
  const gradebook = await readGradebook(options.out);
  const text = classCsv(gradebook, options.csv);
  await writeAtomic(options.dest, text);
  return { written: options.dest, rows: gradebook.students.length };
}
