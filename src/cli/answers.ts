import type { Command } from "commander";
import { writeClassAnswers } from "../grading/answers-writer.js";
import { EXIT } from "./errors.js";

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
    .action(async (dir: string, options: { out: string; template?: string }) => {
      const { document, path } = await writeClassAnswers({
        classDir: dir,
        outDir: options.out,
        ...(options.template === undefined ? {} : { template: options.template }),
      });
      const answered = document.teams.reduce(
        (sum, team) => sum + team.answers.filter((answer) => answer.found !== "missing").length,
        0,
      );
      process.stderr.write(
        `Read ${document.teams.length} teams' notebooks: ${document.questions.length} questions, ${answered} answers. Wrote ${path}\n`,
      );
      for (const team of document.teams) {
        for (const warning of team.warnings) process.stderr.write(`  ${team.team}: ${warning}\n`);
      }
      for (const warning of document.warnings) process.stderr.write(`  ${warning}\n`);
      process.exitCode = EXIT.ok;
    });
}
