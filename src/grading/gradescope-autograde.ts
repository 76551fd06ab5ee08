/**
 * One Gradescope submission graded inside Gradescope's container: the autograder bundle's
 * run_autograder calls this (through `spikegrade autograde`). It builds the team folder from
 * /autograder/submission, grades it as `grade` would, and writes /autograder/results/results.json
 * from the team's gradescope.json. Whatever goes wrong, a valid results.json is written: 0
 * points and what to do.
 */

import { cp, mkdir, rm } from "node:fs/promises";
import { basename, join } from "node:path";
import { formatJson } from "../protocol/json-format.js";
import { readJsonFile } from "../protocol/read-json.js";
import { validate } from "../protocol/schemas.js";
import type { GradescopeResults, Manifest } from "../protocol/types.js";
import type { IsolationRequest } from "../submission/call-result.js";
import { isolationSummary } from "../submission/isolation.js";
import { gradeClass } from "./grade-class.js";
import { secretProblem } from "./grade-options.js";
import { gradescopeFailure } from "./gradescope.js";
import {
  type LocatedSubmission,
  locateSubmission,
  manifestFromMetadata,
  readMetadata,
  teamOfUploaded,
} from "./gradescope-submission.js";
import { GRADESCOPE_FILE } from "./team-output.js";
import { writeAtomic } from "./write-atomic.js";

export interface AutogradeOptions {
  /** Gradescope's /autograder, or a recreated tree in tests. */
  root: string;
  /** Run the hidden checks too, on inputs derived from secret. */
  hidden: boolean;
  /** The course secret (from the bundle): without one, hidden grading does not start. */
  secret?: string;
  isolation: IsolationRequest;
  /** Time limit of each simulator call, ms. */
  timeoutMs: number;
  /** A rubric file to grade with instead of the package's (the bundle's rubric.json). */
  rubric?: string;
  /** Lines for the instructor: run_autograder's stdout, which students never see. */
  log: (line: string) => void;
}

export interface AutogradeOutcome {
  results: GradescopeResults;
  /** Where results.json was written. */
  path: string;
  /** The team graded, when a team folder could be made. */
  team?: string;
}

/**
 * The whole grading's wall limit, ms: within Gradescope's default overall timeout of 10 minutes
 * (docs/troubleshooting.md of Gradescope's autograder docs), so that a submission that runs too
 * long still gets a results.json saying so rather than Gradescope's bare timeout.
 */
const TEAM_WALL_MS = 8 * 60_000;

/** The student's words for a fault of the grader's, whose details go to the instructor's log. */
const GRADER_FAULT =
  "The autograder broke while grading this submission; this is not a verdict on your work. Submit again; if this message comes back, tell your instructor (the autograder's log says what happened).";

/** The student's words for an autograder that cannot grade at all, set up wrongly. */
const NOT_SET_UP =
  "The autograder is not set up right on Gradescope's machine, so nothing was graded; this is not a problem with your submission. Tell your instructor (the autograder's log says what to fix).";

/** Grades the submission under options.root and writes its results.json; never rejects. */
export async function autograde(options: AutogradeOptions): Promise<AutogradeOutcome> {
  const path = join(options.root, "results", "results.json");
  let outcome: { results: GradescopeResults; team?: string };
  try {
    outcome = await gradeSubmission(options);
  } catch (error) {
    options.log(`spikegrade autograde: ${(error as Error)?.stack ?? String(error)}`);
    outcome = { results: gradescopeFailure(GRADER_FAULT) };
  }
  const results = checkedResults(outcome.results, options.log);
  await mkdir(join(options.root, "results"), { recursive: true });
  await writeAtomic(path, formatJson(results));
  return { results, path, team: outcome.team };
}

/** The results if they are valid as Gradescope documents them, else the grader's fault. */
function checkedResults(
  results: GradescopeResults,
  log: (line: string) => void,
): GradescopeResults {
  try {
    const valid = validate("gradescope", results);
    if (valid.ok) return valid.value;
    log(`results.json would not be valid: ${valid.errors.map((e) => e.message).join("; ")}`);
  } catch (error) {
    log(`results.json could not be checked: ${(error as Error)?.message}`);
  }
  return gradescopeFailure(GRADER_FAULT);
}

