import { statSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import { parseShard } from "../grading/discover.js";
import { GradeSetupError, gradeClass } from "../grading/grade-class.js";
import { SECRET_VARIABLE } from "../grading/hidden-inputs.js";
import type { Shard } from "../protocol/types.js";
import {
  announceIsolation,
  ISOLATION_OPTION_HELP,
  misuse,
  parseIsolation,
  parseTimeout,
} from "./options.js";
import { gradeSummary, ProgressDisplay } from "./progress.js";

interface GradeOptions {
  out: string;
  hidden?: boolean;
  jobs?: string;
  team?: string;
  force?: boolean;
  shard?: string;
  json?: boolean;
  timeout: string;
  isolation?: string;
}

function parseJobs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const jobs = Number(value);
  if (!Number.isInteger(jobs) || jobs < 1) {
    misuse("grade", `--jobs must be a whole number of at least 1, not ${JSON.stringify(value)}`);
  }
  return jobs;
}

export function gradeCommand(program: Command): void {
  program
    .command("grade")
    .description(
      "grade every submission folder of DIR into OUT: per-team reports, gradescope.json, the gradebook",
    )
    .argument("<dir>", "the class folder: one folder per team, each with its submission.json")
    .requiredOption("--out <dir>", "the output folder")
    .option("--hidden", `run the hidden checks too, on inputs derived from $${SECRET_VARIABLE}`)
    .option("--jobs <n>", "teams graded at once (default: the machine's cores)")
    .option("--team <team>", "grade only this team; the gradebook keeps the others' stored results")
    .option("--force", "grade again even where a stored result is up to date")
    .option(
      "--shard <k/n>",
      "grade teams k, k+n, k+2n, ... (sorted by name, k from 1) and write part k of n",
    )
    .option("--json", "print the gradebook as one JSON object on stdout, nothing else")
    .option("--timeout <seconds>", "time limit of each simulator call", "60")
    .option("--isolation <how>", ISOLATION_OPTION_HELP)
    .action(async (dir: string, options: GradeOptions) => {
      const timeoutMs = parseTimeout(options.timeout, "grade");
      const isolation = parseIsolation(options.isolation, "grade");
      const jobs = parseJobs(options.jobs);
      let shard: Shard | undefined;
      if (options.shard !== undefined) {
        const parsed = parseShard(options.shard);
        if (!parsed.ok) misuse("grade", parsed.message);
        shard = parsed.shard;
      }
      let isFolder = false;
      try {
        isFolder = statSync(dir).isDirectory();
      } catch {
        // Reported below.
      }
      if (!isFolder)
        misuse("grade", `${dir} is not a folder; name the folder of the class's submissions`);
      let secret: string | undefined;
      if (options.hidden) {
        secret = process.env[SECRET_VARIABLE];
        // From here the secret lives only in this process's memory: nothing started from now on
        // (probes of the machine, workers) inherits it. /proc/<pid>/environ still shows what this
        // process was started with; SECURITY.md says which isolations keep that out of reach.
        delete process.env[SECRET_VARIABLE];
        if (secret === undefined || secret === "") {
          misuse(
            "grade",
            `--hidden needs the course secret in the environment variable ${SECRET_VARIABLE} (any long random text, the same for the whole course, e.g. from \`openssl rand -hex 32\`); it is not set`,
          );
        }
      }
      // Human-readable progress goes where it cannot mix with --json's object.
      const human = options.json ? process.stderr : process.stdout;
      const display = new ProgressDisplay(human, Boolean(human.isTTY));
      const out = resolve(options.out);
      await announceIsolation(isolation, "grade", { hidden: secret !== undefined });
      human.write(`Grading ${resolve(dir)} into ${out}\n`);
      try {
        const result = await gradeClass({
          dir,
          out,
          jobs,
          timeoutMs,
          isolation,
          secret,
          team: options.team,
          force: options.force,
          shard,
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
          out,
        })) {
          human.write(`${line}\n`);
        }
        if (options.json) process.stdout.write(`${JSON.stringify(result.gradebook)}\n`);
        process.exitCode = 0;
      } catch (error) {
        display.finish();
        if (error instanceof GradeSetupError) misuse("grade", error.message);
        const unwritable = outputProblem(error);
        if (unwritable === undefined) throw error;
        // Every file is written whole or not at all, and each team's marker last: what was
        // stored before stands, and the next run grades what is missing.
        process.stderr.write(
          `spikegrade grade: ${unwritable}; every result written before this one is intact: make room (or make ${out} writable) and run grade again to finish\n`,
        );
        process.exitCode = 1;
      }
    });
}

const OUTPUT_ERRORS: Record<string, string> = {
  ENOSPC: "the disk is full",
  EDQUOT: "the disk quota is used up",
  EROFS: "the output folder is on a read-only file system",
  EACCES: "the output folder cannot be written (permission denied)",
  EPERM: "the output folder cannot be written (operation not permitted)",
};

/** What stopped the writing of OUT, said for an instructor, or undefined for another error. */
function outputProblem(error: unknown): string | undefined {
  const { code, path } = error as NodeJS.ErrnoException;
  if (code === undefined || !Object.hasOwn(OUTPUT_ERRORS, code)) return undefined;
  return `${OUTPUT_ERRORS[code]}${path ? ` (writing ${path})` : ""}`;
}
