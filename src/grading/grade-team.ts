import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { type GradingReference, loadGradingReference } from "../checks/load-reference.js";
import type { GradingRubric, HiddenParameterValues, Rubric } from "../protocol/types.js";
import type { IsolationRequest } from "../submission/call-result.js";
import { checkSubmission } from "./check-submission.js";
import { writeTeamOutputs } from "./team-output.js";

/** One team to grade, as the grader sends it to a worker process (plain JSON). */
export interface TeamJob {
  team: string;
  /** The team's submission folder. */
  dir: string;
  /** Time limit of each simulator call, ms. */
  timeoutMs: number;
  isolation: IsolationRequest;
  includeHidden: boolean;
  /** Each hidden check's inputs (never the secret itself, which stays with the grader). */
  hiddenInputs: Record<string, HiddenParameterValues>;
  /** The seeds among them, kept out of student-facing text. */
  hiddenSeeds: number[];
  /** The name of the course secret they came from (secretId), recorded in the marker. */
  secretId?: string;
  fingerprint: string;
  /**
   * The rubric the grader loaded and checked (the package's or a course's own), sent as it is:
   * a worker never reads the file again, which may have changed since.
   */
  rubric: GradingRubric & { json: Rubric };
}

/** What a worker answers: where it staged the team's outputs, and how long grading took. */
export interface TeamDone {
  /** A folder under the worker's TMPDIR; the grader checks it and moves it into OUT/<team>. */
  staged: string;
  elapsedMs: number;
}

const references = new Map<string, Promise<GradingReference>>();

/** The rubric a job carries, with the package's tolerances, checked once per process. */
function referenceFor(job: TeamJob): Promise<GradingReference> {
  const key = job.rubric.sha256;
  let loaded = references.get(key);
  if (loaded === undefined) {
    const rubric = { json: job.rubric.json, label: job.rubric.file };
    loaded = loadGradingReference({ rubric }).then((r) => {
      if (!r.ok) throw new Error(r.errors.map((e) => e.message).join("; "));
      return r.value;
    });
    references.set(key, loaded);
  }
  return loaded;
}

/**
 * Grades one team end to end, as a worker process does it: every check (hidden ones with the
 * job's inputs), then the team's outputs staged in a temporary folder of the worker's, which the
 * grader's main process checks and moves into OUT (a worker never writes OUT).
 */
export async function gradeTeam(job: TeamJob): Promise<TeamDone> {
  const started = performance.now();
  const staged = await mkdtemp(join(tmpdir(), "team-"));
  const reference = await referenceFor(job);
  const checked = await checkSubmission({
    dir: job.dir,
    teamFrom: "folder",
    reference,
    timeoutMs: job.timeoutMs,
    isolation: job.isolation,
    includeHidden: job.includeHidden,
    hiddenInputs: (id) => (Object.hasOwn(job.hiddenInputs, id) ? job.hiddenInputs[id] : undefined),
  });
  const elapsedMs = performance.now() - started;
  await writeTeamOutputs(
    checked,
    { student: staged, instructor: staged },
    {
      fingerprint: job.fingerprint,
      hidden: job.includeHidden,
      hiddenSeeds: job.hiddenSeeds,
      hiddenInputs: job.hiddenInputs,
      ...(job.secretId !== undefined ? { secretId: job.secretId } : {}),
      rubric: { sha256: job.rubric.sha256, file: job.rubric.file },
      elapsedMs,
    },
  );
  return { staged, elapsedMs };
}
