import { resolve } from "node:path";
import type { Command } from "commander";
import { gradeClass } from "../grading/grade-class.js";
import { SECRET_VARIABLE } from "../grading/hidden-inputs.js";
import type { Shard } from "../protocol/types.js";
import type { IsolationRequest } from "../submission/call-result.js";
import { EXIT, SpikegradeError } from "./errors.js";
import {
  announceIsolation,
  existingFile,
  existingFolderOrZip,
  isolationOption,
  isolationRequest,
  parseJobs,
  parseShardOption,
  takeSecret,
  timeoutOption,
} from "./options.js";
import { gradeSummary, ProgressDisplay } from "./progress.js";
import { RUBRIC_OPTION_HELP } from "./rubric.js";

interface GradeOptions {
  out: string;
  hidden?: boolean;
  jobs?: number;
  team?: string;
  force?: boolean;
  shard?: Shard;
  json?: boolean;
  /** ms */
  timeout: number;
  isolation?: IsolationRequest;
  rubric?: string;
  manual?: string;
  template?: string;
}

export function gradeCommand(program: Command): void {
  program
    .command("grade")
    .description(
      "grade every submission folder of DIR into OUT: per-team reports, gradescope.json, the gradebook",
    )
    .argument(
      "<dir>",
      'the class folder (one folder per team, each with its submission.json), or Moodle\'s "Download all submissions" folder or zip',
      existingFolderOrZip(
        "name the folder of the class's submissions, or the zip Moodle's \"Download all submissions\" gives",
      ),
    )
    .requiredOption("--out <dir>", "the output folder")
    .option("--hidden", `run the hidden checks too, on inputs derived from $${SECRET_VARIABLE}`)
    .option("--jobs <n>", "teams graded at once (default: the machine's cores)", parseJobs)
    .option("--team <team>", "grade only this team; the gradebook keeps the others' stored results")
    .option("--force", "grade again even where a stored result is up to date")
    .option(
      "--shard <k/n>",
      "grade teams k, k+n, k+2n, ... (sorted by name, k from 1) and write part k of n",
      parseShardOption,
    )
    .option("--json", "print the gradebook as one JSON object on stdout, nothing else")
    .option("--rubric <file>", RUBRIC_OPTION_HELP, existingFile)
    .option(
      "--manual <file>",
      "the written answers' scores (manual-scores.json, saved by the answer pages): merged into the gradebook, the class page, each report and the exports; no team is graded again for it",
      existingFile,
    )
    .option(
      "--template <file>",
      "the notebook handed out to the class: its QUESTION prompts are the questions of the written answers' pages (OUT/answers/), written when teams hand in notebooks",
      existingFile,
    )
    .addOption(timeoutOption())
    .addOption(isolationOption())
    .action(grade);
}

/** Grades the class in dir as asked: progress and summary for a person, --json's gradebook. */
async function grade(dir: string, options: GradeOptions): Promise<void> {
  const isolation = isolationRequest(options.isolation);
  const secret = options.hidden ? takeSecret() : undefined;
  // Human-readable progress goes where it cannot mix with --json's object.
  const human = options.json ? process.stderr : process.stdout;
  const display = new ProgressDisplay(human, Boolean(human.isTTY));
  const out = resolve(options.out);
  await announceIsolation(isolation, { hidden: secret !== undefined });
  const rubric = options.rubric === undefined ? "" : ` with the rubric ${resolve(options.rubric)}`;
  human.write(`Grading ${resolve(dir)} into ${out}${rubric}\n`);
  try {
    const result = await gradeClass({
      dir,
      out,
      jobs: options.jobs,
      timeoutMs: options.timeout,
      isolation,
      secret,
      team: options.team,
      force: options.force,
      shard: options.shard,
      rubric: options.rubric,
      manual: options.manual,
      template: options.template,
      onEvent: (event) => display.event(event),
    });
    display.finish();
    human.write("\n");
    for (const line of gradeSummary({
      gradebook: result.gradebook,
      graded: result.graded.length,
      reused: result.reused.length,
      elapsedMs: result.elapsedMs,
      files: result.files,
      ...(result.answersPage === undefined ? {} : { answersPage: result.answersPage }),
      out,
    })) {
      human.write(`${line}\n`);
    }
    if (options.json) process.stdout.write(`${JSON.stringify(result.gradebook)}\n`);
    process.exitCode = EXIT.ok;
  } catch (error) {
    display.finish();
    throw outputError(error, out) ?? error;
  }
}

const OUTPUT_ERRORS: Record<string, string> = {
  ENOSPC: "the disk is full",
  EDQUOT: "the disk quota is used up",
  EROFS: "the output folder is on a read-only file system",
  EACCES: "the output folder cannot be written (permission denied)",
  EPERM: "the output folder cannot be written (operation not permitted)",
};

/**
 * What stopped the writing of OUT, said for an instructor (exit 1), or undefined for another
 * error. Every file is written whole or not at all, and each team's marker last: what was stored
 * before stands, and the next run grades what is missing.
 */
function outputError(error: unknown, out: string): SpikegradeError | undefined {
  const { code, path } = error as NodeJS.ErrnoException;
  if (code === undefined || !Object.hasOwn(OUTPUT_ERRORS, code)) return undefined;
  return new SpikegradeError(
    `${OUTPUT_ERRORS[code]}${path ? ` (writing ${path})` : ""}; every result written before this one is intact: make room (or make ${out} writable) and run grade again to finish`,
    "spikegrade.outputUnwritable",
    EXIT.failed,
  );
}
