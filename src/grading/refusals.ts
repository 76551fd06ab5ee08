/**
 * The grading library's refusals, each a class the CLI maps to its exit code (src/cli/errors.ts).
 * They live apart from the code that throws them so that the CLI can tell them apart without
 * loading that code (a class's grading, the Gradescope bundle's zip) for every command.
 */

/** An export asked for wrongly (no gradebook, a worksheet spikegrade cannot fill): exit 2. */
export class ExportError extends Error {
  override name = "ExportError";
}

/** A problem with how the bundle was asked for, or with this installation: the CLI's exit 2. */
export class BundleSetupError extends Error {
  override name = "BundleSetupError";
}

/** Folders that cannot be merged as asked (missing, holding no gradebook): the CLI's exit 2. */
export class MergeSetupError extends Error {}

/** Parts that contradict each other (a team twice, two shardings): nothing is written. */
export class MergeConflictError extends Error {}

/** `spikegrade sweep DIR` cannot sweep DIR: not a submission, or one without a simulator. */
export class SweepSetupError extends Error {}

/** The sweep's output folder could not be written (a file in the way, no permission, a full disk). */
export class SweepWriteError extends Error {}
