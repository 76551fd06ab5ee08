#!/usr/bin/env node
import { Command } from "commander";
import { checkCommand } from "./check.js";
import { gradeCommand } from "./grade.js";
import { initCommand } from "./init.js";
import { mergeCommand } from "./merge.js";
import { referenceCommand } from "./reference.js";
import { validateCommand } from "./validate.js";

// Output piped into `head` and closed early is not an error of ours.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

const program = new Command();
program
  .name("spikegrade")
  .description("Grades reproductions of Figure 1 of Mainen & Sejnowski (1995)")
  .version("0.1.0")
  .showHelpAfterError()
  // SPEC: misuse exits 2.
  .exitOverride((err) => {
    process.exit(err.exitCode === 0 ? 0 : 2);
  });

checkCommand(program);
gradeCommand(program);
mergeCommand(program);
referenceCommand(program);
validateCommand(program);
initCommand(program);

await program.parseAsync(process.argv);
