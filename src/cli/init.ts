import { type Command, Option } from "commander";
import { initStarterRepository } from "../grading/github-classroom.js";
import { shownPath } from "../protocol/shown-path.js";
import { initSubmission, STARTER_LANGUAGES, type StarterLanguage } from "../submission/init.js";
import { UsageError } from "./errors.js";

interface InitOptions {
  language: StarterLanguage;
  team?: string;
  ci?: "github";
  package?: string;
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
    .addOption(
      new Option(
        "--ci <platform>",
        "also make DIR a starter repository whose workflow checks every push (GitHub Classroom)",
      ).choices(["github"]),
    )
    .option(
      "--package <spec>",
      "with --ci: what the workflow installs spikegrade from, an npm spec such as the tarball's URL (default: this spikegrade, packed into DIR)",
    )
    .option("--json", "print one JSON object on stdout, nothing else")
    .action(async (dir: string, options: InitOptions) => {
      if (options.package !== undefined && options.ci === undefined) {
        throw new UsageError(
          "--package says where a CI workflow installs spikegrade from; it goes with --ci github",
        );
      }
      // InitError (a folder that cannot be used, a bad team name) is misuse, ended in main.
      const request = { dir, language: options.language, team: options.team };
      const result = options.ci
        ? await initStarterRepository({ ...request, packageSpec: options.package })
        : await initSubmission(request);
      if (options.json) {
        process.stdout.write(`${JSON.stringify(result)}\n`);
        return;
      }
      process.stdout.write(`Started team "${result.team}" in ${dir}:\n`);
      for (const file of result.files) process.stdout.write(`  ${shownPath(file)}\n`);
      process.stdout.write(
        options.ci ? starterRepositoryNext(dir) : `${submissionNext(dir, options.language)}\n`,
      );
    });
}

function shellWord(text: string): string {
  return /[\s'"]/.test(text) ? JSON.stringify(text) : text;
}

function submissionNext(dir: string, language: StarterLanguage): string {
  const todo =
    language === "results"
      ? "make run_panel in make_results.py return your simulation's data, run python3 make_results.py"
      : "write the two functions";
  return `Next: put your names and student ids in submission.json, ${todo}, then run\n  spikegrade check ${shellWord(dir)}`;
}

/** What an instructor does with a starter repository, step by step. */
function starterRepositoryNext(dir: string): string {
  return [
    `Next: make ${dir} the assignment's starter repository (docs/github-classroom.md):`,
    `  1. cd ${shellWord(dir)} && git init && git add . && git commit -m "Starter"`,
    "  2. push it to a repository of the classroom's organisation, and tick Settings > Template repository",
    "  3. choose it as the assignment's template repository in GitHub Classroom",
    "Each student's push then runs the public checks: the checklist is in the run's summary, the report in its artifacts.",
    "",
  ].join("\n");
}
