import type { Command } from "commander";
import { initGradingRepository, SHARDS } from "../grading/github-classroom.js";
import { shownPath } from "../protocol/shown-path.js";
import { positiveInteger } from "./options.js";

interface InitClassroomOptions {
  shards: number;
  package?: string;
  json?: boolean;
}

export function initClassroomCommand(program: Command): void {
  program
    .command("init-classroom")
    .description(
      "write the instructor's grading repository for GitHub Classroom: a workflow that clones the class, grades it in parallel jobs and merges the gradebook",
    )
    .argument("<dir>", "the grading repository's folder (created if missing)")
    .option(
      "--shards <n>",
      `grading jobs the class is split into, ${SHARDS.min} to ${SHARDS.max}`,
      positiveInteger("--shards"),
      SHARDS.default,
    )
    .option(
      "--package <spec>",
      "what the workflow installs spikegrade from, an npm spec such as the tarball's URL (default: this spikegrade, packed into DIR)",
    )
    .option("--json", "print one JSON object on stdout, nothing else")
    .action(async (dir: string, options: InitClassroomOptions) => {
      // InitError (a file that exists, a count of shards out of range) is misuse, ended in main.
      const result = await initGradingRepository({
        dir,
        shards: options.shards,
        packageSpec: options.package,
      });
      if (options.json) {
        process.stdout.write(`${JSON.stringify(result)}\n`);
        return;
      }
      process.stdout.write(`Wrote the grading repository in ${dir}:\n`);
      for (const file of result.files) process.stdout.write(`  ${shownPath(file)}\n`);
      process.stdout.write(
        [
          "Next (docs/github-classroom.md):",
          "  1. push it to a PRIVATE repository that no student can read",
          "  2. add its secrets: CLASSROOM_TOKEN (a token of an organisation owner that reads the students' repositories) and SPIKEGRADE_SECRET (the course secret)",
          "  3. Actions > spikegrade grade > Run workflow, with the assignment's id (gh classroom assignments lists them)",
          'The gradebook is the run\'s artifact "gradebook".',
          "",
        ].join("\n"),
      );
    });
}
