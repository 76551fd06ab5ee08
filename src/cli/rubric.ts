import type { Command } from "commander";
import { defaultRubricText, writeDefaultRubric } from "../grading/course-rubric.js";
import { EXIT } from "./errors.js";

export function rubricCommand(program: Command): void {
  program
    .command("rubric")
    .description(
      "print the default rubric, to start a course's own from (then check --rubric FILE, grade --rubric FILE; see docs/rubric.md)",
    )
    .option(
      "--out <file>",
      "write it to this file (which must not exist yet) instead of printing it",
    )
    .action(async (options: { out?: string }) => {
      if (options.out === undefined) process.stdout.write(await defaultRubricText());
      else {
        await writeDefaultRubric(options.out);
        process.stderr.write(
          `Wrote the default rubric to ${options.out}: edit its points and titles, then pass it with --rubric ${options.out}\n`,
        );
      }
      process.exitCode = EXIT.ok;
    });
}

/** --rubric FILE, as check and grade take it. */
export const RUBRIC_OPTION_HELP =
  "grade with this rubric instead of the default (`spikegrade rubric` prints it; docs/rubric.md says what may change)";
