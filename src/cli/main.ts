#!/usr/bin/env node
import { Command } from "commander";
import { SPIKEGRADE_VERSION } from "../grading/version.js";
import { reportError } from "./errors.js";

// Output piped into `head` and closed early is not an error of ours.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

/** The command whose action runs, to name it in what it ends with. */
let running: string | undefined;

// A signal ends the run through process.exit, so that the exit hooks run: temporary folders are
// removed, and every simulator and grading worker is stopped with the run. It says so on stderr
// first: after a Ctrl-C, a silent prompt left a student unsure whether the checks had finished.
for (const [signal, number] of [
  ["SIGINT", 2],
  ["SIGTERM", 15],
  ["SIGHUP", 1],
] as const) {
  process.once(signal, () => {
    try {
      process.stderr.write(`\n${interruptedLine(signal, running)}\n`);
    } catch {
      // The terminal is gone (SIGHUP): nobody to tell.
    }
    process.exit(128 + number);
  });
}

/** What a run stopped by a signal ends with: what stopped, and what is kept. */
function interruptedLine(signal: "SIGINT" | "SIGTERM" | "SIGHUP", command?: string): string {
  const how = signal === "SIGINT" ? "Ctrl-C (SIGINT)" : signal;
  const who = command === undefined ? "spikegrade" : `spikegrade ${command}`;
  const stopped = `${who}: stopped by ${how} before it finished`;
  if (command === "check") {
    return `${stopped}, and its simulator with it; no report of this run was written. Run it again to see every check.`;
  }
  if (command === "grade") {
    return `${stopped}. Each team graded so far is kept in the output folder: the same command grades only the rest, then writes the gradebook.`;
  }
  return `${stopped}.`;
}

const program = new Command();
program
  .name("spikegrade")
  .description("Grades reproductions of Figure 1 of Mainen & Sejnowski (1995)")
  .version(SPIKEGRADE_VERSION)
  // One line of advice, not the whole help: after 30 lines of options the error itself had
  // scrolled off a student's screen.
  .showHelpAfterError(
    "(spikegrade COMMAND --help lists its options; spikegrade --help the commands)",
  )
  // commander throws instead of exiting, so that its errors end the run where ours do.
  .exitOverride()
  .hook("preAction", (_program, action) => {
    running = action.name();
  });

/**
 * Each command's module, by the commands it declares, in the order help lists them. A command's
 * module loads the library it needs, so only the one asked for is loaded (`check` has no use for
 * the zip readers, the answers' Markdown and syntax highlighting or the Gradescope bundle, some
 * quarter of a second of loading); `--version` alone loads none; help and a command commander
 * does not know load them all.
 */
const COMMANDS: [readonly string[], () => Promise<(program: Command) => void>][] = [
  [["check"], async () => (await import("./check.js")).checkCommand],
  [["grade"], async () => (await import("./grade.js")).gradeCommand],
  [["gradescope", "autograde"], async () => (await import("./gradescope.js")).gradescopeCommand],
  [["merge"], async () => (await import("./merge.js")).mergeCommand],
  [["export"], async () => (await import("./export.js")).exportCommand],
  [["reference"], async () => (await import("./reference.js")).referenceCommand],
  [["rubric"], async () => (await import("./rubric.js")).rubricCommand],
  [["sweep"], async () => (await import("./sweep.js")).sweepCommand],
  [["answers"], async () => (await import("./answers.js")).answersCommand],
  [["validate"], async () => (await import("./validate.js")).validateCommand],
  [["init"], async () => (await import("./init.js")).initCommand],
  [["init-classroom"], async () => (await import("./init-classroom.js")).initClassroomCommand],
];

const first = process.argv[2];
if (first === "check") {
  // A Python submission's check waits first for the probe of the Python that runs it (most of a
  // second behind a pyenv shim): started here, before the command's modules load. The folder is
  // the first argument that is not an option; where that guess is wrong (an option's value comes
  // first), nothing starts, and the check starts the probe itself once it has read the manifest.
  const dir = process.argv.slice(3).find((arg) => !arg.startsWith("-")) ?? ".";
  (await import("../submission/early-start.js")).prepareSimulatorIn(dir);
}
const asked = COMMANDS.find(([names]) => names.includes(first));
const versionOnly = process.argv.length === 3 && (first === "--version" || first === "-V");
const declared = asked ? [asked] : versionOnly ? [] : COMMANDS;
for (const declare of await Promise.all(declared.map(([, load]) => load()))) {
  declare(program);
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // process.exit, as for a signal: the exit hooks stop whatever the command had started.
  process.exit(reportError(error, running));
}
