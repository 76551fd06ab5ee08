import { relative } from "node:path";
import { type Command, Option } from "commander";
import { initSubmission, STARTER_LANGUAGES } from "../submission/init.js";
import type { SimulatorLanguage } from "../submission/language.js";

interface InitOptions {
  language: SimulatorLanguage;
  team?: string;
  json?: boolean;
}

export function initCommand(program: Command): void {
  program
    .command("init")
    .description("write a starter submission whose two functions are still to be written")
    .argument("<dir>", "the submission folder (created if missing; its name is the team's)")
    .addOption(
      new Option("--language <language>", "the simulator's language")
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
      process.stdout.write(
        `Next: put your names and student ids in submission.json, write the two functions, then run\n  spikegrade check ${/[\s'"]/.test(dir) ? JSON.stringify(dir) : dir}\n`,
      );
    });
}
