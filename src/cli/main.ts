#!/usr/bin/env node
import { Command } from "commander";
import { SPIKEGRADE_VERSION } from "../grading/version.js";
import { answersCommand } from "./answers.js";
import { checkCommand } from "./check.js";
import { reportError } from "./errors.js";
import { exportCommand } from "./export.js";
import { gradeCommand } from "./grade.js";
import { gradescopeCommand } from "./gradescope.js";
import { initCommand } from "./init.js";
import { initClassroomCommand } from "./init-classroom.js";
import { mergeCommand } from "./merge.js";
import { referenceCommand } from "./reference.js";
import { rubricCommand } from "./rubric.js";
import { sweepCommand } from "./sweep.js";
import { validateCommand } from "./validate.js";

// Output piped into `head` and closed early is not an error of ours.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

// A signal ends the run through process.exit, so that the exit hooks run: temporary folders are
// removed, and every simulator and grading worker is stopped with the run.
for (const [signal, number] of [
  ["SIGINT", 2],
  ["SIGTERM", 15],
  ["SIGHUP", 1],
] as const) {
  process.once(signal, () => process.exit(128 + number));
}

/** The command whose action runs, to name it in what it ends with. */
let running: string | undefined;

const program = new Command();
program
  .name("spikegrade")
  .description("Grades reproductions of Figure 1 of Mainen & Sejnowski (1995)")
  .version(SPIKEGRADE_VERSION)
  .showHelpAfterError()
  // commander throws instead of exiting, so that its errors end the run where ours do.
  .exitOverride()
  .hook("preAction", (_program, action) => {
    running = action.name();
  });

checkCommand(program);
gradeCommand(program);
gradescopeCommand(program);
mergeCommand(program);
exportCommand(program);
referenceCommand(program);
rubricCommand(program);
sweepCommand(program);
answersCommand(program);
validateCommand(program);
initCommand(program);
initClassroomCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // process.exit, as for a signal: the exit hooks stop whatever the command had started.
  process.exit(reportError(error, running));
}
