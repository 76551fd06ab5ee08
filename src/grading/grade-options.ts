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

/**
 * The shortest course secret accepted. The derivation of the hidden inputs is public, so a
 * short or guessable secret would let a student compute them; 16 random characters are beyond
 * any guess.
 */
const SECRET_MIN_LENGTH = 16;

/** Why a course secret cannot be used (unset, empty, too short), or undefined when it can. */
export function secretProblem(secret: string | undefined): string | undefined {
  const make = "make one with `openssl rand -hex 32`, keep it for the whole term";
  if (secret === undefined) return `${SECRET_VARIABLE} is not set (${make})`;
  if (secret === "") return `the course secret (${SECRET_VARIABLE}) is empty (${make})`;
  if ([...secret].length < SECRET_MIN_LENGTH || new Set(secret).size < 4) {
    return `the course secret (${SECRET_VARIABLE}) is too easy to guess: use at least ${SECRET_MIN_LENGTH} random characters (${make})`;
  }
  return undefined;
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
  const problem = options.secret === undefined ? undefined : secretProblem(options.secret);
  if (problem !== undefined) throw new GradeSetupError(problem);
}
