import { accessSync, constants, existsSync, lstatSync, statSync } from "node:fs";
import { appendFile, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import type { Command } from "commander";
import { type CheckedSubmission, checkSubmission } from "../grading/check-submission.js";
import { courseReference } from "../grading/course-rubric.js";
import type { WrittenReport } from "../grading/write-report.js";
import type { IsolationRequest } from "../submission/call-result.js";
import { checkLine, summaryLines, terminalStyle } from "./checklist.js";
import { checklistMarkdown } from "./checklist-markdown.js";
import { EXIT, SpikegradeError, UsageError } from "./errors.js";
import {
  announceIsolation,
  existingFile,
  existingFolder,
  isolationOption,
  isolationRequest,
  timeoutOption,
} from "./options.js";
import { RUBRIC_OPTION_HELP } from "./rubric.js";

interface CheckOptions {
  json?: boolean;
  summary?: string;
  /** ms */
  timeout: number;
  isolation?: IsolationRequest;
  rubric?: string;
}

export function checkCommand(program: Command): void {
  program
    .command("check")
    .description(
      "run the public checks on one submission; a checklist, then a report in DIR/.spikegrade/",
    )
    .argument(
      "[dir]",
      "the submission folder",
      existingFolder("give the submission folder (the one with submission.json)"),
      ".",
    )
    .option("--json", "print one JSON object on stdout, nothing else")
    .option(
      "--summary <file>",
      "also append the checklist to FILE as Markdown (a CI's job summary: $GITHUB_STEP_SUMMARY)",
    )
    .option("--rubric <file>", RUBRIC_OPTION_HELP, existingFile)
    .addOption(timeoutOption())
    .addOption(isolationOption())
    .action(check);
}

/**
 * A folder without submission.json is not a submission (the wrong folder, most often): misuse,
 * and nothing is written there.
 */
function requireManifest(dir: string): void {
  try {
    lstatSync(join(dir, "submission.json"));
  } catch {
    throw new UsageError(
      `${dir} has no submission.json: give the submission folder (the one with submission.json), or start one with spikegrade init ${dir} --language python|notebook|typescript|javascript`,
    );
  }
}

/** Checks the submission in dir: a checklist as it goes (or --json's report), then the report. */
async function check(dir: string, options: CheckOptions): Promise<void> {
  const isolation = isolationRequest(options.isolation);
  requireManifest(dir);
  if (options.summary !== undefined) requireSummaryPlace(options.summary);
  const reportDir = ownReportFolder(dir);
  const reference = await courseReference(options.rubric);
  const style = terminalStyle(process.stdout);
  const out = (line: string) => {
    if (!options.json) process.stdout.write(`${line}\n`);
  };
  await announceIsolation(isolation);
  out(`Checking ${resolve(dir)}`);
  const checked = await checkSubmission({
    dir,
    teamFrom: "manifest",
    reference,
    timeoutMs: options.timeout,
    isolation,
    onCheck: (result) => out(checkLine(result, style)),
  });
  const { written, instead, unwritten } = await writeReport(checked, dir, reportDir);
  const { report } = checked;
  if (options.json) {
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } else {
    out("");
    for (const line of summaryLines(
      { ...report, hiddenChecks: report.hiddenChecks ?? 0, hiddenPoints: report.hiddenPoints ?? 0 },
      style,
    ))
      out(line);
    if (report.isolation) out(`Isolation: ${report.isolation}`);
  }
  if (written !== undefined && instead !== undefined) {
    // On stderr with --json, whose stdout is the one object.
    const say = options.json ? (line: string) => process.stderr.write(`${line}\n`) : out;
    say(`${instead}: the report went to a temporary folder instead.`);
  }
  if (written !== undefined) out(`Report: ${written.reportHtml}`);
  if (unwritten !== undefined) {
    throw new SpikegradeError(unwritten, "spikegrade.reportUnwritable", EXIT.failed);
  }
  if (options.summary !== undefined && written !== undefined) {
    await appendSummary(
      options.summary,
      checklistMarkdown(report, relative(resolve(dir), written.reportHtml)),
    );
  }
  process.exitCode = report.passed ? EXIT.ok : EXIT.failed;
}

/**
 * --summary FILE must be a file that can be appended to, in a folder that exists: said before
 * any check runs, not after minutes of them.
 */
function requireSummaryPlace(file: string): void {
  const folder = statSync(dirname(resolve(file)), { throwIfNoEntry: false });
  if (!folder?.isDirectory()) {
    throw new UsageError(
      `--summary ${file}: the folder ${dirname(resolve(file))} does not exist; give a file in a folder that does`,
    );
  }
  if (statSync(file, { throwIfNoEntry: false })?.isDirectory()) {
    throw new UsageError(`--summary ${file} is a folder; give the file to append the checklist to`);
  }
}

/**
 * Appends the Markdown checklist to file: appended, not replaced, as GitHub's job summary file
 * expects (a step may have written to it before). The checks are done and the report written
 * when this runs, so a failure here says only what was not written.
 */
async function appendSummary(file: string, markdown: string): Promise<void> {
  try {
    await appendFile(file, markdown, "utf8");
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException;
    throw new SpikegradeError(
      `the checklist could not be appended to ${file} (${code ?? String(error)}); the checks ran and the report is written`,
      "spikegrade.summaryUnwritable",
      EXIT.failed,
    );
  }
}

/**
 * The report of the checks, written where reportPlace says; a folder that cannot be written (a
 * full disk) is said in `unwritten`, not thrown: the checks' verdict is printed all the same.
 */
async function writeReport(
  checked: CheckedSubmission,
  dir: string,
  reportDir: string,
): Promise<{ written?: WrittenReport; instead?: string; unwritten?: string }> {
  // Loaded by checkSubmission while the simulator started (see there), not before it.
  const { writeSubmissionReport } = await import("../grading/write-report.js");
  let place: { dir: string; instead?: string } | undefined;
  try {
    place = await reportPlace(dir, reportDir);
    const written = await writeSubmissionReport(checked, place.dir, { audience: "student" });
    return { written, ...(place.instead === undefined ? {} : { instead: place.instead }) };
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException;
    if (code === undefined) throw error;
    return {
      unwritten: `the report could not be written to ${place?.dir ?? reportDir} (${code}); the checks above stand`,
    };
  }
}

/**
 * Where the report goes: DIR/.spikegrade, or, where this user cannot write there (a folder handed
 * in read-only, another user's, a read-only disk), a new temporary folder, with why. The checks
 * have run by then: their verdict is not lost for want of a place to put the report.
 */
async function reportPlace(
  dir: string,
  reportDir: string,
): Promise<{ dir: string; instead?: string }> {
  try {
    accessSync(existsSync(reportDir) ? reportDir : resolve(dir), constants.W_OK);
    return { dir: reportDir };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    return {
      dir: await mkdtemp(join(tmpdir(), "spikegrade-report-")),
      instead: `${reportDir} cannot be written here (${code})`,
    };
  }
}

/**
 * DIR/.spikegrade, where the report goes: a folder of spikegrade's own, never reached through a
 * link someone left there (it would write result.json and report.html wherever the link points).
 */
function ownReportFolder(dir: string): string {
  const reportDir = resolve(dir, ".spikegrade");
  const existing = lstatSync(reportDir, { throwIfNoEntry: false });
  if (existing !== undefined && !existing.isDirectory()) {
    throw new UsageError(
      `${reportDir} is ${existing.isSymbolicLink() ? "a symbolic link" : "not a folder"}; spikegrade writes its report only into a folder of its own there: remove it and run check again`,
    );
  }
  return reportDir;
}
