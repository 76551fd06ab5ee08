import { relative } from "node:path";
import type { Command } from "commander";
import { InitError, initSubmission, STARTER_LANGUAGES } from "../submission/init.js";
import type { SimulatorLanguage } from "../submission/language.js";

export function initCommand(program: Command): void {
  program
    .command("init")
    .description("write a starter submission whose two functions are still to be written")
    .argument("<dir>", "the submission folder (created if missing; its name is the team's)")
    .requiredOption("--language <language>", `one of ${STARTER_LANGUAGES.join(", ")}`)
    .option("--team <team>", "the team's name (default: from the folder's name)")
    .option("--json", "print one JSON object on stdout, nothing else")
    .action(async (dir: string, options: { language: string; team?: string; json?: boolean }) => {
      if (!(STARTER_LANGUAGES as string[]).includes(options.language)) {
        process.stderr.write(
          `spikegrade init: --language must be one of ${STARTER_LANGUAGES.join(", ")}, not ${JSON.stringify(options.language)}\n`,
        );
        process.exit(2);
      }
      try {
        const result = await initSubmission({
          dir,
          language: options.language as SimulatorLanguage,
          team: options.team,
        });
        if (options.json) {
          process.stdout.write(`${JSON.stringify(result)}\n`);
          return;
        }
        process.stdout.write(`Started team "${result.team}" in ${dir}:\n`);
        for (const file of result.files)
          process.stdout.write(`  ${relative(process.cwd(), file)}\n`);
        process.stdout.write(
          `Next: put your names and student ids in submission.json, write the two functions, then run\n  spikegrade check ${/[\s'"]/.test(dir) ? JSON.stringify(dir) : dir}\n`,
        );
      } catch (error) {
        if (!(error instanceof InitError)) throw error;
        process.stderr.write(`spikegrade init: ${error.message}\n`);
        process.exit(2);
      }
    });
}
