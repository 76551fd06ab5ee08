import { join, resolve } from "node:path";
import { type Command, Option } from "commander";
import { DELIMITERS, exportCsv, exportMoodle } from "../grading/export.js";
import type { WorksheetReport } from "../grading/moodle-worksheet.js";
import { EXIT } from "./errors.js";
import { existingFolder } from "./options.js";
import { printable } from "./terminal-text.js";

interface MoodleOptions {
  worksheet: string;
  out?: string;
  fillErrors?: boolean;
  replaceFeedback?: boolean;
}

interface CsvOptions {
  out?: string;
  excel?: boolean;
  delimiter?: keyof typeof DELIMITERS;
}

const outFolder = () =>
  existingFolder("name the output folder of spikegrade grade (the one with gradebook.json)");

export function exportCommand(program: Command): void {
  const command = program
    .command("export")
    .description("the gradebook of a graded class in a form an LMS imports");
  command
    .command("moodle")
    .description(
      "fill Moodle's offline grading worksheet: a grade and a feedback comment per participant",
    )
    .argument("<out>", "the output folder of spikegrade grade", outFolder())
    .requiredOption("--worksheet <file>", 'the CSV Moodle\'s "Download grading worksheet" gives')
    .option(
      "--out <file>",
      "where the filled worksheet goes (default: OUT/moodle-grading-worksheet.csv)",
    )
    .option(
      "--fill-errors",
      "fill the grade of a team in error too (the points it earned, usually 0)",
    )
    .option("--replace-feedback", "replace feedback comments someone other than spikegrade wrote")
    .action(async (out: string, options: MoodleOptions) => {
      const dest = resolve(options.out ?? join(out, "moodle-grading-worksheet.csv"));
      const result = await exportMoodle({
        out,
        worksheet: options.worksheet,
        dest,
        fill: { fillErrors: options.fillErrors, replaceFeedback: options.replaceFeedback },
      });
      for (const line of worksheetSummary(result.report))
        process.stdout.write(`${printable(line)}\n`);
      process.stdout.write(
        `Filled worksheet: ${dest}\nUpload it in Moodle: Grading action "Upload grading worksheet".\n`,
      );
      process.exitCode = EXIT.ok;
    });
  command
    .command("csv")
    .description("one row per student with score, maximum and percent, for any LMS's import")
    .argument("<out>", "the output folder of spikegrade grade", outFolder())
    .option("--out <file>", "where the CSV goes (default: OUT/grades.csv)")
    .option(
      "--excel",
      "start with a UTF-8 byte order mark, so that Excel on Windows reads names like Zoë right",
    )
    .addOption(
      new Option("--delimiter <name>", "the field separator (semicolon also writes decimal commas)")
        .choices(Object.keys(DELIMITERS))
        .default("comma"),
    )
    .action(async (out: string, options: CsvOptions) => {
      const dest = resolve(options.out ?? join(out, "grades.csv"));
      const result = await exportCsv({
        out,
        dest,
        csv: { excel: options.excel, delimiter: options.delimiter },
      });
      process.stdout.write(`Wrote ${result.rows} students to ${dest}\n`);
      process.exitCode = EXIT.ok;
    });
}

/** What the export did, for the instructor: counts, then every row and student left unfilled. */
function worksheetSummary(report: WorksheetReport): string[] {
  const graded = report.rows.filter((r) => r.grade !== undefined);
  const by = (rule: string) => graded.filter((r) => r.matchedBy === rule).length;
  const lines = [
    `Worksheet: ${report.rows.length} participants; ${graded.length} graded (by participant number ${by("participant number")}, email ${by("email") + by("email's name")}, full name ${by("full name")}); ${report.rows.filter((r) => r.feedback === "written").length} feedback comments written`,
  ];
  for (const r of report.rows.filter((row) => row.note !== undefined)) {
    lines.push(`  ${r.identifier} ${r.fullName}${r.team ? ` (${r.team})` : ""}: ${r.note}`);
  }
  if (report.unmatchedStudents.length > 0) {
    lines.push(`Graded but in no row of the worksheet (${report.unmatchedStudents.length}):`);
    for (const s of report.unmatchedStudents) lines.push(`  ${s.who}, team ${s.team}`);
  }
  return lines;
}
