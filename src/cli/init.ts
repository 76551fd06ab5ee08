import { relative } from "node:path";
import { type Command, Option } from "commander";
import { initSubmission, STARTER_LANGUAGES, type StarterLanguage } from "../submission/init.js";

interface InitOptions {
  language: StarterLanguage;
  team?: string;
  json?: boolean;
}

export function initCommand(program: Command): void {
  program
    .command("init")
    .description("write a starter submission whose two functions are still to be written")
    .argument("<dir>", "the submission folder (created if missing; its name is the team's)")
    .addOption(
      new Option(
        "--language <language>",
        "the simulator's language, or results for a team that hands in its Figure 1 data",
      )
        .choices(STARTER_LANGUAGES)
        .makeOptionMandatory(),
    )
    .option("--team <team>", "the team's name (default: from the folder's name)")
    .option("--json", "print one JSON object on stdout, nothing else")
    .action(async (dir: string, options: InitOptions) => {
      // InitError (a folder that cannot be used, a bad team name) is misuse, ended in main.
      const result = await initSubmission({ dir, language: options.language, team: options.team });
      if (options.json) {
        process.stdout.write(`${JSON.stringify(result)}\n`);
        return;
      }
      process.stdout.write(`Started team "${result.team}" in ${dir}:\n`);
      for (const file of result.files) process.stdout.write(`  ${relative(process.cwd(), file)}\n`);
      const todo =
        options.language === "results"
          ? "make run_panel in make_results.py return your simulation's data, run python3 make_results.py"
          : "write the two functions";
      process.stdout.write(
        `Next: put your names and student ids in submission.json, ${todo}, then run\n  spikegrade check ${/[\s'"]/.test(dir) ? JSON.stringify(dir) : dir}\n`,
      );
    });
}
