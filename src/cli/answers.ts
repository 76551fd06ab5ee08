import type { Command } from "commander";
import { writeClassAnswers } from "../grading/answers-writer.js";
import { EXIT } from "./errors.js";
import { existingFile } from "./options.js";
import { RUBRIC_OPTION_HELP } from "./rubric.js";

export function answersCommand(program: Command): void {
  program
    .command("answers")
    .description(
      "read every team's notebook in DIR (without running it) and write OUT/answers/answers.json: the written answers to the QUESTION prompts, by question",
    )
    .argument("<dir>", "the class folder, one folder per team")
    .requiredOption("--out <dir>", "the output folder")
    .option(
      "--template <file>",
      "the notebook handed out to the class: its QUESTION prompts are the questions (without it, prompts are matched across the class)",
    )
    .option("--rubric <file>", RUBRIC_OPTION_HELP, existingFile)
    .action(async (dir: string, options: { out: string; template?: string; rubric?: string }) => {
      const { document, path, pages } = await writeClassAnswers({
        classDir: dir,
        outDir: options.out,
        ...(options.template === undefined ? {} : { template: options.template }),
        ...(options.rubric === undefined ? {} : { rubric: options.rubric }),
      });
      const answered = document.teams.reduce(
        (sum, team) => sum + team.answers.filter((answer) => answer.found !== "missing").length,
        0,
      );
      process.stderr.write(
        `Read ${document.teams.length} teams' notebooks: ${document.questions.length} questions, ${answered} answers. Wrote ${path}\n`,
      );
      const index = pages.find((page) => page.endsWith("index.html"));
      process.stderr.write(
        `Grade them by question: ${index} (${pages.length - 1} question pages; the points and comments you give save to manual-scores.json, for grade --manual)\n`,
      );
      for (const team of document.teams) {
        for (const warning of team.warnings) process.stderr.write(`  ${team.team}: ${warning}\n`);
      }
      for (const warning of document.warnings) process.stderr.write(`  ${warning}\n`);
      process.exitCode = EXIT.ok;
    });
}
