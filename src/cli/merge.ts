import type { Command } from "commander";
import { mergeGradebooks } from "../grading/merge.js";
import { EXIT } from "./errors.js";

interface MergeOptions {
  out?: string;
  json?: boolean;
}

export function mergeCommand(program: Command): void {
  program
    .command("merge")
    .description(
      "join the gradebook parts of sharded `grade --shard` runs (or whole gradebooks) into one gradebook",
    )
    .argument(
      "<out...>",
      "output folders holding gradebook.part-K-of-N.json files (or a gradebook.json)",
    )
    .option("--out <dir>", "where the joined gradebook goes (default: the first folder)")
    .option("--json", "print the gradebook as one JSON object on stdout, nothing else")
    .action(async (outs: string[], options: MergeOptions) => {
      const human = options.json ? process.stderr : process.stdout;
      // MergeSetupError (misuse) and MergeConflictError (nothing written) end the run in main.
      const merged = await mergeGradebooks({ outs, dest: options.out });
      const { summary } = merged.gradebook;
      human.write(
        `Merged ${merged.read.length} ${merged.read.length === 1 ? "file" : "files"}: ${summary.teams} teams, ${summary.students} students (pass ${summary.pass}, fail ${summary.fail}, error ${summary.error})\n`,
      );
      for (const warning of merged.gradebook.warnings) human.write(`Warning: ${warning}\n`);
      if (merged.missing.length > 0) {
        human.write(
          `Incomplete: no part for shard ${merged.missing.join(", ")}; their teams are not in the gradebook\n`,
        );
      }
      human.write(`Gradebook: ${merged.files.join(", ")}\n`);
      if (options.json) process.stdout.write(`${JSON.stringify(merged.gradebook)}\n`);
      process.exitCode = merged.missing.length > 0 ? EXIT.failed : EXIT.ok;
    });
}
