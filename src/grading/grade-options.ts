import { SECRET_VARIABLE } from "./hidden-inputs.js";

/** A problem with how grading was asked for (not with any submission): the CLI's exit 2. */
export class GradeSetupError extends Error {
  override name = "GradeSetupError";
}

/**
 * A rule a value from gradeClass's caller must satisfy, with what it expects in words. Each rule
 * is written once, here. gradeClass applies it to whatever it is given (it is a library API: a
 * caller may pass anything); the CLI's commander parsers apply the same rule to what was typed,
 * so that misuse is refused before anything starts, in the command line's terms (--jobs,
 * seconds), and a value the CLI lets through is never one gradeClass refuses.
 */
export interface Rule<T> {
  holds(value: T): boolean;
  /** "a whole number of at least 1": what a message says is expected. */
  expected: string;
}

/** Teams graded at once, each in a worker process of its own. */
export const JOBS: Rule<number> = {
  holds: (jobs) => Number.isInteger(jobs) && jobs >= 1,
  expected: "a whole number of at least 1",
};

/** The time limit of each simulator call, in whatever unit it is given (ms, or --timeout's s). */
export const TIME_LIMIT: Rule<number> = {
  holds: (limit) => Number.isFinite(limit) && limit > 0,
  expected: "a positive number",
};

/** The course secret the hidden inputs are derived from: any text but the empty one. */
export function isCourseSecret(secret: string | undefined): secret is string {
  return secret !== undefined && secret !== "";
}

/** Refuses the options gradeClass cannot grade with, before anything is read or started. */
export function checkGradeOptions(options: {
  jobs?: number;
  timeoutMs: number;
  secret?: string;
}): void {
  if (options.jobs !== undefined && !JOBS.holds(options.jobs)) {
    throw new GradeSetupError(`jobs must be ${JOBS.expected}, not ${options.jobs}`);
  }
  if (!TIME_LIMIT.holds(options.timeoutMs)) {
    throw new GradeSetupError(
      `the time limit must be ${TIME_LIMIT.expected} of ms, not ${options.timeoutMs}`,
    );
  }
  // No secret means no hidden checks; a secret given must be a usable one.
  if (options.secret !== undefined && !isCourseSecret(options.secret)) {
    throw new GradeSetupError(`the course secret (${SECRET_VARIABLE}) is empty`);
  }
}