async function gradeSubmission(
  options: AutogradeOptions,
): Promise<{ results: GradescopeResults; team?: string }> {
  const secret = options.hidden ? options.secret : undefined;
  const unusable = options.hidden ? secretProblem(secret) : undefined;
  if (unusable !== undefined) {
    options.log(
      `The hidden checks need the course secret, and ${unusable}: make the bundle again with --hidden`,
    );
    return { results: gradescopeFailure(NOT_SET_UP) };
  }
  const isolation = await isolationSummary(options.isolation, { hidden: options.hidden });
  if (!isolation.ok) {
    options.log(`The autograder cannot grade here: ${isolation.message}`);
    return { results: gradescopeFailure(NOT_SET_UP) };
  }
  options.log(isolation.line);
  const { metadata, problem } = await readMetadata(join(options.root, "submission_metadata.json"));
  if (problem !== undefined) options.log(`submission_metadata.json not used: ${problem}`);
  const located = await locate(join(options.root, "submission"));
  if (!located.ok) {
    options.log(`Not graded: ${located.message}`);
    return { results: gradescopeFailure(located.message) };
  }
  const work = join(options.root, "spikegrade-work");
  await rm(work, { recursive: true, force: true });
  const made = located.manifest === "made" ? manifestFromMetadata(metadata, located.entry) : null;
  const team =
    made?.team ?? (await teamOfUploaded(join(located.folder, "submission.json"), metadata));
  const teamDir = join(work, "class", team);
  await copySubmission(located.folder, teamDir);
  if (made !== null) await writeAtomic(join(teamDir, "submission.json"), formatJson(made));
  options.log(
    `Team ${team} from ${located.folder}${made ? " (submission.json made from Gradescope's users)" : ""}`,
  );
  const out = join(work, "out");
  await gradeClass({
    dir: join(work, "class"),
    out,
    jobs: 1,
    timeoutMs: options.timeoutMs,
    isolation: options.isolation,
    secret,
    rubric: options.rubric,
    teamWallMs: TEAM_WALL_MS,
    onEvent: (event) => {
      if (event.kind === "team") {
        options.log(
          `Graded ${event.line.team}: ${event.line.status}, ${Math.round(event.elapsedMs / 1000)} s`,
        );
      }
    },
  });
  const read = await readJsonFile(join(out, team, GRADESCOPE_FILE));
  if (!read.ok) throw new Error(`the team's ${GRADESCOPE_FILE}: ${read.errors[0]?.message}`);
  const results = read.value as GradescopeResults;
  return { results: made ? withNote(results, madeNote(made)) : results, team };
}

async function locate(submissionDir: string): Promise<LocatedSubmission> {
  try {
    return await locateSubmission(submissionDir);
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException;
    if (code === "ENOENT" || code === "ENOTDIR") {
      return {
        ok: false,
        message: "Gradescope handed the autograder no submission folder; submit again.",
      };
    }
    throw error;
  }
}

/** The files as uploaded, links kept as links (the grader's folder scan judges them). */
async function copySubmission(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  await cp(from, to, {
    recursive: true,
    verbatimSymlinks: true,
    // spikegrade check's own output, and what macOS adds to a zip, are no part of the work.
    filter: (source) => ![".spikegrade", "__MACOSX"].includes(basename(source)),
  });
}

/** What a student should know of a manifest spikegrade made for them. */
function madeNote(manifest: Manifest): string {
  const what = manifest.simulator?.entry ?? manifest.results;
  const who = manifest.members.map((m) => m.name).join(", ");
  return `No submission.json was uploaded: graded ${what} as team ${manifest.team} (${who}).`;
}

function withNote(results: GradescopeResults, note: string): GradescopeResults {
  return { ...results, output: results.output ? `${note}\n${results.output}` : note };
}
