import { CommanderError } from "commander";
import { GradeSetupError } from "../grading/grade-options.js";
import {
  BundleSetupError,
  ExportError,
  MergeConflictError,
  MergeSetupError,
  SweepSetupError,
  SweepWriteError,
} from "../grading/refusals.js";
import { InitError } from "../submission/init.js";

/** The contract's exit codes: 0 done (and, for check and validate, all good), 1 a result or a fault, 2 misuse. */
export const EXIT = { ok: 0, failed: 1, misuse: 2 } as const;

/**
 * What ends a command before its work is done: a code to branch on, never the message, and the
 * exit code the contract gives it. The message is for the person at the terminal.
 */
export class SpikegradeError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** The command was asked for wrongly (a folder that is not one, a variable unset): exit 2. */
export class UsageError extends SpikegradeError {
  constructor(message: string) {
    super(message, "spikegrade.usage", EXIT.misuse);
  }
}

/** The library's refusals, by their class, as the CLI's errors; undefined for anything else. */
function fromLibrary(error: unknown): SpikegradeError | undefined {
  if (error instanceof SpikegradeError) return error;
  if (
    error instanceof GradeSetupError ||
    error instanceof BundleSetupError ||
    error instanceof ExportError ||
    error instanceof MergeSetupError ||
    error instanceof InitError ||
    error instanceof SweepSetupError
  ) {
    return new UsageError(error.message);
  }
  if (error instanceof SweepWriteError) {
    return new SpikegradeError(error.message, "spikegrade.sweepUnwritable", EXIT.failed);
  }
  if (error instanceof MergeConflictError) {
    return new SpikegradeError(
      `${error.message}; nothing was written`,
      "spikegrade.mergeConflict",
      EXIT.failed,
    );
  }
  return undefined;
}

/**
 * The one way a command ends in error: every misuse and fault is thrown, by commander (a value
 * its parsers refused, an unknown option: commander has already said what and shown the help) or
 * by an action, and reported here, once, with its exit code. Anything else is a bug of
 * spikegrade's and is rethrown, to end the run with its stack.
 */
export function reportError(error: unknown, command: string | undefined): number {
  if (error instanceof CommanderError) {
    // Help and --version end through here too, with 0; every other commander error is misuse.
    return error.exitCode === 0 ? EXIT.ok : EXIT.misuse;
  }
  const known = fromLibrary(error);
  if (known === undefined) throw error;
  process.stderr.write(`spikegrade${command ? ` ${command}` : ""}: ${known.message}\n`);
  return known.exitCode;
}
