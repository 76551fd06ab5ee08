import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { courseReference } from "../grading/course-rubric.js";
import { autograde } from "../grading/gradescope-autograde.js";
import { SECRET_FILE, writeAutograderBundle } from "../grading/gradescope-bundle.js";
import { SECRET_VARIABLE } from "../grading/hidden-inputs.js";
import type { IsolationRequest } from "../submission/call-result.js";
import { EXIT } from "./errors.js";
import {
  existingFile,
  isolationOption,
  isolationRequest,
  takeSecret,
  timeoutOption,
} from "./options.js";
import { RUBRIC_OPTION_HELP } from "./rubric.js";

export function gradescopeCommand(program: Command): void {
  program
    .command("gradescope")
    .description(
      "write a Gradescope autograder bundle: setup.sh, run_autograder and spikegrade's tarball (docs/gradescope.md)",
    )
    .requiredOption("--out <file>", "the zip to write, e.g. autograder.zip")
    .option(
      "--hidden",
      `put the course secret ($${SECRET_VARIABLE}) in the bundle, so that the hidden checks run on Gradescope`,
    )
    .option("--rubric <file>", RUBRIC_OPTION_HELP, existingFile)
    .action(bundle);

  program
    .command("autograde")
    .description(
      "grade the Gradescope submission under ROOT and write ROOT/results/results.json (the bundle's run_autograder runs this)",
    )
    .option("--root <dir>", "Gradescope's autograder folder", "/autograder")
    .option("--hidden", `run the hidden checks, on inputs derived from $${SECRET_VARIABLE}`)
    .addOption(timeoutOption())
    .addOption(isolationOption())
    .action(autogradeAction);
}

async function bundle(options: { out: string; hidden?: boolean; rubric?: string }): Promise<void> {
  const secret = options.hidden ? takeSecret() : undefined;
  // A rubric that cannot be used is refused here (exit 2), not on Gradescope at every submission.
  if (options.rubric !== undefined) await courseReference(options.rubric);
  const summary = await writeAutograderBundle({
    out: resolve(options.out),
    secret,
    ...(options.rubric !== undefined ? { rubric: resolve(options.rubric) } : {}),
  });
  process.stdout.write(`Wrote ${summary.path}:\n`);
  for (const entry of summary.entries) {
    const shown = entry.name === SECRET_FILE ? "(the course secret; owner-only)" : "";
    process.stdout.write(`  ${entry.name}  ${entry.bytes} bytes ${shown}\n`);
  }
  process.stdout.write(
    summary.hidden
      ? "The hidden checks run on Gradescope: keep this zip as private as the secret itself.\n"
      : "Public checks only (no --hidden): the hidden checks are counted, not run.\n",
  );
  process.stdout.write(
    "Upload it under Configure Autograder (Ubuntu 22.04 base image); docs/gradescope.md has the steps.\n",
  );
  process.exitCode = EXIT.ok;
}

interface AutogradeCliOptions {
  root: string;
  hidden?: boolean;
  /** ms */
  timeout: number;
  isolation?: IsolationRequest;
}

/**
 * Exit 0 whenever results.json was written, whatever the grade: a submission that cannot be
 * graded gets results saying so. The secret is taken out of the environment before anything
 * starts; a --hidden without one is the autograder's fault, reported in results.json too.
 */
async function autogradeAction(options: AutogradeCliOptions): Promise<void> {
  const secret = options.hidden ? process.env[SECRET_VARIABLE] : undefined;
  delete process.env[SECRET_VARIABLE];
  const root = resolve(options.root);
  const rubric = join(root, "source", "rubric.json");
  const outcome = await autograde({
    root,
    hidden: options.hidden ?? false,
    secret,
    isolation: isolationRequest(options.isolation),
    timeoutMs: options.timeout,
    rubric: existsSync(rubric) ? rubric : undefined,
    log: (line) => process.stdout.write(`${line}\n`),
  });
  process.stdout.write(`Wrote ${outcome.path}\n`);
  process.exitCode = EXIT.ok;
}
